import SamsaProtocol

/// Transaction administration, as Kafka's Admin client does it (KIP-664): what kafka-transactions.sh uses.
extension Admin {
    /// Every transactional id of every coordinator (ListTransactions goes to each broker). With a
    /// `durationFilterMs` of zero or more, only transactions open longer than that.
    public func listTransactions(durationFilterMs: Int64 = -1) async throws -> [TransactionListing] {
        let view = try await client.refreshMetadata(topics: [])
        var listings: [TransactionListing] = []
        for id in view.brokers.keys.sorted() {
            let connection = try await client.connection(to: id)
            let version = try connection.version(for: ListTransactionsRequest.self)
            if durationFilterMs >= 0 && version < 1 {
                throw ClientError.unsupportedAPI("--duration-filter (ListTransactions v1) on broker \(id)")
            }
            let response = try await connection.send(ListTransactionsRequest(durationFilter: durationFilterMs), version: version)
            guard response.errorCode == .none else {
                throw ClientError.broker(response.errorCode, "Listing the transactions of broker \(id) failed.")
            }
            listings += response.transactionStates.map {
                TransactionListing(transactionalId: $0.transactionalId, producerId: $0.producerId, state: $0.transactionState, coordinatorId: id)
            }
        }
        return listings
    }

    /// A transactional id's state at its coordinator.
    public func describeTransaction(_ transactionalId: String) async throws -> TransactionDescription {
        let (coordinator, _) = try await findCoordinator(key: transactionalId, keyType: FindCoordinatorRequest.transactionKeyType)
        if client.cluster.brokers[coordinator] == nil { try await client.refreshMetadata(topics: []) }
        let response = try await client.connection(to: coordinator).send(DescribeTransactionsRequest(transactionalIds: [transactionalId]))
        guard let state = response.transactionStates.first(where: { $0.transactionalId == transactionalId }) ?? response.transactionStates.first else {
            throw ClientError.broker(.unknownServerError, "The coordinator did not describe transactional id '\(transactionalId)'.")
        }
        guard state.errorCode == .none else {
            throw ClientError.broker(state.errorCode, "Describing transactional id '\(transactionalId)' failed.")
        }
        return TransactionDescription(
            coordinatorId: coordinator, transactionalId: transactionalId, state: state.transactionState, producerId: state.producerId,
            producerEpoch: state.producerEpoch, transactionTimeoutMs: state.transactionTimeoutMs,
            transactionStartTimeMs: state.transactionStartTimeMs >= 0 ? state.transactionStartTimeMs : nil,
            topicPartitions: state.topics.flatMap(\.topicPartitions).sorted())
    }

    /// The producers the partition's leader (or the replica on `brokerId`) tracks, with each one's open transaction.
    public func describeProducers(_ tp: TopicPartition, brokerId: Int32? = nil) async throws -> [ProducerStateDescription] {
        try await retrying(topics: [tp.topic]) {
            let connection: BrokerConnection
            if let brokerId {
                if client.cluster.brokers[brokerId] == nil { try await client.refreshMetadata(topics: []) }
                connection = try await client.connection(to: brokerId)
            } else {
                connection = try await client.leaderConnection(topic: tp.topic, partition: tp.partition).1
            }
            let response = try await connection.send(DescribeProducersRequest(topics: TopicPartitionIndexes.grouping([tp])))
            guard let answer = response.topics.first(where: { $0.name == tp.topic })?.partitions.first(where: { $0.partitionIndex == tp.partition }) else {
                throw ClientError.broker(.unknownServerError, "The leader of \(tp) did not describe its producers.")
            }
            guard answer.errorCode == .none else {
                if answer.errorCode == .notLeaderOrFollower { try await client.refreshMetadata(topics: [tp.topic]) }
                throw ClientError.broker(answer.errorCode, answer.errorMessage ?? "Describing the producers of \(tp) failed.")
            }
            return answer.activeProducers.map {
                ProducerStateDescription(producerId: $0.producerId, producerEpoch: $0.producerEpoch, lastSequence: $0.lastSequence,
                                         lastTimestamp: $0.lastTimestamp, coordinatorEpoch: $0.coordinatorEpoch >= 0 ? $0.coordinatorEpoch : nil,
                                         currentTransactionStartOffset: $0.currentTxnStartOffset >= 0 ? $0.currentTxnStartOffset : nil)
            }
        }
    }

    /// The open transaction on `tp` whose first record is at `startOffset`, as kafka-transactions.sh finds
    /// it for `--abort --start-offset` (a coordinator epoch never seen counts as 0).
    public func abortSpec(_ tp: TopicPartition, startOffset: Int64) async throws -> AbortTransactionSpec {
        guard let producer = try await describeProducers(tp).first(where: { $0.currentTransactionStartOffset == startOffset }) else {
            throw ClientError.invalidArgument("Could not find any open transactions starting at offset \(startOffset) on partition \(tp).")
        }
        return AbortTransactionSpec(topicPartition: tp, producerId: producer.producerId, producerEpoch: Int16(clamping: producer.producerEpoch),
                                    coordinatorEpoch: producer.coordinatorEpoch ?? 0)
    }

    /// Aborts a hanging transaction on one partition: WriteTxnMarkers with an ABORT marker, sent to the
    /// partition's leader, as Kafka's admin client does.
    public func abortTransaction(_ spec: AbortTransactionSpec) async throws {
        let tp = spec.topicPartition
        try await retrying(topics: [tp.topic]) {
            let (_, connection) = try await client.leaderConnection(topic: tp.topic, partition: tp.partition)
            let marker = WriteTxnMarkersRequest.Marker(producerId: spec.producerId, producerEpoch: spec.producerEpoch, transactionResult: false,
                                                       topics: TopicPartitionIndexes.grouping([tp]), coordinatorEpoch: spec.coordinatorEpoch)
            let response = try await connection.send(WriteTxnMarkersRequest(markers: [marker]))
            let codes = response.markers.filter { $0.producerId == spec.producerId }.flatMap(\.topics).flatMap(\.errors).map(\.1)
            let code = Producer.firstError(codes)
            if code == .notLeaderOrFollower { try await client.refreshMetadata(topics: [tp.topic]) }
            if codes.isEmpty { throw ClientError.broker(.unknownServerError, "The leader of \(tp) did not answer for the abort marker.") }
            if code != .none { throw ClientError.broker(code, "Aborting the transaction of producer \(spec.producerId) on \(tp) failed.") }
        }
    }
}
