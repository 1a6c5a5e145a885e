import NIOCore
import SamsaClient
import SamsaEngine
import SamsaProtocol
import Testing

/// Transactions over the wire with raw requests, as librdkafka sends them.
@Suite struct TransactionServerTests {
    let orders = AddPartitionsToTxnRequest.Topic(name: "orders", partitions: [0, 1])

    private func initProducer(_ connection: BrokerConnection, _ id: String, version: Int16 = 4) async throws -> InitProducerIdResponse {
        // As a client does: find the coordinator first (which creates __transaction_state).
        let found = try await connection.send(FindCoordinatorRequest(coordinatorKeys: [id], keyType: 1), version: 4)
        #expect(found.coordinators.first?.errorCode == ErrorCode.none)
        // Retried while the coordinator loads (a generous deadline: the machine may be loaded).
        var response = InitProducerIdResponse(errorCode: .coordinatorLoadInProgress)
        try await eventually(60) {
            response = try await connection.send(InitProducerIdRequest(transactionalId: id, transactionTimeoutMs: 60000), version: version)
            return ![.coordinatorLoadInProgress, .concurrentTransactions, .notCoordinator].contains(response.errorCode)
        }
        return response
    }

    @Test func aTransactionCommitsOverTheWire() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        try server.cluster.createTopic(name: "orders", partitions: 2)
        let connection = try await server.connect()
        let versions = try await connection.send(ApiVersionsRequest(), version: 3)
        for key: Int16 in [24, 25, 26, 27, 28, 65, 66] {
            #expect(versions.apiKeys.contains { $0.apiKey == key }, "API \(key) is advertised")
        }
        let found = try await connection.send(FindCoordinatorRequest(coordinatorKeys: ["tx"], keyType: 1), version: 4)
        #expect(found.coordinators.first?.errorCode == ErrorCode.none)
        #expect(found.coordinators.first?.nodeId == 0)
        let empty = try await connection.send(FindCoordinatorRequest(coordinatorKeys: [""], keyType: 1), version: 4)
        #expect(empty.coordinators.first?.errorCode == .invalidRequest)

