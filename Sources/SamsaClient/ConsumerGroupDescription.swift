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
        /// The user data of its subscription and assignment (an assignor's own format, e.g. Kafka Streams'
        /// task info); nil when absent or the group does not use the consumer protocol.
        public var subscriptionUserData: [UInt8]? = nil
        public var assignmentUserData: [UInt8]? = nil
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
