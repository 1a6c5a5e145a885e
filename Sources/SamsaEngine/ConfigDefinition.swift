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

    /// Nil if `value` is acceptable for this key, else one sentence saying why not.
    public func problem(with value: String) -> String? {
        switch kind {
        case .boolean:
            if value != "true" && value != "false" { return "\(name) must be true or false, not \"\(value)\"." }
        case .int, .long:
            guard let number = Int64(value) else { return "\(name) must be a whole number, not \"\(value)\"." }
            if kind == .int && (number > Int64(Int32.max) || number < Int64(Int32.min)) {
                return "\(name) value \(value) is out of range."
            }
            if let minimum, number < minimum { return "\(name) must be at least \(minimum), not \(value)." }
        case .double:
            guard let number = Double(value) else { return "\(name) must be a number, not \"\(value)\"." }
            if let range, !range.contains(number) {
                return "\(name) must be between \(range.lowerBound.plainText) and \(range.upperBound.plainText), not \(value)."
            }
        case .string, .list:
            if !allowed.isEmpty {
                let parts = kind == .list ? value.split(separator: ",").map { String($0).trimmed } : [value]
                if let bad = parts.first(where: { !allowed.contains($0) }) {
                    return "\(name) value \"\(bad)\" is not one of: \(allowed.joined(separator: ", "))."
                }
                if parts.isEmpty { return "\(name) must list at least one of: \(allowed.joined(separator: ", "))." }
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
