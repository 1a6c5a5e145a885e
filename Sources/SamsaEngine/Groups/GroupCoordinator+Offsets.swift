import NIOCore
import SamsaProtocol

extension GroupCoordinator {
    /// OffsetCommit: writes each valid partition's offset to `__consumer_offsets` and answers once every
    /// in-sync replica of that partition has it (offsets.commit.timeout.ms at most), as Kafka's acks=-1
    /// commit does; only then does OffsetFetch return it. A consumer outside group management
    /// (generation -1, no member id) may commit to an empty group.
    public func commitOffsets(_ request: OffsetCommitParameters, on eventLoop: EventLoop) -> EventLoopFuture<[TopicPartition: ErrorCode]> {
        let now = currentTimeMillis()
        let (answered, pending) = mutate { state, _ -> ([TopicPartition: ErrorCode], PendingCommit?) in
            let all = { (code: ErrorCode) in request.offsets.mapValues { _ in code } }
            let groupId = request.groupId
            if groupId.isEmpty { return (all(.invalidGroupId), nil) }
            if let error = coordinatorError(state, groupId) { return (all(error), nil) }
            if let group = state.groups[groupId] {
                if let error = commitError(group, request) { return (all(error), nil) }
            } else {
                guard request.generationId < 0 else { return (all(.illegalGeneration), nil) }
                state.groups[groupId] = ConsumerGroup(groupId: groupId, partition: partition(for: groupId), now: now)
            }
            let (refused, accepted) = acceptedOffsets(request.offsets, now: now)
            var results = refused
            guard !accepted.isEmpty, let group = state.groups[groupId] else { return (results, nil) }
            let records = accepted.sorted { $0.key < $1.key }.map { tp, committed in
                (key: GroupRecordKey.offsetCommit(group: groupId, topic: tp.topic, partition: tp.partition),
                 value: Optional(OffsetCommitValue(offset: committed.offset, leaderEpoch: committed.leaderEpoch,
                                                   metadata: committed.metadata, commitTimestamp: now).encode()))
            }
            do throws(EngineError) {
                let (partition, last) = try append(state, partition: group.partition, records, now: now)
                if state.groups[groupId]?.members[request.memberId] != nil { armSession(&state, groupId, request.memberId) }
                return (results, PendingCommit(partition: partition, lastOffset: last, offsets: accepted))
            } catch {
                let code = error.code == .recordListTooLarge ? ErrorCode.invalidCommitOffsetSize : error.code
                for tp in accepted.keys { results[tp] = code }
                return (results, nil)
            }
        }
        guard let pending else { return eventLoop.makeSucceededFuture(answered) }
        let timeout = config.offsetsCommitTimeoutMs
        return pending.partition.waitForReplication(through: pending.lastOffset, timeoutMs: timeout, on: eventLoop).map { error in
            var results = answered
            let code: ErrorCode = switch error {
            case .none: .none
            case .notLeaderOrFollower: .notCoordinator
            case .notEnoughReplicas, .notEnoughReplicasAfterAppend: .coordinatorNotAvailable
            default: error
            }
            if code == .none { self.remember(request.groupId, pending.offsets, at: pending.lastOffset) }
            for tp in pending.offsets.keys { results[tp] = code }
            return results
        }
    }

    private struct PendingCommit: Sendable {
        let partition: Partition
        let lastOffset: Int64
        let offsets: [TopicPartition: CommittedOffset]
    }

    /// Makes replicated commits visible to OffsetFetch (and to lag), unless a transaction's offset written
    /// after them was committed meanwhile.
    private func remember(_ groupId: String, _ offsets: [TopicPartition: CommittedOffset], at logOffset: Int64) {
        mutate { state, _ in
            for (tp, committed) in offsets where (state.groups[groupId]?.offsetLogPositions[tp] ?? -1) < logOffset {
                state.groups[groupId]?.setCommitted(tp, committed, at: logOffset)
            }
        }
    }

    /// Kafka's order of checks for a commit into an existing group.
    private func commitError(_ group: ConsumerGroup, _ request: OffsetCommitParameters) -> ErrorCode? {
        if group.state == .dead { return .coordinatorNotAvailable }
        if request.generationId < 0 && group.state == .empty { return nil }
        if group.state == .completingRebalance { return .rebalanceInProgress }
        return memberError(group, request.memberId, request.groupInstanceId, request.generationId)
    }

