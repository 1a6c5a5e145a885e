import Foundation
import NIOCore
import SamsaClient
import SamsaProtocol
import Testing
@testable import SamsaServer

@Suite struct ProduceFetchTests {
    func batch(_ values: [String], producerId: Int64 = -1, sequence: Int32 = -1) -> ByteBuffer {
        var builder = RecordBatchBuilder()
        builder.producerId = producerId
        builder.producerEpoch = producerId >= 0 ? 0 : -1
        builder.baseSequence = sequence
        for value in values { builder.append(key: nil, value: ByteBuffer(string: value), timestamp: 1000) }
        return builder.build()
    }

    func produce(_ connection: BrokerConnection, _ topic: String, _ records: ByteBuffer?, acks: Int16 = 1,
                 partition: Int32 = 0) async throws -> ProduceResponse.PartitionResponse {
        let response = try await connection.send(ProduceRequest(acks: acks, timeoutMs: 1000, topicData: [
            .init(name: topic, partitionData: [.init(index: partition, records: records)])]))
        return response.responses[0].partitionResponses[0]
    }

    func fetch(_ connection: BrokerConnection, _ topic: String, offset: Int64, maxWaitMs: Int32 = 0,
               minBytes: Int32 = 1) async throws -> FetchResponse.PartitionData {
        let response = try await connection.send(FetchRequest(maxWaitMs: maxWaitMs, minBytes: minBytes, topics: [
            .init(topic: topic, partitions: [.init(partition: 0, fetchOffset: offset, partitionMaxBytes: 1 << 20)])]), version: 12)
        return response.responses[0].partitions[0]
    }

    @Test func producedBatchesAreFetchedWithAssignedOffsets() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        try server.cluster.createTopic(name: "t")
        let connection = try await server.connect()
        #expect(try await produce(connection, "t", batch(["a", "b"])).baseOffset == 0)
        #expect(try await produce(connection, "t", batch(["c"])).baseOffset == 2)
        let data = try await fetch(connection, "t", offset: 1)
        #expect(data.errorCode == .none && data.highWatermark == 3)
        let batches = try RecordBatch.decodeAll(data.records!)
        #expect(batches.map(\.header.baseOffset) == [0, 2])
        #expect(batches.flatMap { $0.records.map { String(buffer: $0.value!) } } == ["a", "b", "c"])
    }

    @Test func badInputGetsKafkaErrorCodes() async throws {
        let server = try await TestServer.start(settings: ["message.max.bytes": "300"])
        defer { server.stop() }
        try server.cluster.createTopic(name: "t")
        let connection = try await server.connect()
        var corrupt = batch(["x"])
        corrupt.setInteger(UInt8(0xEE), at: corrupt.writerIndex - 1)
        #expect(try await produce(connection, "t", corrupt).errorCode == .corruptMessage)
        #expect(try await produce(connection, "t", batch([String(repeating: "z", count: 400)])).errorCode == .messageTooLarge)
        #expect(try await produce(connection, "t", nil).errorCode == .invalidRecord)
        #expect(try await produce(connection, "t", batch(["x"]), acks: 2).errorCode == .invalidRequiredAcks)
        #expect(try await produce(connection, "nope", batch(["x"])).errorCode == .unknownTopicOrPartition)
        #expect(try await produce(connection, "t", batch(["x"]), partition: 5).errorCode == .unknownTopicOrPartition)
        #expect(try await fetch(connection, "t", offset: 99).errorCode == .offsetOutOfRange)
        // Nothing bad was stored.
        #expect(server.cluster.brokers[0].partition(TopicPartition("t", 0))?.logEndOffset == 0)
    }

    @Test func acksZeroGetsNoResponseButIsStored() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        try server.cluster.createTopic(name: "t")
        let connection = try await server.connect()
        try await connection.sendWithoutResponse(ProduceRequest(acks: 0, timeoutMs: 1000, topicData: [
            .init(name: "t", partitionData: [.init(index: 0, records: batch(["fire", "forget"]))])]))
        // The next request's answer arrives normally: no stray response was sent for acks=0.
        let data = try await fetch(connection, "t", offset: 0, maxWaitMs: 2000)
        #expect(try RecordBatch.decodeAll(data.records!).first?.records.count == 2)
    }

    @Test func parkedFetchWakesWhenDataArrives() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        try server.cluster.createTopic(name: "t")
        let partition = try #require(server.cluster.brokers[0].partition(TopicPartition("t", 0)))
        let reader = try await server.connect()
        let writer = try await server.connect()
        // A max wait far past `eventually`'s deadline: within it, only the append can answer this fetch.
        async let parked = fetch(reader, "t", offset: 0, maxWaitMs: 120_000)
        try await eventually { partition.parkedFetchCount == 1 }
        _ = try await produce(writer, "t", batch(["wake up"]))
        try await eventually { partition.parkedFetchCount == 0 }
        let data = try await parked
        #expect(try RecordBatch.decodeAll(data.records!).first?.records.map { $0.value.map { String(buffer: $0) } } == ["wake up"])
    }

    @Test func fetchWaitsForMinBytesOrTimeout() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        try server.cluster.createTopic(name: "t")
        let connection = try await server.connect()
        let started = ContinuousClock.now
        let empty = try await fetch(connection, "t", offset: 0, maxWaitMs: 300)
        #expect(empty.errorCode == .none && empty.records?.readableBytes ?? 0 == 0)
        #expect(ContinuousClock.now - started >= .milliseconds(250))
    }

    @Test func idempotentRetryIsNotWrittenTwice() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        try server.cluster.createTopic(name: "t")
        let connection = try await server.connect()
        let id = try await connection.send(InitProducerIdRequest())
        #expect(id.errorCode == .none && id.producerId >= 0)
        let first = batch(["a", "b"], producerId: id.producerId, sequence: 0)
        #expect(try await produce(connection, "t", first).baseOffset == 0)
        #expect(try await produce(connection, "t", first).baseOffset == 0)
        #expect(try await produce(connection, "t", batch(["c"], producerId: id.producerId, sequence: 5)).errorCode == .outOfOrderSequenceNumber)
        #expect(try await produce(connection, "t", batch(["c"], producerId: id.producerId, sequence: 2)).baseOffset == 2)
        #expect(server.cluster.brokers[0].partition(TopicPartition("t", 0))?.logEndOffset == 3)
    }

    @Test func listOffsetsEarliestLatestAndByTime() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        try server.cluster.createTopic(name: "t")
        let client = KafkaClient(config: ClientConfig(bootstrapServers: [server.address]), group: server.clientGroup)
        let producer = Producer(client: client, config: { var c = ProducerConfig(); c.acks = 1; return c }())
        for (i, ts) in [Int64(1000), 2000, 3000].enumerated() {
            try await producer.send(ProducerRecord(topic: "t", partition: 0, value: ByteBuffer(string: "v\(i)"), timestamp: ts))
        }
        let admin = Admin(client: client)
        #expect(try await admin.listOffset(topic: "t", partition: 0, spec: -2).offset == 0)
        #expect(try await admin.listOffset(topic: "t", partition: 0, spec: -1).offset == 3)
        #expect(try await admin.listOffset(topic: "t", partition: 0, spec: 1500) == (1, 2000))
        #expect(try await admin.listOffset(topic: "t", partition: 0, spec: -3) == (2, 3000))
        #expect(try await admin.listOffset(topic: "t", partition: 0, spec: 9000).offset == -1)
        await producer.close()
        await client.close()
    }
}
