import SamsaProtocol

extension Cluster {
    /// The broker coordinating `transactionalId`, creating `__transaction_state` on first use as Kafka does.
    public func transactionCoordinator(for transactionalId: String) throws(EngineError) -> Broker {
        let log = try transactionStateTopic()
        let partition = TransactionCoordinator.partition(for: transactionalId, partitions: log.partitions.count)
        let leader = log.partitions[Int(partition)].leader
        guard let broker = broker(leader), broker.isReachable else {
            throw EngineError(.coordinatorNotAvailable, "No broker leads \(TransactionLog.name)-\(partition) now.")
        }
        return broker
    }

    private func transactionStateTopic() throws(EngineError) -> TopicState {
        if let existing = controller.topic(TransactionLog.name) { return existing }
        let txnConfig = TransactionCoordinatorConfig(settings: config.settings)
        let replication = max(1, min(txnConfig.logReplicationFactor, liveBrokerIds.count))
        do {
            return try createTopic(name: TransactionLog.name, partitions: txnConfig.logPartitions, replicationFactor: replication,
                                   assignment: nil, configs: TransactionLog.configs(txnConfig, replicationFactor: replication),
                                   validateOnly: false, isInternal: true)
        } catch let error as EngineError where error.code == .topicAlreadyExists {
            if let existing = controller.topic(TransactionLog.name) { return existing }
            throw EngineError(.coordinatorNotAvailable, error.message)
        } catch {
            throw EngineError(.coordinatorNotAvailable, "Could not create \(TransactionLog.name): \(error)")
        }
    }

    /// Each leader of a `__transaction_state` partition loads the transactional ids stored there.
    func loadTransactionCoordinators(_ log: TopicState) {
        for (index, state) in log.partitions.enumerated() {
            guard let leader = broker(state.leader), let partition = leader.partition(TopicPartition(log.name, Int32(index)))
            else { continue }
            leader.transactions.load(partition)
        }
    }

    /// Writes a COMMIT or ABORT marker to a partition through its current leader and calls `done` once it
    /// is replicated (UNKNOWN_TOPIC_OR_PARTITION if the partition no longer exists, NOT_LEADER_OR_FOLLOWER
    /// if it has no reachable leader now).
    func writeTransactionMarker(_ tp: TopicPartition, producerId: Int64, producerEpoch: Int16, coordinatorEpoch: Int32,
                                commit: Bool, timeoutMs: Int64, _ done: @escaping @Sendable (ErrorCode) -> Void) {
        guard let topic = controller.topic(tp.topic), tp.partition >= 0, Int(tp.partition) < topic.partitions.count else {
            return done(.unknownTopicOrPartition)
        }
        guard let leader = broker(topic.partitions[Int(tp.partition)].leader), leader.isReachable else {
            return done(.notLeaderOrFollower)
        }
        leader.writeTransactionMarker(tp, producerId: producerId, producerEpoch: producerEpoch, coordinatorEpoch: coordinatorEpoch,
                                      commit: commit, timeoutMs: timeoutMs, done)
    }

    /// Every transactional id on every running coordinator, described, for the workbench.
    public func transactions() -> [TransactionDescription] {
        brokers.filter(\.isReachable).flatMap { $0.transactions.snapshot() }.sorted { $0.transactionalId < $1.transactionalId }
    }
}
