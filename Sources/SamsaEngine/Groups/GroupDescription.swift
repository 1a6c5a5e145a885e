import NIOCore
import SamsaProtocol

/// Kafka's classic group states, named as DescribeGroups and ListGroups report them.
public enum GroupState: String, Sendable, CaseIterable {
    case empty = "Empty"
    case preparingRebalance = "PreparingRebalance"
    case completingRebalance = "CompletingRebalance"
    case stable = "Stable"
    case dead = "Dead"
}

/// A group as DescribeGroups reports it.
public struct GroupDescription: Sendable, Equatable {
    public struct Member: Sendable, Equatable {
        public var memberId: String
        public var groupInstanceId: String?
        public var clientId: String
        public var clientHost: String
        /// The member's metadata for the chosen protocol (a consumer's subscription).
        public var metadata: ByteBuffer
        /// What the leader assigned it (a consumer's partitions), empty while rebalancing.
        public var assignment: ByteBuffer
    }

    public var groupId: String
    public var error: ErrorCode
    public var state: GroupState
    public var protocolType: String
    public var protocolName: String
    public var generationId: Int32
    public var leader: String?
    public var members: [Member]

    public static func dead(_ groupId: String, error: ErrorCode = .none) -> GroupDescription {
        GroupDescription(groupId: groupId, error: error, state: .dead, protocolType: "", protocolName: "",
                         generationId: -1, leader: nil, members: [])
    }
}

/// A group as ListGroups reports it.
public struct GroupListing: Sendable, Equatable {
    public var groupId: String
    public var protocolType: String
    public var state: GroupState
}

/// How far one group is behind on one partition: what the TUI charts and `consumer-groups` prints.
public struct PartitionLag: Sendable, Equatable {
    public var topicPartition: TopicPartition
    public var committedOffset: Int64
    /// The partition's high watermark: the end of what consumers can read.
    public var logEndOffset: Int64
    public var lag: Int64 { max(0, logEndOffset - committedOffset) }
}

/// One group's committed positions and lag, sampled without touching the network.
public struct GroupLag: Sendable, Equatable {
    public var groupId: String
    public var state: GroupState
    public var generationId: Int32
    public var memberCount: Int
    public var partitions: [PartitionLag]
    public var totalLag: Int64 { partitions.reduce(0) { $0 + $1.lag } }
}
