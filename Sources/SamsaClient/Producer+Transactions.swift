import SamsaProtocol

/// The transactional producer (KIP-98, KIP-447), as Kafka's `KafkaProducer` with `transactional.id`:
///
///     try await producer.initTransactions()
///     try producer.beginTransaction()
///     try await producer.send(record)                       // each new partition joins the transaction first
///     try await producer.sendOffsetsToTransaction(offsets, groupMetadata: consumer.groupMetadata)
///     try await producer.commitTransaction()                // or abortTransaction()
///
/// Errors follow Kafka's rules: PRODUCER_FENCED and INVALID_PRODUCER_EPOCH (another producer took the id)
/// are fatal, the producer can only be closed; abortable errors (a failed batch, a rebalanced group, …)
/// make every call but `abortTransaction` throw until the transaction is aborted; coordinator moves,
/// loading and CONCURRENT_TRANSACTIONS are retried for up to `max.block.ms`, after which the call throws
/// a timeout and may be made again.
extension Producer {
    /// Nil for a producer without `transactional.id`.
    public var transactionState: ProducerTransactionState? { transactions?.phase }

    /// Finds the transaction coordinator and gets a producer id and epoch for `transactional.id`, fencing
    /// any earlier producer with the same id and completing (aborting) its open transaction. Call once,
    /// before the first transaction; again only after it timed out.
    public func initTransactions() async throws {
        let txn = try transactional("initTransactions")
        if txn.phase != .initializing { try txn.transition(to: .initializing, "initTransactions") }
        try await initProducerId(txn)
        try txn.transition(to: .ready, "initTransactions")
    }

    /// Starts a transaction: records sent from now on commit or abort together.
    public func beginTransaction() throws {
        try transactional("beginTransaction").transition(to: .inTransaction, "beginTransaction")
    }

    /// Makes a consumer group's offsets part of the transaction: they are committed if and only if it
    /// commits. `groupMetadata` comes from the group consumer (`GroupConsumer.groupMetadata`); the group
    /// coordinator refuses the offsets if that member has since been fenced or rebalanced away (KIP-447),
    /// which makes the transaction abortable.
    public func sendOffsetsToTransaction(_ offsets: [TopicPartition: Int64], groupMetadata: ConsumerGroupMetadata) async throws {
        let txn = try transactional("sendOffsetsToTransaction")
        try txn.checkCanSend()
        guard !offsets.isEmpty else { return }
        let identity = txn.identity
        try await coordinatorCall(txn, key: txn.transactionalId, keyType: FindCoordinatorRequest.transactionKeyType) { connection in
            let response = try await connection.send(AddOffsetsToTxnRequest(
                transactionalId: txn.transactionalId, producerId: identity.producerId, producerEpoch: identity.epoch,
                groupId: groupMetadata.groupId))
            return response.errorCode
        }
        txn.addedOffsets()
        let topics = Dictionary(grouping: offsets, by: \.key.topic).sorted { $0.key < $1.key }.map { topic, entries in
            TxnOffsetCommitRequest.Topic(name: topic, partitions: entries.sorted { $0.key < $1.key }.map {
                .init(partitionIndex: $0.key.partition, committedOffset: $0.value)
            })
        }
        try await coordinatorCall(txn, key: groupMetadata.groupId, keyType: FindCoordinatorRequest.groupKeyType) { connection in
            let response = try await connection.send(TxnOffsetCommitRequest(
                transactionalId: txn.transactionalId, groupId: groupMetadata.groupId, producerId: identity.producerId,
                producerEpoch: identity.epoch, generationId: groupMetadata.generationId, memberId: groupMetadata.memberId,
                groupInstanceId: groupMetadata.groupInstanceId, topics: topics))
            return Self.firstError(response.topics.flatMap(\.errors).map(\.1))
        }
    }

    /// Sends every buffered record, then commits. If a record failed, throws its error instead and the
    /// transaction must be aborted.
    public func commitTransaction() async throws {
        let txn = try transactional("commitTransaction")
        if txn.phase != .committingTransaction { try txn.transition(to: .committingTransaction, "commitTransaction") }
        await flush()
        if txn.phase != .committingTransaction {
            throw txn.lastError ?? ClientError.invalidArgument("The transaction failed while committing; abort it.")
        }
        if txn.isStarted { try await endTransaction(txn, commit: true) }
        txn.completed()
    }

    /// Drops the records not yet sent (their senders get `ClientError.transactionAborted`), waits for those
    /// in flight, and aborts. After an error that left sequence numbers unknown, the epoch is bumped (KIP-360).
    public func abortTransaction() async throws {
        let txn = try transactional("abortTransaction")
        if txn.phase != .abortingTransaction { try txn.transition(to: .abortingTransaction, "abortTransaction") }
        for batch in accumulator.removeUnsent() {
            for callback in batch.callbacks { callback?(.failure(ClientError.transactionAborted)) }
        }
        idle.notify()
        await flush()
        if txn.needsEpochBump {
            // InitProducerId with the current id and epoch aborts the open transaction and bumps the epoch.
            try txn.transition(to: .initializing, "abortTransaction")
            try await initProducerId(txn)
        } else if txn.isStarted {
            try await endTransaction(txn, commit: false)
        }
        txn.completed()
    }

    // MARK: Requests to the coordinators

    private func transactional(_ call: String) throws -> TransactionManager {
        guard let transactions else {
            throw ClientError.invalidArgument("Cannot \(call): the producer has no transactional.id.")
        }
        return transactions
    }

