/// A consumer group: its coordinator state, members and committed offsets.
public struct GroupStatus: Sendable, Equatable {
    /// The group states Kafka reports; `unknown` keeps anything else a cluster sends.
    public enum State: Sendable, Equatable {
        case empty, preparingRebalance, completingRebalance, stable, dead
        case unknown(String)

        /// Parses Kafka's names ("Stable", "PreparingRebalance", …).
        public init(kafkaName: String) {
            switch kafkaName.lowercased() {
            case "empty": self = .empty
            case "preparingrebalance": self = .preparingRebalance
            case "completingrebalance", "awaitingsync": self = .completingRebalance
            case "stable": self = .stable
            case "dead": self = .dead
            default: self = .unknown(kafkaName)
            }
        }

        public var name: String {
            switch self {
            case .empty: "Empty"
            case .preparingRebalance: "PreparingRebalance"
            case .completingRebalance: "CompletingRebalance"
            case .stable: "Stable"
            case .dead: "Dead"
            case .unknown(let name): name
            }
        }
    }

    public let id: String
    public let state: State
    /// The assignor the members agreed on ("range", "roundrobin", "cooperative-sticky"), or "" if none.
    public let assignor: String
    public let generation: Int32
    public let members: [GroupMember]
    /// One entry per partition the group has an offset for or is assigned, sorted by topic then partition.
    public let offsets: [GroupPartitionOffset]

    public init(id: String, state: State, assignor: String = "", generation: Int32 = 0, members: [GroupMember] = [],
                offsets: [GroupPartitionOffset] = []) {
        self.id = id
        self.state = state
        self.assignor = assignor
        self.generation = generation
        self.members = members
        self.offsets = offsets
    }

    /// Sum of known lags; partitions without a committed offset do not count.
    public var totalLag: Int64 { offsets.reduce(0) { $0 + max(0, $1.lag ?? 0) } }
    public var topics: [String] {
        var seen = Set<String>()
        return offsets.map(\.topic).filter { seen.insert($0).inserted }
    }
}
