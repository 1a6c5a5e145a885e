import NIOCore
import SamsaProtocol

/// A TxnOffsetCommit request as the group coordinator sees it (KIP-98, with KIP-447's member checks).
public struct TxnOffsetCommitParameters: Sendable {
    public var transactionalId: String
    public var groupId: String
    public var producerId: Int64
    public var producerEpoch: Int16
    /// KIP-447 (v3+): the consumer's generation and member; -1 and "" when not sent.
    public var generationId: Int32
    public var memberId: String
    public var groupInstanceId: String?
    public var offsets: [TopicPartition: OffsetToCommit]

    public init(transactionalId: String, groupId: String, producerId: Int64, producerEpoch: Int16, generationId: Int32 = -1,
                memberId: String = "", groupInstanceId: String? = nil, offsets: [TopicPartition: OffsetToCommit]) {
        self.transactionalId = transactionalId
        self.groupId = groupId
        self.producerId = producerId
        self.producerEpoch = producerEpoch
        self.generationId = generationId
        self.memberId = memberId
        self.groupInstanceId = groupInstanceId
        self.offsets = offsets
    }
}

extension GroupCoordinator {
    /// TxnOffsetCommit: writes the offsets as a transactional batch of the producer to the group's offsets
    /// partition and keeps them pending until the transaction's marker there (`completeTransaction`).
    /// A fenced producer's batch is refused by the partition (INVALID_PRODUCER_EPOCH).
    public func commitTransactionalOffsets(_ request: TxnOffsetCommitParameters,
                                           on eventLoop: EventLoop) -> EventLoopFuture<[TopicPartition: ErrorCode]> {
        let now = currentTimeMillis()
        let (answered, pending) = mutate { state, _ -> ([TopicPartition: ErrorCode], (Partition, Int64)?) in
            let all = { (code: ErrorCode) in request.offsets.mapValues { _ in code } }
            let groupId = request.groupId
            if groupId.isEmpty { return (all(.invalidGroupId), nil) }
            if let error = coordinatorError(state, groupId) { return (all(error), nil) }
            let group = state.groups[groupId] ?? ConsumerGroup(groupId: groupId, partition: partition(for: groupId), now: now)
            if let error = transactionalCommitError(group, request) { return (all(error), nil) }
            let (refused, accepted) = acceptedOffsets(request.offsets, now: now)
            var results = refused
            guard !accepted.isEmpty else { return (results, nil) }
            state.groups[groupId] = group
            do throws(EngineError) {
                let written = try appendTransactional(state, group: group, accepted, producerId: request.producerId,
                                                      producerEpoch: request.producerEpoch, now: now)
                for (tp, committed) in accepted {
                    state.groups[groupId]?.pendingTransactionalOffsets[request.producerId, default: [:]][tp] = (committed, written.1)
                }
                return (results, written)
            } catch {
                for tp in accepted.keys { results[tp] = Self.transactionalWriteError(error.code) }
                return (results, nil)
            }
        }
        guard let (partition, lastOffset) = pending else { return eventLoop.makeSucceededFuture(answered) }
        let accepted = request.offsets.keys.filter { answered[$0] == nil }
        let promise = eventLoop.makePromise(of: [TopicPartition: ErrorCode].self)
        partition.whenReplicated(through: lastOffset, timeoutMs: config.offsetsCommitTimeoutMs) { error in
            var results = answered
            let code = Self.transactionalWriteError(error)
            for tp in accepted { results[tp] = code }
            promise.succeed(results)
        }
        return promise.futureResult
    }

    /// A marker for `producerId` was written to offsets partition `partition`: its pending offsets in every
    /// group stored there become committed (COMMIT) or are dropped (ABORT).
    public func completeTransaction(producerId: Int64, commit: Bool, partition: Int32) {
        mutate { state, _ in
            for (id, group) in state.groups where group.partition == partition && group.pendingTransactionalOffsets[producerId] != nil {
                state.groups[id]?.completeTransaction(producerId: producerId, commit: commit)
            }
        }
    }

    /// Kafka's checks of a TxnOffsetCommit (KIP-447: member and generation only when the client sent them).
    private func transactionalCommitError(_ group: ConsumerGroup, _ request: TxnOffsetCommitParameters) -> ErrorCode? {
        if group.state == .dead { return .coordinatorNotAvailable }
        if !request.memberId.isEmpty && group.members[request.memberId] == nil { return .unknownMemberId }
        if let instance = request.groupInstanceId, let current = group.staticMembers[instance], current != request.memberId {
            return .fencedInstanceId
        }
        if request.generationId >= 0 && request.generationId != group.generationId { return .illegalGeneration }
        return nil
    }

    /// Appends the offsets as one transactional batch of the producer. The sequence continues the producer's
    /// last batch on this partition, as Kafka's coordinator appends skip sequence checks.
    private func appendTransactional(_ state: State, group: ConsumerGroup, _ offsets: [TopicPartition: CommittedOffset],
                                     producerId: Int64, producerEpoch: Int16, now: Int64) throws(EngineError) -> (Partition, Int64) {
        guard let partition = state.partitions[group.partition] else {
            throw EngineError(.notCoordinator, "Broker \(brokerId) no longer coordinates this group.")
        }
        var builder = RecordBatchBuilder()
        builder.producerId = producerId
        builder.producerEpoch = producerEpoch
        builder.baseSequence = partition.nextCoordinatorSequence(producerId: producerId, producerEpoch: producerEpoch)
        builder.isTransactional = true
        for (tp, committed) in offsets.sorted(by: { $0.key < $1.key }) {
            builder.append(key: GroupRecordKey.offsetCommit(group: group.groupId, topic: tp.topic, partition: tp.partition).encode(),
                           value: OffsetCommitValue(offset: committed.offset, leaderEpoch: committed.leaderEpoch,
                                                    metadata: committed.metadata, commitTimestamp: now).encode(),
                           timestamp: now)
        }
        let batch = builder.build()
        do {
            return (partition, try partition.appendAsLeader(batch, headers: try RecordBatchHeader.validateAll(batch), now: now).lastOffset)
        } catch let error as EngineError {
            throw error
        } catch {
            throw EngineError(.kafkaStorageError, "Writing to \(partition.topicPartition) failed: \(error)")
        }
    }

    /// How Kafka's group coordinator reports a failed write of offsets.
    static func transactionalWriteError(_ code: ErrorCode) -> ErrorCode {
        switch code {
        case .unknownTopicOrPartition, .notEnoughReplicas, .notEnoughReplicasAfterAppend, .requestTimedOut: .coordinatorNotAvailable
        case .notLeaderOrFollower, .kafkaStorageError: .notCoordinator
        case .messageTooLarge, .recordListTooLarge, .invalidFetchSize: .invalidCommitOffsetSize
        default: code
        }
    }
}

extension Partition {
    /// The sequence a coordinator's next batch for `producerId` continues with here: 0 for a new epoch.
    func nextCoordinatorSequence(producerId: Int64, producerEpoch: Int16) -> Int32 {
        state.withLock { state in
            guard let producer = state.producers.producers[producerId], producer.epoch == producerEpoch,
                  let last = producer.batches.last else { return 0 }
            return last.lastSequence == Int32.max ? 0 : last.lastSequence + 1
        }
    }
}
