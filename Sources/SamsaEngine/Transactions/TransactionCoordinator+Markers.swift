import SamsaProtocol
import Synchronization

extension TransactionCoordinator {
    /// Completes a prepared transaction as Kafka's marker channel does: a COMMIT or ABORT marker to every
    /// partition in it, each through that partition's leader and replicated, retried (leaders move, replicas
    /// lag) until written or this broker stops coordinating the id; then the Complete record.
    func writeMarkers(_ prepared: TransactionMetadata) {
        guard let coordinatorEpoch = state.withLock({ state in
            state.partitions[partition(for: prepared.transactionalId)]?.coordinatorEpoch
        }) else { return }
        if prepared.partitions.isEmpty { return complete(prepared, coordinatorEpoch: coordinatorEpoch) }
        let round = MarkerRound(prepared.partitions)
        for tp in prepared.partitions.sorted() { sendMarker(tp, prepared, coordinatorEpoch: coordinatorEpoch, round: round) }
    }

    /// Writes the markers of `transactionalId`'s transaction if it is prepared (after a load or start).
    func resumeMarkers(_ transactionalId: String) {
        guard let prepared = state.withLock({ state -> TransactionMetadata? in
            guard let current = state.transactions[transactionalId], current.state.isPreparing, current.pending == nil else { return nil }
            return current
        }) else { return }
        logger.info("Completing the \(prepared.state) transaction of \(transactionalId) found in the log")
        writeMarkers(prepared)
    }

    /// True while `prepared` is still the id's current metadata at this coordinator epoch.
    private func isCurrent(_ state: State, _ prepared: TransactionMetadata, coordinatorEpoch: Int32) -> Bool {
        guard state.partitions[partition(for: prepared.transactionalId)]?.coordinatorEpoch == coordinatorEpoch,
              let current = state.transactions[prepared.transactionalId] else { return false }
        return current.producerId == prepared.producerId && current.producerEpoch == prepared.producerEpoch
            && current.state == prepared.state
    }

    private func sendMarker(_ tp: TopicPartition, _ prepared: TransactionMetadata, coordinatorEpoch: Int32, round: MarkerRound) {
        guard let cluster = state.withLock({ state in
            isCurrent(state, prepared, coordinatorEpoch: coordinatorEpoch) ? state.cluster : nil
        }) else { return }
        cluster.writeTransactionMarker(
            tp, producerId: prepared.producerId, producerEpoch: prepared.producerEpoch, coordinatorEpoch: coordinatorEpoch,
            commit: prepared.state == .prepareCommit, timeoutMs: config.writeTimeoutMs
        ) { [weak self] error in
            guard let self else { return }
            switch error {
            case .none, .unknownTopicOrPartition:
                // A deleted topic has nothing left to mark.
                if round.finish(tp) { complete(prepared, coordinatorEpoch: coordinatorEpoch) }
            case .transactionCoordinatorFenced, .invalidProducerEpoch:
                logger.warning("Marker for \(prepared.transactionalId) on \(tp) refused (\(error)): a newer coordinator or epoch owns it")
            default:
                state.withLock { state in
                    schedule(state, afterMs: config.retryBackoffMs) { coordinator in
                        coordinator.sendMarker(tp, prepared, coordinatorEpoch: coordinatorEpoch, round: round)
                    }
                }
            }
        }
    }

    /// Writes CompleteCommit or CompleteAbort once every marker is written; retried until it is, unless
    /// the coordinator moved (the new one completes it from the log).
    fileprivate func complete(_ prepared: TransactionMetadata, coordinatorEpoch: Int32) {
        let now = currentTimeMillis()
        mutate { state, effects in
            guard isCurrent(state, prepared, coordinatorEpoch: coordinatorEpoch),
                  let current = state.transactions[prepared.transactionalId] else { return }
            if current.pending != nil { return retryComplete(state, prepared, coordinatorEpoch: coordinatorEpoch) }
            write(&state, &effects, current.completing(now: now), now: now) { [weak self] error in
                guard let self, error != .none, error != .notCoordinator else { return }
                self.state.withLock { retryComplete($0, prepared, coordinatorEpoch: coordinatorEpoch) }
            }
        }
    }
}

extension TransactionCoordinator {
    private func retryComplete(_ state: State, _ prepared: TransactionMetadata, coordinatorEpoch: Int32) {
        schedule(state, afterMs: config.retryBackoffMs) { $0.complete(prepared, coordinatorEpoch: coordinatorEpoch) }
    }
}

/// The partitions of one transaction still waiting for their marker.
final class MarkerRound: Sendable {
    private let remaining: Mutex<Set<TopicPartition>>

    init(_ partitions: Set<TopicPartition>) {
        remaining = Mutex(partitions)
    }

    /// Marks `tp` done; true exactly once, when the last partition is.
    func finish(_ tp: TopicPartition) -> Bool {
        remaining.withLock { remaining in
            remaining.remove(tp) != nil && remaining.isEmpty
        }
    }
}
