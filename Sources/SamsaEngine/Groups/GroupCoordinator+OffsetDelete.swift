import NIOCore
import SamsaProtocol

extension GroupCoordinator {
    /// OffsetDelete (KIP-496), as Kafka's coordinator answers it: an empty group loses the offsets of every
    /// partition given (a tombstone each in `__consumer_offsets`); a consumer group with members keeps those
    /// of topics a member subscribes to (GROUP_SUBSCRIBED_TO_TOPIC) and loses the others; a group of another
    /// protocol with members answers NON_EMPTY_GROUP, an unknown one GROUP_ID_NOT_FOUND. The partition
    /// errors are empty when the group-level error is set.
    public func deleteOffsets(groupId: String, partitions: [TopicPartition]) -> (error: ErrorCode, partitions: [TopicPartition: ErrorCode]) {
        mutate { state, _ -> (ErrorCode, [TopicPartition: ErrorCode]) in
            if groupId.isEmpty { return (.invalidGroupId, [:]) }
            if let error = coordinatorError(state, groupId) { return (error, [:]) }
            guard let group = state.groups[groupId], group.state != .dead else { return (.groupIdNotFound, [:]) }
            var results: [TopicPartition: ErrorCode] = [:]
            var deletable = partitions
            if group.state != .empty {
                guard group.protocolType == "consumer" else { return (.nonEmptyGroup, [:]) }
                let subscribed = group.subscribedTopics
                deletable = partitions.filter { !subscribed.contains($0.topic) }
                for tp in partitions where subscribed.contains(tp.topic) { results[tp] = .groupSubscribedToTopic }
            }
            let stored = Set(deletable.filter { group.offsets[$0] != nil })
            if !stored.isEmpty {
                let records: [(key: GroupRecordKey, value: ByteBuffer?)] = stored.sorted().map {
                    (.offsetCommit(group: groupId, topic: $0.topic, partition: $0.partition), nil)
                }
                do throws(EngineError) {
                    try append(state, partition: group.partition, records, now: currentTimeMillis())
                } catch {
                    for tp in deletable { results[tp] = error.code }
                    return (.none, results)
                }
                for tp in stored { state.groups[groupId]?.setCommitted(tp, nil, at: -1) }
                logger.info("Deleted \(stored.count) offset(s) of group \(groupId)")
            }
            for tp in deletable { results[tp] = ErrorCode.none }
            return (.none, results)
        }
    }
}

extension ConsumerGroup {
    /// The topics the members' subscriptions name (the consumer protocol's metadata for the group's chosen
    /// protocol, or a member's first while none is chosen yet).
    var subscribedTopics: Set<String> {
        var topics: Set<String> = []
        for member in members.values {
            let metadata = protocolName.map { member.metadata(for: $0) } ?? member.protocols.first?.metadata
            guard let metadata, let subscription = try? ConsumerProtocolSubscription(decoding: metadata) else { continue }
            topics.formUnion(subscription.topics)
        }
        return topics
    }
}