        let producer = try await initProducer(connection, "tx")
        #expect(producer.errorCode == ErrorCode.none)
        let added = try await connection.send(AddPartitionsToTxnRequest(
            transactionalId: "tx", producerId: producer.producerId, producerEpoch: producer.producerEpoch, topics: [orders]), version: 3)
        #expect(added.resultsByTopic.flatMap(\.partitions).map(\.errorCode) == [.none, .none])
        let ended = try await connection.send(EndTxnRequest(transactionalId: "tx", producerId: producer.producerId,
                                                            producerEpoch: producer.producerEpoch, committed: true), version: 3)
        #expect(ended.errorCode == ErrorCode.none)
        try await eventually {
            let described = try? await connection.send(DescribeTransactionsRequest(transactionalIds: ["tx"]), version: 0)
            return described?.transactionStates.first?.transactionState == "CompleteCommit"
        }
        let listed = try await connection.send(ListTransactionsRequest(stateFilters: ["CompleteCommit", "Bogus"]), version: 1)
        #expect(listed.transactionStates.map(\.transactionalId) == ["tx"])
        #expect(listed.unknownStateFilters == ["Bogus"])
    }

    @Test func theBrokerFormAnswersPerTransactionAndVerifiesWithoutAdding() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        try server.cluster.createTopic(name: "orders", partitions: 2)
        let connection = try await server.connect()
        let producer = try await initProducer(connection, "tx")
        let p0 = AddPartitionsToTxnRequest.Topic(name: "orders", partitions: [0])
        let p1 = AddPartitionsToTxnRequest.Topic(name: "orders", partitions: [1])
        let added = try await connection.send(AddPartitionsToTxnRequest(transactions: [
            .init(transactionalId: "tx", producerId: producer.producerId, producerEpoch: producer.producerEpoch, topics: [p0]),
            .init(transactionalId: "unknown", producerId: 1, producerEpoch: 0, topics: [p0]),
        ]), version: 4)
        let byId = Dictionary(uniqueKeysWithValues: added.resultsByTransaction.map {
            ($0.transactionalId, $0.topics.flatMap(\.partitions).map(\.errorCode))
        })
        #expect(byId["tx"] == [.none])
        #expect(byId["unknown"] == [.invalidProducerIdMapping])
        let verified = try await connection.send(AddPartitionsToTxnRequest(transactions: [
            .init(transactionalId: "tx", producerId: producer.producerId, producerEpoch: producer.producerEpoch, verifyOnly: true,
                  topics: [p0, p1]),
        ]), version: 4)
        let codes = Dictionary(uniqueKeysWithValues: verified.resultsByTransaction.flatMap { $0.topics.flatMap { $0.errors } })
        #expect(codes == [TopicPartition("orders", 0): .none, TopicPartition("orders", 1): .invalidTxnState])
        let described = try await connection.send(DescribeTransactionsRequest(transactionalIds: ["tx"]), version: 0)
        #expect(described.transactionStates.first?.topics.flatMap(\.topicPartitions) == [TopicPartition("orders", 0)],
                "verifying added nothing")
    }

    @Test func aFencedProducerHearsTheErrorItsVersionKnows() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        try server.cluster.createTopic(name: "orders", partitions: 2)
        let connection = try await server.connect()
        let zombie = try await initProducer(connection, "tx")
        #expect(zombie.errorCode == ErrorCode.none)
        let successor = try await initProducer(connection, "tx")
        #expect(successor.producerEpoch == zombie.producerEpoch + 1)
        let request = EndTxnRequest(transactionalId: "tx", producerId: zombie.producerId, producerEpoch: zombie.producerEpoch,
                                    committed: false)
        #expect(try await connection.send(request, version: 1).errorCode == .invalidProducerEpoch)
        #expect(try await connection.send(request, version: 2).errorCode == .producerFenced)
    }

    @Test func transactionalOffsetsAreUnstableUntilCommitted() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        try server.cluster.createTopic(name: "orders", partitions: 2)
        let connection = try await server.connect()
        let producer = try await initProducer(connection, "tx")
        let found = try await connection.send(FindCoordinatorRequest(coordinatorKeys: ["g"], keyType: 0), version: 4)
        #expect(found.coordinators.first?.errorCode == ErrorCode.none)
        let addedOffsets = try await connection.send(AddOffsetsToTxnRequest(
            transactionalId: "tx", producerId: producer.producerId, producerEpoch: producer.producerEpoch, groupId: "g"), version: 3)
        #expect(addedOffsets.errorCode == ErrorCode.none)
        let committed = try await connection.send(TxnOffsetCommitRequest(
            transactionalId: "tx", groupId: "g", producerId: producer.producerId, producerEpoch: producer.producerEpoch,
            topics: [.init(name: "orders", partitions: [.init(partitionIndex: 1, committedOffset: 42)])]), version: 3)
        #expect(committed.topics.flatMap(\.partitions).map(\.errorCode) == [.none])
        let fetch = OffsetFetchRequest(groupId: "g", topics: [.init(name: "orders", partitionIndexes: [1])], requireStable: true)
        let unstable = try await connection.send(fetch, version: 7)
        #expect(unstable.topics.flatMap(\.partitions).map(\.errorCode) == [.unstableOffsetCommit])
        let ended = try await connection.send(EndTxnRequest(transactionalId: "tx", producerId: producer.producerId,
                                                            producerEpoch: producer.producerEpoch, committed: true), version: 3)
        #expect(ended.errorCode == ErrorCode.none)
        try await eventually {
            let stable = try? await connection.send(fetch, version: 7)
            return stable?.topics.flatMap(\.partitions).map(\.committedOffset) == [42]
        }
    }

    @Test func writeTxnMarkersWritesAMarkerOnThisBrokersPartition() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        try server.cluster.createTopic(name: "orders", partitions: 2)
        let connection = try await server.connect()
        let response = try await connection.send(WriteTxnMarkersRequest(markers: [.init(
            producerId: 77, producerEpoch: 0, transactionResult: false,
            topics: [.init(name: "orders", partitions: [1]), .init(name: "missing", partitions: [0])], coordinatorEpoch: 0)]), version: 1)
        let codes = Dictionary(uniqueKeysWithValues: response.markers.flatMap(\.topics).flatMap { $0.errors })
        #expect(codes[TopicPartition("orders", 1)] == ErrorCode.none)
        #expect(codes[TopicPartition("missing", 0)] == .unknownTopicOrPartition)
        let partition = try #require(server.cluster.brokers[0].partition(TopicPartition("orders", 1)))
        let read = try partition.log.read(from: 0, maxBytes: 1 << 20, maxOffset: nil)
        let batch = try #require(try RecordBatch.decodeAll(read.records).first)
        #expect(batch.header.isControl)
        #expect(batch.header.producerId == 77)
    }
}
