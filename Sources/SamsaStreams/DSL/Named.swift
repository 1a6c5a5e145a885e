/// A processor name chosen by the user instead of Kafka's generated `KSTREAM-…-0000000007` (Kafka's `Named`).
public struct Named: Sendable, Equatable, ExpressibleByStringLiteral {
    public var name: String
    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { self.init(value) }
    public static func `as`(_ name: String) -> Named { Named(name) }
}

extension Optional where Wrapped == Named {
    /// The user's name, or the next generated one with `prefix`.
    func orGenerate(_ builder: StreamsBuilder, prefix: String) -> String {
        self?.name ?? builder.newName(prefix: prefix)
    }

    /// `<name><suffix>` for a user name, else a generated one (Kafka's `suffixWithOrElseGet`).
    func suffixed(_ suffix: String, _ builder: StreamsBuilder, prefix: String) -> String {
        if let name = self?.name { return name + suffix }
        return builder.newName(prefix: prefix)
    }
}
