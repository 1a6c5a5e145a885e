import SamsaProtocol

/// A consumer group as DescribeGroups reports it, with the consumer protocol's bytes decoded.
public struct ConsumerGroupDescription: Sendable, Equatable {
    public struct Member: Sendable, Equatable {
        public var memberId: String
        public var groupInstanceId: String?
        public var clientId: String
        public var host: String
        /// The partitions the leader assigned it (empty while the group rebalances).
        public var assignment: [TopicPartition]
    }

    public var groupId: String
    /// Empty, PreparingRebalance, CompletingRebalance, Stable or Dead (unknown groups are Dead).
    public var state: String
    public var protocolType: String
    /// The assignor the group chose (`range`, `roundrobin`), empty unless it is (re)assigning or stable.
    public var assignmentStrategy: String
    public var coordinatorId: Int32
    public var coordinator: BrokerAddress
    public var members: [Member]
}

/// A group as ListGroups reports it.
public struct ConsumerGroupListing: Sendable, Equatable {
    public var groupId: String
    public var protocolType: String
    /// Empty when the broker answers ListGroups below v4.
    public var state: String
}
