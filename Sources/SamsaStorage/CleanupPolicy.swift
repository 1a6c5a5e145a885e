/// Kafka's `cleanup.policy`: `delete` (retention removes old segments), `compact` (the cleaner keeps the
/// latest record per key), or both, in which case retention also applies to the compacted log.
public struct CleanupPolicy: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    public static let delete = CleanupPolicy(rawValue: 1)
    public static let compact = CleanupPolicy(rawValue: 2)

    /// Parses a config value: `delete`, `compact`, or both separated by a comma in either order. Nil for an
    /// unknown word or an empty list.
    public init?(configValue: String) {
        var policy: CleanupPolicy = []
        for part in configValue.split(separator: ",") {
            switch part.trimmingSpaces {
            case "delete": policy.insert(.delete)
            case "compact": policy.insert(.compact)
            default: return nil
            }
        }
        guard !policy.isEmpty else { return nil }
        self = policy
    }

    /// The config value as Kafka spells it (`compact,delete` when both).
    public var configValue: String {
        [contains(.compact) ? "compact" : nil, contains(.delete) ? "delete" : nil].compactMap { $0 }.joined(separator: ",")
    }

    public var description: String { configValue }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return s
    }
}
