import Foundation
import NIOCore
import SamsaClient
import SamsaEngine
import SamsaProtocol
import Testing
@testable import SamsaServer

@Suite struct AdminAndDurabilityTests {
    @Test func topicLifecycleThroughTheWire() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        let client = KafkaClient(config: ClientConfig(bootstrapServers: [server.address]), group: server.clientGroup)
        let admin = Admin(client: client)
        let created = try await admin.createTopic("orders", partitions: 3, configs: ["retention.ms": "60000"])
        #expect(created.numPartitions == 3 && created.replicationFactor == 1)
        do {
            try await admin.createTopic("orders")
            Issue.record("duplicate create accepted")
        } catch let error as ClientError {
            #expect(error.code == .topicAlreadyExists)
        }
        do {
            try await admin.createTopic("bad name!")
            Issue.record("bad name accepted")
        } catch let error as ClientError {
            #expect(error.code == .invalidTopicException)
        }
        let described = try await admin.describeTopics(["orders"])
        #expect(described[0].partitions.count == 3)
        #expect(described[0].configs.map(\.name) == ["retention.ms"])
        #expect(try await admin.listTopics() == ["orders"])
        let brokerConfigs = try await admin.describeConfigs(broker: 0)
        #expect(brokerConfigs.contains { $0.name == "num.partitions" && $0.value == "1" })
        try await admin.deleteTopic("orders")
        #expect(try await admin.listTopics() == [])
        #expect(!FileManager.default.fileExists(atPath: server.directory + "/orders-0"))
        await client.close()
    }

    @Test func autoCreateOnMetadataRespectsTheSetting() async throws {
        for enabled in [true, false] {
            let server = try await TestServer.start(settings: ["auto.create.topics.enable": "\(enabled)", "num.partitions": "2"])
            defer { server.stop() }
            let connection = try await server.connect()
            let response = try await connection.send(MetadataRequest(topicNames: ["auto"], allowAutoTopicCreation: true))
            #expect(response.topics[0].errorCode == (enabled ? .none : .unknownTopicOrPartition))
            #expect(response.topics[0].partitions.count == (enabled ? 2 : 0))
            let invalid = try await connection.send(MetadataRequest(topicNames: ["no/slash"], allowAutoTopicCreation: true))
            #expect(invalid.topics[0].errorCode == .invalidTopicException)
        }
    }

    @Test func everythingSurvivesARestart() async throws {
        let directory = NSTemporaryDirectory() + "samsa-restart-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var first: TestServer? = try await TestServer.start(directory: directory)
        let client = KafkaClient(config: ClientConfig(bootstrapServers: [first!.address]), group: first!.clientGroup)
        try await Admin(client: client).createTopic("kept", partitions: 2, configs: ["retention.ms": "123456"])
        let producer = Producer(client: client)
        for i in 0..<100 { try await producer.enqueue(ProducerRecord(topic: "kept", key: "k\(i)", value: "v\(i)")) }
        await producer.close()
        await client.close()
        let topicId = first!.cluster.controller.topic("kept")!.id
        first!.stop(keepData: true)
        first = nil

        let second = try await TestServer.start(directory: directory)
        defer { second.stop() }
        #expect(second.cluster.controller.topic("kept")?.id == topicId)
        #expect(second.cluster.controller.topic("kept")?.configs == ["retention.ms": "123456"])
        let reader = KafkaClient(config: ClientConfig(bootstrapServers: [second.address]), group: second.clientGroup)
        let consumer = Consumer(client: reader)
        consumer.assign(try await consumer.partitions(of: "kept"), from: .beginning)
        var values: Set<String> = []
        let deadline = ContinuousClock.now + .seconds(60)
        while values.count < 100 && ContinuousClock.now < deadline {
            for record in try await consumer.poll(timeout: .milliseconds(500)) { values.insert(record.valueString!) }
        }
        #expect(values == Set((0..<100).map { "v\($0)" }))
        await reader.close()
    }

    @Test func aSecondServerCannotShareTheDataDirectory() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        do {
            _ = try Cluster(config: ClusterConfig(dataDirectory: server.directory, ports: [1]))
            Issue.record("two clusters opened one directory")
        } catch let error as EngineError {
            #expect(error.message.contains("in use"))
        }
    }

    @Test func busyPortIsOneClearSentence() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        let other = NSTemporaryDirectory() + "samsa-busy-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: other) }
        let cluster = try Cluster(config: ClusterConfig(dataDirectory: other, ports: [server.address.port]))
        defer { cluster.shutdown() }
        let second = KafkaServer(cluster: cluster, group: server.group)
        defer { second.beginStop() }
        do {
            try await second.start()
            Issue.record("bound a busy port")
        } catch let error as ServerError {
            #expect(error.description.contains("already in use"))
        }
    }
}