    /// The offsets a commit may store, and the per-partition errors of those it may not.
    func acceptedOffsets(_ offsets: [TopicPartition: OffsetToCommit], now: Int64)
        -> (errors: [TopicPartition: ErrorCode], accepted: [TopicPartition: CommittedOffset]) {
        var errors: [TopicPartition: ErrorCode] = [:]
        var accepted: [TopicPartition: CommittedOffset] = [:]
        for (tp, commit) in offsets {
            if let error = partitionError(tp, commit) {
                errors[tp] = error
            } else {
                accepted[tp] = CommittedOffset(offset: commit.offset, leaderEpoch: commit.leaderEpoch,
                                               metadata: commit.metadata ?? "", commitTimestamp: now)
            }
        }
        return (errors, accepted)
    }

    private func partitionError(_ tp: TopicPartition, _ commit: OffsetToCommit) -> ErrorCode? {
        guard let topic = controller.topic(tp.topic), tp.partition >= 0, Int(tp.partition) < topic.partitions.count else {
            return .unknownTopicOrPartition
        }
        if (commit.metadata?.utf8.count ?? 0) > config.offsetMetadataMaxBytes { return .offsetMetadataTooLarge }
        return nil
    }

    /// OffsetFetch: the committed offsets of `partitions` (every committed partition when nil); a partition
    /// without a commit reports offset -1. Throws the coordinator error when this broker cannot answer.
    public func fetchOffsets(groupId: String, partitions: [TopicPartition]?) throws(EngineError) -> [TopicPartition: CommittedOffset] {
        try fetchOffsets(groupId: groupId, partitions: partitions, requireStable: false).offsets
    }

    /// OffsetFetch v7+: with `requireStable`, the partitions a transaction still has offsets pending for are
    /// returned in `unstable` (answered UNSTABLE_OFFSET_COMMIT) instead of with an offset.
    public func fetchOffsets(groupId: String, partitions: [TopicPartition]?, requireStable: Bool)
        throws(EngineError) -> (offsets: [TopicPartition: CommittedOffset], unstable: Set<TopicPartition>) {
        try state.withLock { state throws(EngineError) -> ([TopicPartition: CommittedOffset], Set<TopicPartition>) in
            if groupId.isEmpty { throw EngineError(.invalidGroupId, "The group id is empty.") }
            if let error = coordinatorError(state, groupId) {
                throw EngineError(error, "Broker \(brokerId) cannot serve group \(groupId) now.")
            }
            let stored = state.groups[groupId]?.offsets ?? [:]
            let pending = requireStable ? state.groups[groupId]?.unstablePartitions ?? [] : []
            var result: [TopicPartition: CommittedOffset] = [:]
            for tp in partitions ?? Array(stored.keys) where !pending.contains(tp) { result[tp] = stored[tp] ?? .noCommit }
            let unstable = partitions.map { pending.intersection($0) } ?? pending
            return (result, unstable)
        }
    }

    /// Deletes the offsets of groups that have been empty longer than offsets.retention.minutes, then
    /// the groups left with nothing, writing tombstones so compaction removes them from the log too.
    public func expireOffsets(now: Int64) {
        mutate { state, _ in
            for (groupId, group) in state.groups where group.state == .empty {
                let expired = group.offsets.filter { _, committed in
                    max(committed.commitTimestamp, group.stateTimestamp) + config.offsetsRetentionMs < now
                }
                guard !expired.isEmpty else { continue }
                var records: [(key: GroupRecordKey, value: ByteBuffer?)] = expired.keys.sorted().map {
                    (.offsetCommit(group: groupId, topic: $0.topic, partition: $0.partition), nil)
                }
                let emptied = expired.count == group.offsets.count
                if emptied { records.append((.groupMetadata(group: groupId), nil)) }
                do throws(EngineError) {
                    try append(state, partition: group.partition, records, now: now)
                } catch {
                    logger.warning("Could not expire offsets of group \(groupId): \(error)")
                    continue
                }
                if emptied {
                    state.groups[groupId] = nil
                } else {
                    for tp in expired.keys { state.groups[groupId]?.setCommitted(tp, nil, at: -1) }
                }
                logger.info("Expired \(expired.count) offset(s) of empty group \(groupId)")
            }
        }
    }
}
