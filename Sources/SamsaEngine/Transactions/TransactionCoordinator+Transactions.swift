import NIOCore
import SamsaProtocol

extension TransactionCoordinator {
    /// AddPartitionsToTxn: records the partitions the producer is about to write, starting the transaction
    /// (Ongoing) if none is open, and answers once that is replicated. Unknown partitions answer
    /// UNKNOWN_TOPIC_OR_PARTITION and the rest OPERATION_NOT_ATTEMPTED, as Kafka does.
    public func addPartitions(transactionalId: String, producerId: Int64, producerEpoch: Int16, partitions: [TopicPartition],
                              on eventLoop: EventLoop) -> EventLoopFuture<[TopicPartition: ErrorCode]> {
        let unknown = partitions.filter { tp in
            guard let topic = controller.topic(tp.topic) else { return true }
            return tp.partition < 0 || Int(tp.partition) >= topic.partitions.count
        }
        if !unknown.isEmpty {
            let failed = Set(unknown)
            return eventLoop.makeSucceededFuture(Dictionary(partitions.map { ($0, failed.contains($0) ? .unknownTopicOrPartition
                                                                                 : .operationNotAttempted) },
                                                            uniquingKeysWith: { a, _ in a }))
        }
        return add(transactionalId: transactionalId, producerId: producerId, producerEpoch: producerEpoch,
                   partitions: Set(partitions), on: eventLoop).map { code in
            Dictionary(partitions.map { ($0, code) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// AddOffsetsToTxn: adds the group's `__consumer_offsets` partition, so the transaction's end marks
    /// the offsets TxnOffsetCommit writes there.
    public func addOffsets(transactionalId: String, producerId: Int64, producerEpoch: Int16, groupId: String,
                           offsetsPartitions: Int, on eventLoop: EventLoop) -> EventLoopFuture<ErrorCode> {
        let tp = TopicPartition(OffsetsTopic.name, GroupCoordinator.partition(for: groupId, partitions: offsetsPartitions))
        return add(transactionalId: transactionalId, producerId: producerId, producerEpoch: producerEpoch, partitions: [tp],
                   on: eventLoop)
    }

    private func add(transactionalId: String, producerId: Int64, producerEpoch: Int16, partitions: Set<TopicPartition>,
                     on eventLoop: EventLoop) -> EventLoopFuture<ErrorCode> {
        let now = currentTimeMillis()
        return withOwned(transactionalId, producerId: producerId, producerEpoch: producerEpoch,
                         on: eventLoop) { current, state, effects, promise in
            if current.state.isPreparing { return .concurrentTransactions }
            if current.state == .ongoing && partitions.isSubset(of: current.partitions) { return ErrorCode.none }
            write(&state, &effects, current.addingPartitions(partitions, now: now), now: now) { promise.succeed($0) }
            return nil
        }
    }

    /// Runs `body` under the lock with the id's metadata when the request's producer owns it and no write
    /// of it is in flight; otherwise answers Kafka's error (INVALID_PRODUCER_ID_MAPPING, PRODUCER_FENCED,
    /// CONCURRENT_TRANSACTIONS, or why this broker cannot coordinate the id). `body` returns its answer, or
    /// nil when a write it started will complete the promise.
    private func withOwned(_ transactionalId: String, producerId: Int64, producerEpoch: Int16, on eventLoop: EventLoop,
                           _ body: (TransactionMetadata, inout State, inout Effects, EventLoopPromise<ErrorCode>) -> ErrorCode?)
        -> EventLoopFuture<ErrorCode> {
        let promise = eventLoop.makePromise(of: ErrorCode.self)
        if transactionalId.isEmpty {
            promise.succeed(.invalidRequest)
            return promise.futureResult
        }
        let refused = mutate { state, effects -> ErrorCode? in
            if let error = coordinatorError(state, transactionalId) { return error }
            guard let current = state.transactions[transactionalId], current.producerId == producerId else {
                return .invalidProducerIdMapping
            }
            if current.producerEpoch != producerEpoch { return .producerFenced }
            if current.pending != nil { return .concurrentTransactions }
            return body(current, &state, &effects, promise)
        }
        if let refused { promise.succeed(refused) }
        return promise.futureResult
    }

    /// EndTxn: writes PrepareCommit or PrepareAbort and answers once it is replicated; the markers and the
    /// Complete record follow in the background, and until then the id answers CONCURRENT_TRANSACTIONS.
    /// Ending a transaction that already ended the same way answers NONE (a retry).
    public func endTransaction(transactionalId: String, producerId: Int64, producerEpoch: Int16, commit: Bool,
                               on eventLoop: EventLoop) -> EventLoopFuture<ErrorCode> {
        let now = currentTimeMillis()
        return withOwned(transactionalId, producerId: producerId, producerEpoch: producerEpoch,
                         on: eventLoop) { current, state, effects, promise in
            switch (current.state, commit) {
            case (.ongoing, _):
                let next = current.preparing(commit: commit, now: now)
                write(&state, &effects, next, now: now) { [weak self] error in
                    promise.succeed(error)
                    if error == .none { self?.writeMarkers(next) }
                }
                return nil
            case (.completeCommit, true), (.completeAbort, false): return ErrorCode.none
            case (.prepareCommit, true), (.prepareAbort, false): return .concurrentTransactions
            default:
                logger.info("EndTxn(\(commit ? "commit" : "abort")) of \(transactionalId) in state \(current.state): INVALID_TXN_STATE")
                return .invalidTxnState
            }
        }
    }
}

extension TransactionCoordinator {
    /// AddPartitionsToTxn v4+ verify-only (a partition leader asking before it accepts a transactional
    /// write): NONE for the partitions in the open transaction, INVALID_TXN_STATE for the others.
    public func verifyPartitions(transactionalId: String, producerId: Int64, producerEpoch: Int16,
                                 partitions: [TopicPartition]) -> [TopicPartition: ErrorCode] {
        let all = { (code: ErrorCode) in Dictionary(partitions.map { ($0, code) }, uniquingKeysWith: { a, _ in a }) }
        return state.withLock { state in
            if let error = coordinatorError(state, transactionalId) { return all(error) }
            guard let current = state.transactions[transactionalId], current.producerId == producerId else {
                return all(.invalidProducerIdMapping)
            }
            if current.producerEpoch != producerEpoch { return all(.producerFenced) }
            if current.state.isPreparing { return all(.concurrentTransactions) }
            return Dictionary(partitions.map { ($0, current.partitions.contains($0) ? ErrorCode.none : .invalidTxnState) },
                              uniquingKeysWith: { a, _ in a })
        }
    }
}
