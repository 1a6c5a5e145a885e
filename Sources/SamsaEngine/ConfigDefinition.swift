/// One configuration key Samsa understands: its type, default, documentation and, for topic keys, the
/// broker keys (`server.properties`) that set its cluster-wide default.
public struct ConfigDefinition: Sendable {
    public enum Kind: String, Sendable {
        case boolean, string, int, long, double, list

        /// DescribeConfigs v3+ `ConfigType` numbering.
        public var describeCode: Int8 {
            switch self {
            case .boolean: 1
            case .string: 2
            case .int: 3
            case .long: 5
            case .double: 6
            case .list: 7
            }
        }
    }

    public let name: String
    public let kind: Kind
    public let defaultValue: String
    public let documentation: String
    /// Broker keys giving this topic key's default, most specific first, with the factor that converts
    /// their unit into this key's (log.retention.hours → retention.ms is 3,600,000).
    public let brokerSynonyms: [(name: String, factor: Int64)]
    /// Allowed values for enumerations (cleanup.policy, message.timestamp.type).
    public let allowed: [String]
    public let minimum: Int64?
    /// Accepted range for doubles (min.cleanable.dirty.ratio is a share, 0 to 1).
    public let range: ClosedRange<Double>?

    public init(_ name: String, _ kind: Kind, default defaultValue: String, synonyms: [(String, Int64)] = [],
                allowed: [String] = [], minimum: Int64? = nil, range: ClosedRange<Double>? = nil, doc: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.documentation = doc
        self.brokerSynonyms = synonyms.map { (name: $0.0, factor: $0.1) }
        self.allowed = allowed
        self.minimum = minimum
        self.range = range
    }

    /// Nil if `value` is acceptable for this key, else one sentence worded as Kafka's broker words it
    /// (ConfigException: "Invalid value V for configuration K: reason"), so a Kafka user sees the same text.
    public func problem(with value: String) -> String? {
        func invalid(_ shown: String, _ reason: String) -> String {
            "Invalid value \(shown) for configuration \(name): \(reason)"
        }
        switch kind {
        case .boolean:
            if value != "true" && value != "false" { return invalid(value, "Expected value to be either true or false") }
        case .int, .long:
            // Kafka parses INT with Integer.parseInt, so an out-of-range int is "not a number of type INT".
            guard let number = Int64(value),
                  kind == .long || (number <= Int64(Int32.max) && number >= Int64(Int32.min)) else {
                return invalid(value, "Not a number of type \(kind == .int ? "INT" : "LONG")")
            }
            if let minimum, number < minimum { return invalid(String(number), "Value must be at least \(minimum)") }
        case .double:
            guard let number = Double(value) else { return invalid(value, "Not a number of type DOUBLE") }
            if let range {
                if number < range.lowerBound {
                    return invalid(value, "Value must be at least \(range.lowerBound.plainText)")
                }
                if number > range.upperBound {
                    return invalid(value, "Value must be no more than \(range.upperBound.plainText)")
                }
            }
        case .string, .list:
            if !allowed.isEmpty {
                let parts = kind == .list ? value.split(separator: ",").map { String($0).trimmed } : [value]
                // Kafka's ValidList checks each entry and names the first bad one; an empty list names "".
                if let bad = parts.first(where: { !allowed.contains($0) }) ?? (parts.isEmpty ? "" : nil) {
                    return invalid(bad, "String must be one of: \(allowed.joined(separator: ", "))")
                }
            }
        }
        return nil
    }
}

extension Double {
    /// "0" and "1" rather than "0.0" and "1.0" in messages.
    fileprivate var plainText: String { self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self) }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s.removeLast() }
        return String(s)
    }
}
