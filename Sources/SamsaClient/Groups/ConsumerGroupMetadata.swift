/// Who a group consumer is in its group right now (Kafka's `ConsumerGroupMetadata`): what a transactional
/// producer passes to `sendOffsetsToTransaction` so the coordinator can refuse offsets from a member that
/// has been fenced or rebalanced away (KIP-447).
public struct ConsumerGroupMetadata: Sendable, Equatable {
    public var groupId: String
    /// -1 before the member joined (the coordinator then checks nothing but the group).
    public var generationId: Int32
    /// Empty before the member joined.
    public var memberId: String
    public var groupInstanceId: String?

    public init(groupId: String, generationId: Int32 = -1, memberId: String = "", groupInstanceId: String? = nil) {
        self.groupId = groupId
        self.generationId = generationId
        self.memberId = memberId
        self.groupInstanceId = groupInstanceId
    }
}

extension GroupConsumer {
    /// This member's group, generation, member id and instance id, for `Producer.sendOffsetsToTransaction`.
    public var groupMetadata: ConsumerGroupMetadata {
        let (generation, member) = membership.state.withLock { ($0.generationId, $0.memberId) }
        return ConsumerGroupMetadata(groupId: config.groupId, generationId: generation, memberId: member,
                                     groupInstanceId: config.groupInstanceId)
    }
}
