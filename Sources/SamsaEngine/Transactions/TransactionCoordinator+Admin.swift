import SamsaProtocol

extension TransactionCoordinator {
    /// DescribeTransactions: each id's producer, state, timeout and partitions, or its error.
    public func describe(_ transactionalIds: [String]) -> [TransactionDescription] {
        state.withLock { state in
            transactionalIds.map { id in
                if id.isEmpty { return TransactionDescription(transactionalId: id, error: .invalidRequest) }
                if let error = coordinatorError(state, id) { return TransactionDescription(transactionalId: id, error: error) }
                guard let txn = state.transactions[id], txn.state != .dead else {
                    return TransactionDescription(transactionalId: id, error: .transactionalIdNotFound)
                }
                return description(txn)
            }
        }
    }

    /// ListTransactions: the ids this broker coordinates, filtered by state and producer id (empty: any)
    /// and, when `minDurationMs` is not negative, to those whose transaction started longer ago, as Kafka's
    /// listTransactionStates filters.
    public func list(states: Set<TransactionState> = [], producerIds: Set<Int64> = [], minDurationMs: Int64 = -1,
                     now: Int64 = currentTimeMillis()) -> [TransactionDescription] {
        state.withLock { state in
            state.transactions.values.filter { txn in
                txn.state != .dead && (states.isEmpty || states.contains(txn.state))
                    && (producerIds.isEmpty || producerIds.contains(txn.producerId))
                    && (minDurationMs < 0 || now - txn.startTimestamp > minDurationMs)
            }.map(description).sorted { $0.transactionalId < $1.transactionalId }
        }
    }

    /// A `__transaction_state` partition is being replayed (ListTransactions answers COORDINATOR_LOAD_IN_PROGRESS).
    public var isLoading: Bool { state.withLock { !$0.loading.isEmpty } }

    /// Every transactional id this broker coordinates, described.
    public func snapshot() -> [TransactionDescription] { list() }

    private func description(_ txn: TransactionMetadata) -> TransactionDescription {
        TransactionDescription(transactionalId: txn.transactionalId, producerId: txn.producerId, producerEpoch: txn.producerEpoch,
                               state: txn.state, timeoutMs: txn.timeoutMs,
                               startTimestamp: txn.state == .ongoing || txn.state.isPreparing ? txn.startTimestamp : -1,
                               lastUpdateTimestamp: txn.lastUpdateTimestamp, partitions: txn.partitions.sorted(),
                               coordinatorId: brokerId)
    }

    /// Tells the cluster's event log what a completed transition means to a person watching.
    func narrate(from previous: TransactionMetadata?, to next: TransactionMetadata?) {
        guard let events = state.withLock({ $0.cluster?.events }) else { return }
        guard let next else {
            if let previous { events.record(.transactionalIdExpired, broker: brokerId, "Transactional id \(previous.transactionalId) expired") }
            return
        }
        let id = next.transactionalId
        let who = "\(id) (producer \(next.producerId), epoch \(next.producerEpoch))"
        let count = previous?.partitions.count ?? 0
        switch next.state {
        case .ongoing where previous?.state != .ongoing:
            events.record(.transactionBegan, broker: brokerId, "Transaction of \(who) began")
        case .prepareAbort where previous.map({ $0.producerEpoch < next.producerEpoch }) ?? false:
            events.record(.producerFenced, broker: brokerId,
                          "Producer epoch \(previous?.producerEpoch ?? -1) of \(id) fenced; its open transaction is aborted")
        case .empty where (previous?.producerEpoch ?? -1) >= 0 || (previous?.producerId ?? next.producerId) != next.producerId:
            events.record(.producerFenced, broker: brokerId,
                          "\(id) initialized as producer \(next.producerId) epoch \(next.producerEpoch); older epochs are fenced")
        case .completeCommit:
            events.record(.transactionCommitted, broker: brokerId, "Transaction of \(who) committed on \(count) partition(s)")
        case .completeAbort:
            events.record(.transactionAborted, broker: brokerId, "Transaction of \(who) aborted on \(count) partition(s)")
        default:
            break
        }
    }
}
