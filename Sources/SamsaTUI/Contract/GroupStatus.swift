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

/// A member of a consumer group.
public struct GroupMember: Sendable, Equatable {
    public let memberId: String
    public let clientId: String
    public let host: String
    public let assignment: [TopicPartitionRef]

    public init(memberId: String, clientId: String, host: String, assignment: [TopicPartitionRef]) {
        self.memberId = memberId
        self.clientId = clientId
        self.host = host
        self.assignment = assignment
    }

    /// A member with no partitions (more members than partitions) is idle.
    public var isIdle: Bool { assignment.isEmpty }
}

/// A group's position in one partition.
public struct GroupPartitionOffset: Sendable, Equatable {
    public let topic: String
    public let partition: Int32
    /// nil when the group has not committed an offset for this partition.
    public let committedOffset: Int64?
    public let logEndOffset: Int64
    /// logEndOffset − committedOffset, or nil when it cannot be known.
    public let lag: Int64?

    public init(topic: String, partition: Int32, committedOffset: Int64?, logEndOffset: Int64, lag: Int64? = nil) {
        self.topic = topic
        self.partition = partition
        self.committedOffset = committedOffset
        self.logEndOffset = logEndOffset
        self.lag = lag ?? committedOffset.map { max(0, logEndOffset - $0) }
    }
}

/// A topic name and partition index.
public struct TopicPartitionRef: Sendable, Hashable, CustomStringConvertible {
    public let topic: String
    public let partition: Int32

    public init(_ topic: String, _ partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    public var description: String { "\(topic)-\(partition)" }
}
