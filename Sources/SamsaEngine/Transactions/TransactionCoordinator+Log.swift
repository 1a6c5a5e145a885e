import NIOCore
import SamsaProtocol

extension TransactionCoordinator {
    /// Writes `next` as its id's record in `__transaction_state` (a tombstone when `remove`), marking the id
    /// pending meanwhile; once every in-sync replica has it, `next` becomes current (or the id is gone) and
    /// `done` is told NONE, else the pending mark is cleared and `done` gets Kafka's coordinator error.
    /// Call under the lock; the wait and `done` run as effects.
    func write(_ state: inout State, _ effects: inout Effects, _ next: TransactionMetadata, remove: Bool = false,
               now: Int64, done: @escaping @Sendable (ErrorCode) -> Void) {
        let id = next.transactionalId
        let index = partition(for: id)
        guard let loaded = state.partitions[index] else {
            effects.append { done(.notCoordinator) }
            return
        }
        let record = TransactionLog.record(id, remove ? nil : next)
        var builder = RecordBatchBuilder()
        builder.append(key: record.key, value: record.value, timestamp: now)
        let lastOffset: Int64
        do {
            let batch = builder.build()
            lastOffset = try loaded.partition.appendAsLeader(batch, headers: try RecordBatchHeader.validateAll(batch), now: now,
                                                            requireInsync: true).lastOffset
        } catch {
            let code = (error as? EngineError)?.code ?? .kafkaStorageError
            logger.warning("Writing \(id) to \(loaded.partition.topicPartition) failed: \(error)")
            effects.append { done(Self.logWriteError(code)) }
            return
        }
        state.transactions[id]?.pending = remove ? .dead : next.state
        let partition = loaded.partition
        let epoch = loaded.coordinatorEpoch
        effects.append { [config] in
            partition.whenReplicated(through: lastOffset, timeoutMs: config.writeTimeoutMs) { [weak self] error in
                self?.finishWrite(next, remove: remove, index: index, coordinatorEpoch: epoch, error: error, done: done)
            }
        }
    }

    private func finishWrite(_ next: TransactionMetadata, remove: Bool, index: Int32, coordinatorEpoch: Int32, error: ErrorCode,
                             done: @escaping @Sendable (ErrorCode) -> Void) {
        let id = next.transactionalId
        let (outcome, previous) = mutate { state, _ -> (ErrorCode, TransactionMetadata?) in
            guard state.partitions[index]?.coordinatorEpoch == coordinatorEpoch else { return (.notCoordinator, nil) }
            let previous = state.transactions[id]
            guard error == .none else {
                logger.warning("Replicating \(next.state) of \(id) failed: \(error)")
                state.transactions[id]?.pending = nil
                return (Self.logWriteError(error), nil)
            }
            state.transactions[id] = remove ? nil : next
            return (.none, previous)
        }
        if outcome == .none { narrate(from: previous, to: remove ? nil : next) }
        done(outcome)
    }

    /// How Kafka's coordinator reports a failed write of its log to the client.
    static func logWriteError(_ code: ErrorCode) -> ErrorCode {
        switch code {
        case .unknownTopicOrPartition, .notEnoughReplicas, .notEnoughReplicasAfterAppend, .requestTimedOut:
            .coordinatorNotAvailable
        case .notLeaderOrFollower, .kafkaStorageError:
            .notCoordinator
        case .messageTooLarge, .recordListTooLarge:
            .unknownServerError
        default:
            code
        }
    }
}