    private func initProducerId(_ txn: TransactionManager) async throws {
        let identity = txn.identity
        let (producerId, epoch) = try await coordinatorCall(txn, key: txn.transactionalId,
                                                            keyType: FindCoordinatorRequest.transactionKeyType) { connection in
            let version = try connection.version(for: InitProducerIdRequest.self)
            // KIP-360: from v3 a producer that has an id passes it, and the coordinator bumps its epoch.
            let request = InitProducerIdRequest(transactionalId: txn.transactionalId, transactionTimeoutMs: txn.timeoutMs,
                                                producerId: version >= 3 ? identity.producerId : -1,
                                                producerEpoch: version >= 3 ? identity.epoch : -1)
            let response = try await connection.send(request, version: version)
            return ((response.producerId, response.producerEpoch), response.errorCode)
        }
        txn.initialised(producerId: producerId, epoch: epoch)
    }

    private func endTransaction(_ txn: TransactionManager, commit: Bool) async throws {
        let identity = txn.identity
        try await coordinatorCall(txn, key: txn.transactionalId, keyType: FindCoordinatorRequest.transactionKeyType) { connection in
            try await connection.send(EndTxnRequest(transactionalId: txn.transactionalId, producerId: identity.producerId,
                                                    producerEpoch: identity.epoch, committed: commit)).errorCode
        }
    }

    /// Adds partitions to the open transaction before their first batch is produced (AddPartitionsToTxn, in
    /// the client's form, v0-v3).
    func addPartitionsToTransaction(_ partitions: Set<TopicPartition>) async throws {
        guard let txn = transactions else { return }
        let missing = txn.notYetAdded(partitions)
        guard !missing.isEmpty else { return }
        let identity = txn.identity
        try await coordinatorCall(txn, key: txn.transactionalId, keyType: FindCoordinatorRequest.transactionKeyType) { connection in
            let version = min(try connection.version(for: AddPartitionsToTxnRequest.self), AddPartitionsToTxnRequest.lastClientVersion)
            let response = try await connection.send(AddPartitionsToTxnRequest(
                transactionalId: txn.transactionalId, producerId: identity.producerId, producerEpoch: identity.epoch,
                topics: TopicPartitionIndexes.grouping(missing)), version: version)
            return Self.firstError(response.resultsByTransaction(version: version).flatMap(\.topics).flatMap(\.errors).map(\.1))
        }
        txn.added(missing)
    }

    /// The error that says most about a per-partition answer: OPERATION_NOT_ATTEMPTED only says another
    /// partition failed.
    static func firstError(_ codes: [ErrorCode]) -> ErrorCode {
        codes.first { $0 != .none && $0 != .operationNotAttempted } ?? codes.first { $0 != .none } ?? .none
    }

    private func coordinatorCall(_ txn: TransactionManager, key: String, keyType: Int8,
                                 _ body: (BrokerConnection) async throws -> ErrorCode) async throws {
        try await coordinatorCall(txn, key: key, keyType: keyType) { connection in ((), try await body(connection)) }
    }

    /// Sends a request to the coordinator of `key` until it answers without a retriable error, following
    /// Kafka's handling: coordinator moves look it up again, CONCURRENT_TRANSACTIONS and loading retry after
    /// the backoff, abortable and fatal errors are recorded on the transaction and thrown. Gives up with a
    /// timeout after `max.block.ms`.
    private func coordinatorCall<T: Sendable>(_ txn: TransactionManager, key: String, keyType: Int8,
                                              _ body: (BrokerConnection) async throws -> (T, ErrorCode)) async throws -> T {
        let admin = Admin(client: client)
        let deadline = ContinuousClock.now + .milliseconds(config.maxBlockMs)
        var lastProblem = "the transaction coordinator"
        while true {
            try Task.checkCancellation()
            var coordinator: Int32?
            do {
                let (id, _) = try await admin.findCoordinator(key: key, keyType: keyType)
                coordinator = id
                if client.cluster.brokers[id] == nil { try await client.refreshMetadata(topics: []) }
                let (value, code) = try await body(try await client.connection(to: id))
                if code == .none { return value }
                let handling = TransactionErrorHandling.of(code)
                let error = ClientError.coordinatorRefusal(code, key: key, keyType: keyType)
                switch handling {
                case .findCoordinator, .retry:
                    lastProblem = "the coordinator of '\(key)' (last answer \(code.name))"
                case .abortable, .fatal:
                    txn.fail(error, handling: handling)
                    throw error
                }
            } catch let error as ClientError {
                switch error {
                case .connectionFailed, .connectionClosed, .timedOut, .noBrokers:
                    // A broken connection or a timed-out request: reconnect and try again.
                    if let coordinator { client.disconnect(coordinator) }
                case .broker(let code, _) where [.findCoordinator, .retry].contains(TransactionErrorHandling.of(code)):
                    break  // FindCoordinator itself still answers COORDINATOR_NOT_AVAILABLE, or a leader is moving.
                case .broker(let code, _) where ClientError.authorization(code, "") != nil:
                    throw ClientError.coordinatorRefusal(code, key: key, keyType: keyType)  // FindCoordinator refused the id
                default:
                    throw error
                }
                lastProblem = "the coordinator of '\(key)' (\(error))"
            }
            guard ContinuousClock.now < deadline else { throw ClientError.timedOut(lastProblem) }
            try await Task.sleep(for: .milliseconds(config.retryBackoffMs))
        }
    }
}
