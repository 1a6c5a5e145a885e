import SamsaProtocol

extension TransactionCoordinator {
    /// Aborts every transaction open longer than its transaction.timeout.ms, bumping the epoch so the
    /// producer that left it open is fenced (Kafka's abortTimedOutTransactions).
    public func abortTimedOutTransactions(now: Int64) {
        mutate { state, effects in
            let expired = state.transactions.values.filter { txn in
                txn.state == .ongoing && txn.pending == nil && txn.startTimestamp + Int64(txn.timeoutMs) < now
                    && state.partitions[partition(for: txn.transactionalId)] != nil
            }
            for txn in expired.sorted(by: { $0.transactionalId < $1.transactionalId }) {
                logger.info("Transaction of \(txn.transactionalId) (producer \(txn.producerId)) is open longer than \(txn.timeoutMs) ms: aborting it and fencing the producer")
                let next = txn.fencingAndAborting(now: now)
                write(&state, &effects, next, now: now) { [weak self] error in
                    if error == .none { self?.writeMarkers(next) }
                }
            }
        }
    }

    /// Removes the transactional ids without an open transaction that were last used longer than
    /// transactional.id.expiration.ms ago, with a tombstone so compaction drops them from the log too.
    public func removeExpiredTransactionalIds(now: Int64) {
        mutate { state, effects in
            let expired = state.transactions.values.filter { txn in
                txn.state.isIdle && txn.pending == nil && txn.lastUpdateTimestamp + config.idExpirationMs <= now
                    && state.partitions[partition(for: txn.transactionalId)] != nil
            }
            for txn in expired {
                write(&state, &effects, txn, remove: true, now: now) { [logger] error in
                    if error == .none { logger.info("Transactional id \(txn.transactionalId) expired and was removed") }
                }
            }
        }
    }
}
