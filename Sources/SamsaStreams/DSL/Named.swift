/// A processor name chosen by the user instead of Kafka's generated `KSTREAM-…-0000000007` (Kafka's `Named`).
public struct Named: Sendable, Equatable, ExpressibleByStringLiteral {
    public var name: String
    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { self.init(value) }
    public static func `as`(_ name: String) -> Named { Named(name) }
}

extension Named {
    /// Kafka's rule for processor, store and internal topic names (`Named.validate`); nil when legal.
    static func problem(with name: String) -> String? {
        if name.isEmpty { return "Name is illegal, it can't be empty" }
        if name == "." || name == ".." { return "Name cannot be \".\" or \"..\"" }
        if name.count > 249 { return "Name is illegal, it can't be longer than 249 characters, name: \(name)" }
        let legal = name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) }
        return legal ? nil : "Name \"\(name)\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'"
    }
}

extension StreamsBuilder {
    /// Records an illegal user-given name (processor, store, repartition topic); returns it unchanged.
    @discardableResult
    func validated(_ name: String) -> String {
        if let problem = Named.problem(with: name) { fail(problem) }
        return name
    }
}

extension Optional where Wrapped == Named {
    /// The user's name, or the next generated one with `prefix`.
    func orGenerate(_ builder: StreamsBuilder, prefix: String) -> String {
        self.map { builder.validated($0.name) } ?? builder.newName(prefix: prefix)
    }

    /// `<name><suffix>` for a user name, else a generated one (Kafka's `suffixWithOrElseGet`).
    func suffixed(_ suffix: String, _ builder: StreamsBuilder, prefix: String) -> String {
        if let name = self?.name { return builder.validated(name + suffix) }
        return builder.newName(prefix: prefix)
    }
}
