/// Which records a consumer is handed: everything up to the high watermark, or only what committed
/// transactions (and non-transactional producers) wrote, up to the last stable offset.
public enum IsolationLevel: Int8, Sendable, Equatable, CaseIterable {
    case readUncommitted = 0
    case readCommitted = 1

    /// Kafka's name for it, as `isolation.level` spells it.
    public var name: String {
        switch self {
        case .readUncommitted: "read_uncommitted"
        case .readCommitted: "read_committed"
        }
    }

    /// Parses Kafka's names ("read_committed"), or nil.
    public init?(name: String) {
        guard let level = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = level
    }
}
