import SamsaProtocol

extension Broker {
    /// WriteTxnMarkers for one partition this broker leads: appends the COMMIT or ABORT control batch
    /// through the replicated path and calls `done` once the in-sync replicas have it. A marker on a
    /// `__consumer_offsets` partition also settles the transaction's pending offsets in the group coordinator.
    public func writeTransactionMarker(_ tp: TopicPartition, producerId: Int64, producerEpoch: Int16, coordinatorEpoch: Int32,
                                       commit: Bool, timeoutMs: Int64, _ done: @escaping @Sendable (ErrorCode) -> Void) {
        guard let partition = partition(tp) else { return done(.notLeaderOrFollower) }
        let lastOffset: Int64
        do {
            lastOffset = try partition.appendTransactionMarker(producerId: producerId, producerEpoch: producerEpoch,
                                                               coordinatorEpoch: coordinatorEpoch, commit: commit,
                                                               now: currentTimeMillis()).lastOffset
        } catch {
            return done((error as? EngineError)?.code ?? .kafkaStorageError)
        }
        partition.whenReplicated(through: lastOffset, timeoutMs: timeoutMs) { [weak self] error in
            if error == .none, tp.topic == OffsetsTopic.name {
                self?.coordinator.completeTransaction(producerId: producerId, commit: commit, partition: tp.partition)
            }
            done(error)
        }
    }
}
