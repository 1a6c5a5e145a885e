import Foundation

/// What a person typed to filter the browser's records, parsed:
///
/// | typed            | keeps records whose                                   |
/// |------------------|-------------------------------------------------------|
/// | `text`           | key or value contains `text`                          |
/// | `k:text`         | key contains `text`                                   |
/// | `v:text`         | value contains `text`                                 |
/// | `/regex/`        | key or value matches the regular expression           |
/// | `h:name`         | headers include one named `name`                      |
/// | `h:name=value`   | headers include `name` with exactly the value `value` |
///
/// Case, as vim's smartcase: text and regexes ignore case unless they hold an uppercase letter. Header names
/// and values compare exactly (Kafka's header keys are case-sensitive). Keys and values are read as UTF-8
/// (bytes that are not UTF-8 become U+FFFD, so the text parts of binary values still match). A leading `\`
/// takes the rest literally: `\k:x` looks for "k:x" in key or value.
struct RecordFilter: Sendable {
    enum Kind: Sendable, Equatable {
        case text(String, field: Field)
        case regex(String, field: Field)
        case header(name: String, value: String?)
    }

    enum Field: Sendable, Equatable {
        case keyOrValue, key, value
    }

    /// What the person typed.
    let source: String
    let kind: Kind
    /// False when the pattern holds an uppercase letter (smartcase).
    let ignoresCase: Bool
    private let regex: NSRegularExpression?

    /// Parses what was typed; nil for empty (or blank) text, which filters nothing. A bad pattern throws a
    /// one-sentence `RecordFilterError`.
    static func parse(_ typed: String) throws(RecordFilterError) -> RecordFilter? {
        let text = typed.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return nil }
        if text.hasPrefix("\\") { return RecordFilter(source: typed, kind: .text(String(text.dropFirst()), field: .keyOrValue)) }
        if text.count >= 2, text.hasPrefix("/"), text.hasSuffix("/") {
            let pattern = String(text.dropFirst().dropLast())
            if pattern.isEmpty { throw RecordFilterError("The regular expression between the slashes is empty.") }
            return try RecordFilter(source: typed, regex: pattern, field: .keyOrValue)
        }
        if text.hasPrefix("h:") {
            let rest = text.dropFirst(2)
            let name: Substring
            let value: Substring?
            if let equals = rest.firstIndex(of: "=") {
                name = rest[..<equals]
                value = rest[rest.index(after: equals)...]
            } else {
                name = rest
                value = nil
            }
            if name.isEmpty { throw RecordFilterError("h: needs a header name, as in h:trace-id or h:trace-id=abc.") }
            return RecordFilter(source: typed, kind: .header(name: String(name), value: value.map(String.init)))
        }
        for (prefix, field) in [("k:", Field.key), ("v:", Field.value)] where text.hasPrefix(prefix) {
            let needle = String(text.dropFirst(2))
            if needle.isEmpty { throw RecordFilterError("\(prefix) needs text after it, as in \(prefix)order-42.") }
            if needle.count >= 2, needle.hasPrefix("/"), needle.hasSuffix("/") {
                return try RecordFilter(source: typed, regex: String(needle.dropFirst().dropLast()), field: field)
            }
            return RecordFilter(source: typed, kind: .text(needle, field: field))
        }
        return RecordFilter(source: typed, kind: .text(text, field: .keyOrValue))
    }

    private init(source: String, kind: Kind) {
        self.source = source
        self.kind = kind
        switch kind {
        case .text(let needle, _): ignoresCase = !Self.hasUppercase(needle)
        case .regex(let pattern, _): ignoresCase = !Self.hasUppercase(pattern)
        case .header: ignoresCase = false
        }
        regex = nil
    }

    private init(source: String, regex pattern: String, field: Field) throws(RecordFilterError) {
        self.source = source
        kind = .regex(pattern, field: field)
        ignoresCase = !Self.hasUppercase(pattern)
        do {
            regex = try NSRegularExpression(pattern: pattern, options: ignoresCase ? [.caseInsensitive] : [])
        } catch {
            throw RecordFilterError("/\(pattern)/ is not a valid regular expression.")
        }
    }

    static func hasUppercase(_ text: String) -> Bool { text.contains { $0.isUppercase } }

    /// Whether the record passes the filter.
    func matches(_ record: BrowsedRecord) -> Bool {
        switch kind {
        case .text(let needle, let field):
            return fields(record, field).contains { contains($0, needle) }
        case .regex(_, let field):
            guard let regex else { return false }
            return fields(record, field).contains { text in
                regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            }
        case .header(let name, let value):
            return record.headers.contains { header in
                guard header.key == name else { return false }
                guard let value else { return true }
                return header.value.map { $0.elementsEqual(value.utf8) } ?? false
            }
        }
    }

    /// For the status line: `key or value contains "abc" (ignoring case)`.
    func describe() -> String {
        let caseNote = ignoresCase ? " (ignoring case)" : ""
        switch kind {
        case .text(let needle, let field): return "\(Self.name(field)) contains \"\(needle)\"\(caseNote)"
        case .regex(let pattern, let field): return "\(Self.name(field)) matches /\(pattern)/\(caseNote)"
        case .header(let name, nil): return "has header \(name)"
        case .header(let name, let value?): return "header \(name) = \"\(value)\""
        }
    }

    private static func name(_ field: Field) -> String {
        switch field {
        case .keyOrValue: "key or value"
        case .key: "key"
        case .value: "value"
        }
    }

    private func fields(_ record: BrowsedRecord, _ field: Field) -> [String] {
        var texts: [String] = []
        if field != .value, let key = record.key { texts.append(String(decoding: key, as: UTF8.self)) }
        if field != .key, let value = record.value { texts.append(String(decoding: value, as: UTF8.self)) }
        return texts
    }

    private func contains(_ text: String, _ needle: String) -> Bool {
        ignoresCase ? text.range(of: needle, options: [.caseInsensitive]) != nil : text.contains(needle)
    }
}

extension RecordFilter: Equatable {
    static func == (lhs: RecordFilter, rhs: RecordFilter) -> Bool { lhs.kind == rhs.kind && lhs.source == rhs.source }
}

/// A filter that cannot be used, as one sentence.
struct RecordFilterError: Error, Equatable, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
