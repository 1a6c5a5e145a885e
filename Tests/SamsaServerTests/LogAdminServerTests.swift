import Foundation
import NIOCore
import SamsaClient
import SamsaEngine
import SamsaProtocol
import Testing
@testable import SamsaServer

/// DeleteRecords, DescribeLogDirs, DescribeCluster, OffsetDelete and ListOffsets through the wire, with
/// Samsa's own admin client.
@Suite struct LogAdminServerTests {
    @Test func theNewApisAreAdvertisedAtEveryVersion() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        let connection = try await server.connect()
        defer { connection.close() }
        let ranges = try await connection.send(ApiVersionsRequest()).apiKeys
        for (key, versions) in [(21, 0...2), (35, 0...4), (47, 0...0), (60, 0...1), (2, 1...8)] as [(Int16, ClosedRange<Int16>)] {
            let range = ranges.first { $0.apiKey == key }
            #expect(range?.minVersion == versions.lowerBound && range?.maxVersion == versions.upperBound, "API \(key)")
        }
    }

    @Test func deleteRecordsLogDirsAndClusterAcrossThreeBrokers() async throws {
        let server = try await TestServer.start(brokers: 3)
        defer { server.stop() }
        let client = KafkaClient(config: ClientConfig(bootstrapServers: [server.address]), group: server.clientGroup)
        defer { Task { await client.close() } }
        let admin = Admin(client: client)
        try await admin.createTopic("orders", partitions: 2, replicationFactor: 3)
        let producer = Producer(client: client)
        for i in 0..<10 { try await producer.enqueue(ProducerRecord(topic: "orders", value: "v\(i)", partition: 0)) }
        await producer.close()

        let results = try await admin.deleteRecords([TopicPartition("orders", 0): 4, TopicPartition("orders", 1): 1,
                                                     TopicPartition("nope", 0): 1])
        #expect(results == [
            RecordsDeletion(topicPartition: TopicPartition("nope", 0), lowWatermark: -1, error: .unknownTopicOrPartition),
            RecordsDeletion(topicPartition: TopicPartition("orders", 0), lowWatermark: 4, error: .none),
            RecordsDeletion(topicPartition: TopicPartition("orders", 1), lowWatermark: -1, error: .offsetOutOfRange),
        ], "the answer waits until every replica starts at 4; partition 1 is empty")
        for broker in server.cluster.brokers {
            #expect(broker.partition(TopicPartition("orders", 0))?.logStartOffset == 4, "broker \(broker.id)")
        }
        #expect(try await admin.listOffset(topic: "orders", partition: 0, spec: -2).offset == 4)
        let all = try await admin.deleteRecords([TopicPartition("orders", 0): -1])
        #expect(all.first?.lowWatermark == 10, "-1 deletes up to the high watermark")

        let cluster = try await admin.describeCluster()
        #expect(cluster.clusterId == server.cluster.clusterId)
        #expect(cluster.nodes.map(\.id) == [0, 1, 2])
        #expect(cluster.nodes.allSatisfy { $0.rack == nil && $0.host == "127.0.0.1" })
        #expect(cluster.controllerId == server.cluster.controllerId)
        #expect(cluster.authorizedOperations == nil, "not asked for: Kafka's Int32.min")
        let withOps = try await admin.describeCluster(includeAuthorizedOperations: true)
        #expect(withOps.authorizedOperations == [5, 7, 8, 9, 10, 11, 12])

        let dirs = try await admin.describeLogDirs()
        #expect(dirs.keys.sorted() == [0, 1, 2])
        for (id, list) in dirs {
            let dir = try #require(list.first)
            #expect(list.count == 1 && dir.error == .none)
            #expect(dir.path == server.cluster.brokers[Int(id)].dataDirectory)
            #expect(dir.totalBytes > 0 && dir.usableBytes > 0 && dir.usableBytes <= dir.totalBytes)
            let replica = try #require(dir.replicas.first { $0.topicPartition == TopicPartition("orders", 0) })
            let local = try #require(server.cluster.brokers[Int(id)].partition(TopicPartition("orders", 0)))
            #expect(replica.size == local.log.sizeInBytes && replica.offsetLag == 0 && !replica.isFuture)
        }
        // A topic list narrows DescribeLogDirs to its partitions.
        let connection = try await server.connect()
        defer { connection.close() }
        let narrowed = try await connection.send(DescribeLogDirsRequest(topics: [.init(topic: "orders", partitions: [1])]))
        #expect(narrowed.results.first?.topics.map(\.name) == ["orders"])
        #expect(narrowed.results.first?.topics.first?.partitions.map(\.partitionIndex) == [1])
        let controllers = try await connection.send(DescribeClusterRequest(endpointType: 2))
        #expect(controllers.errorCode == ErrorCode(114), "MISMATCHED_ENDPOINT_TYPE at v1")
    }

    @Test func offsetDeleteKeepsTheOffsetsOfSubscribedTopics() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        let client = KafkaClient(config: ClientConfig(bootstrapServers: [server.address]), group: server.clientGroup)
        defer { Task { await client.close() } }
        let admin = Admin(client: client)
        try await admin.createTopic("read", partitions: 1)
        try await admin.createTopic("other", partitions: 2)
        let read = TopicPartition("read", 0), other = TopicPartition("other", 0), other1 = TopicPartition("other", 1)
        try await admin.commitOffsets(group: "g", [read: 1, other: 2, other1: 3])
        let missing = try await admin.deleteOffsets(group: "absent", partitions: [read])
        #expect(missing.error == .groupIdNotFound && missing.partitions.isEmpty)

        var config = GroupConsumerConfig(groupId: "g")
        config.sessionTimeoutMs = 45000
        config.heartbeatIntervalMs = 100
        config.enableAutoCommit = false
        let consumer = try GroupConsumer(client: client, config: config)
        consumer.subscribe(["read"])
        let deadline = ContinuousClock.now + .seconds(60)
        while consumer.assignment.isEmpty && ContinuousClock.now < deadline { _ = try await consumer.poll(timeout: .milliseconds(100)) }
        #expect(consumer.assignment == [read])
        let active = try await admin.deleteOffsets(group: "g", partitions: [read, other, TopicPartition("gone", 0)])
        #expect(active.error == .none)
        #expect(active.partitions == [read: .groupSubscribedToTopic, other: .none, TopicPartition("gone", 0): .unknownTopicOrPartition])
        #expect(try await admin.committedOffsets(group: "g") == [read: 1, other1: 3])
        await consumer.close()

        let empty = try await admin.deleteOffsets(group: "g", partitions: [read])
        #expect(empty.error == .none && empty.partitions == [read: .none], "an empty group loses any offset")
        #expect(try await admin.committedOffsets(group: "g") == [other1: 3])
    }

    @Test func listOffsetsByTimestampThroughTheWire() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        let client = KafkaClient(config: ClientConfig(bootstrapServers: [server.address]), group: server.clientGroup)
        defer { Task { await client.close() } }
        let admin = Admin(client: client)
        try await admin.createTopic("timed", partitions: 1)
        let producer = Producer(client: client)
        for (i, timestamp) in [1000, 3000, 2000].enumerated() {
            try await producer.enqueue(ProducerRecord(topic: "timed", partition: 0, value: ByteBuffer(string: "v\(i)"),
                                                      timestamp: Int64(timestamp)))
            await producer.flush()
        }
        await producer.close()
        let tp = TopicPartition("timed", 0)
        for (spec, expected) in [(-1, (3, -1)), (-2, (0, -1)), (-3, (1, 3000)), (-4, (0, -1)), (1500, (1, 3000)), (3001, (-1, -1))]
            as [(Int64, (Int64, Int64))] {
            let found = try await admin.listOffsets([tp: spec])[tp]
            #expect(found?.offset == expected.0 && found?.timestamp == expected.1, "spec \(spec)")
        }
        let connection = try await server.connect()
        defer { connection.close() }
        let twice = try await connection.send(ListOffsetsRequest(topics: [.init(name: "timed", partitions: [
            .init(partitionIndex: 0, timestamp: -1), .init(partitionIndex: 0, timestamp: -2)])]))
        #expect(twice.topics[0].partitions.map(\.errorCode) == [.invalidRequest, .invalidRequest], "a partition asked twice")
    }
}
