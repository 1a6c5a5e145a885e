import Foundation
import NIOCore
import SamsaClient
import SamsaProtocol
import Testing
@testable import SamsaEngine
@testable import SamsaServer

/// read_committed over the wire: Fetch and ListOffsets pass the isolation level to the engine.
@Suite struct TransactionalFetchTests {
    func transactional(_ values: [String], producerId: Int64, sequence: Int32) -> ByteBuffer {
        var builder = RecordBatchBuilder()
        builder.producerId = producerId
        builder.producerEpoch = 0
        builder.baseSequence = sequence
        builder.isTransactional = true
        for value in values { builder.append(key: nil, value: ByteBuffer(string: value), timestamp: 1000) }
        return builder.build()
    }

    @Test func fetchAndListOffsetsHonourTheIsolationLevel() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        try server.cluster.createTopic(name: "t")
        let connection = try await server.connect()
        func produce(_ records: ByteBuffer) async throws -> ErrorCode {
            let response = try await connection.send(ProduceRequest(transactionalId: "tx", acks: 1, timeoutMs: 1000, topicData: [
                .init(name: "t", partitionData: [.init(index: 0, records: records)])]))
            return response.responses[0].partitionResponses[0].errorCode
        }
        #expect(try await produce(transactional(["a"], producerId: 1, sequence: 0)) == .none)
        let partition = try #require(server.cluster.broker(0)?.partition(TopicPartition("t", 0)))
        _ = try partition.appendTransactionMarker(producerId: 1, producerEpoch: 0, coordinatorEpoch: 0, commit: false, now: 1000)
        #expect(try await produce(transactional(["b"], producerId: 2, sequence: 0)) == .none)

        func fetch(_ isolation: Int8) async throws -> FetchResponse.PartitionData {
            let response = try await connection.send(FetchRequest(maxWaitMs: 0, minBytes: 1, isolationLevel: isolation, topics: [
                .init(topic: "t", partitions: [.init(partition: 0, fetchOffset: 0, partitionMaxBytes: 1 << 20)])]), version: 12)
            return response.responses[0].partitions[0]
        }
        let committed = try await fetch(1)
        #expect(committed.highWatermark == 3 && committed.lastStableOffset == 2)
        #expect(committed.abortedTransactions == [FetchResponse.AbortedTransaction(producerId: 1, firstOffset: 0)])
        #expect(try RecordBatch.decodeAll(committed.records ?? ByteBuffer()).map(\.header.baseOffset) == [0, 1])
        let uncommitted = try await fetch(0)
        #expect(uncommitted.abortedTransactions == nil && uncommitted.lastStableOffset == 2)
        #expect(try RecordBatch.decodeAll(uncommitted.records ?? ByteBuffer()).map(\.header.baseOffset) == [0, 1, 2])

        for (isolation, latest) in [(Int8(0), Int64(3)), (1, 2)] {
            let response = try await connection.send(ListOffsetsRequest(isolationLevel: isolation, topics: [
                .init(name: "t", partitions: [.init(partitionIndex: 0, timestamp: OffsetSpec.latest)])]))
            #expect(response.topics[0].partitions[0].offset == latest, "isolation level \(isolation)")
        }
    }

    @Test func describeProducersListsEachProducerAndItsOpenTransaction() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        try server.cluster.createTopic(name: "t", partitions: 2)
        let connection = try await server.connect()
        let response0 = try await connection.send(ProduceRequest(transactionalId: "tx", acks: 1, timeoutMs: 1000, topicData: [
            .init(name: "t", partitionData: [.init(index: 0, records: transactional(["a", "b"], producerId: 5, sequence: 0))])]))
        #expect(response0.responses[0].partitionResponses[0].errorCode == .none)
        let partition = try #require(server.cluster.broker(0)?.partition(TopicPartition("t", 0)))
        _ = try partition.appendTransactionMarker(producerId: 5, producerEpoch: 0, coordinatorEpoch: 3, commit: true, now: 2000)
        let response1 = try await connection.send(ProduceRequest(transactionalId: "tx", acks: 1, timeoutMs: 1000, topicData: [
            .init(name: "t", partitionData: [.init(index: 0, records: transactional(["c"], producerId: 6, sequence: 0))])]))
        #expect(response1.responses[0].partitionResponses[0].errorCode == .none)

        let described = try await connection.send(DescribeProducersRequest(topics: [
            .init(name: "t", partitions: [0, 1, 7]), .init(name: "nope", partitions: [0])]))
        let t = try #require(described.topics.first { $0.name == "t" })
        #expect(t.partitions.map(\.partitionIndex) == [0, 1, 7])
        #expect(t.partitions[0].errorCode == .none)
        #expect(t.partitions[0].activeProducers == [
            .init(producerId: 5, producerEpoch: 0, lastSequence: 1, lastTimestamp: 2000, coordinatorEpoch: 3, currentTxnStartOffset: -1),
            .init(producerId: 6, producerEpoch: 0, lastSequence: 0, lastTimestamp: 1000, coordinatorEpoch: -1, currentTxnStartOffset: 3),
        ])
        #expect(t.partitions[1].errorCode == .none && t.partitions[1].activeProducers.isEmpty)
        #expect(t.partitions[2].errorCode == .unknownTopicOrPartition)
        #expect(described.topics.first { $0.name == "nope" }?.partitions.first?.errorCode == .unknownTopicOrPartition)
    }

    @Test func transactionalRecordsWithoutATransactionalIdAreRefused() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        try server.cluster.createTopic(name: "t")
        let connection = try await server.connect()
        let response = try await connection.send(ProduceRequest(acks: 1, timeoutMs: 1000, topicData: [
            .init(name: "t", partitionData: [.init(index: 0, records: transactional(["a"], producerId: 1, sequence: 0))])]))
        #expect(response.responses[0].partitionResponses[0].errorCode == .transactionalIdAuthorizationFailed)
        #expect(server.cluster.broker(0)?.partition(TopicPartition("t", 0))?.logEndOffset == 0)
    }
}
