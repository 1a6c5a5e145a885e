import Foundation
import SamsaClient
import SamsaEngine
import SamsaProtocol
import Testing
@testable import SamsaServer

/// Admin's config calls over the wire: IncrementalAlterConfigs, AlterConfigs and DescribeConfigs with
/// sources and synonyms, routed as Kafka's AdminClient routes them, and ApiVersions advertising them.
@Suite struct AdminConfigsTests {
    @Test func configsChangeAndDescribeThroughTheWire() async throws {
        let server = try await TestServer.start(brokers: 2, settings: ["log.retention.hours": "48"])
        defer { server.stop() }
        let client = KafkaClient(config: ClientConfig(bootstrapServers: [server.address]), group: server.clientGroup)
        let admin = Admin(client: client)
        try await admin.createTopic("orders", partitions: 2, replicationFactor: 2)

        let versions = try await server.connect().send(ApiVersionsRequest())
        for key in [APIKey.describeConfigs, .alterConfigs, .incrementalAlterConfigs] {
            #expect(versions.apiKeys.contains { $0.apiKey == key.rawValue }, "\(key) not advertised")
        }

        // Null or empty keys ask for every config (Kafka's ConfigHelper; kafka-python sends an empty list).
        let everything = try await server.connect().send(DescribeConfigsRequest(resources: [
            .init(resourceType: DescribeConfigsRequest.brokerResource, resourceName: "0", configurationKeys: []),
            .init(resourceType: DescribeConfigsRequest.topicResource, resourceName: "orders", configurationKeys: ["segment.ms"]),
        ]))
        #expect(everything.results[0].configs.count == BrokerConfigs.definitions.count)
        #expect(everything.results[1].configs.map(\.name) == ["segment.ms"])

        try await admin.incrementalAlterConfigs(.topic("orders"), [.set("retention.ms", "60000"), .append("cleanup.policy", "compact")])
        try await admin.incrementalAlterConfigs(.broker(nil), [.set("log.retention.bytes", "1000000")])
        try await admin.incrementalAlterConfigs(.broker(1), [.set("log.retention.bytes", "2000000")])
        let topic = try await admin.describeConfigs(.topic("orders"), includeDocumentation: true)
        let retention = try #require(topic.first { $0.name == "retention.ms" })
        #expect(retention.value == "60000" && retention.source == .dynamicTopic && retention.documentation != nil)
        #expect(retention.synonyms.map(\.source) == [.dynamicTopic, .staticBroker, .defaultConfig])
        #expect(topic.first { $0.name == "cleanup.policy" }?.value == "delete,compact")
        #expect(topic.first { $0.name == "retention.bytes" }?.source == .dynamicDefaultBroker)

        let broker1 = try await admin.describeConfigs(.broker(1))
        let bytes = try #require(broker1.first { $0.name == "log.retention.bytes" })
        #expect(bytes.value == "2000000" && bytes.source == .dynamicBroker)
        #expect(bytes.synonyms.map(\.value) == ["2000000", "1000000", "-1"])
        #expect(try await admin.describeConfigs(.broker(nil)).map(\.name) == ["log.retention.bytes"])
        #expect(server.cluster.broker(1)?.partition(TopicPartition("orders", 0))?.log.config.retentionBytes == 2_000_000)

        do {
            try await admin.incrementalAlterConfigs(.topic("orders"), [.set("max.message.bytes", "big")])
            Issue.record("a bad value was accepted")
        } catch let error as ClientError {
            #expect(error == .broker(.invalidConfig, "Invalid value big for configuration max.message.bytes: Not a number of type INT"))
        }
        do {
            try await admin.incrementalAlterConfigs(.broker(0), [.set("num.partitions", "3")])
            Issue.record("a read-only broker config was accepted")
        } catch let error as ClientError {
            #expect(error.code == .invalidRequest)
        }
        try await admin.alterConfigs(.topic("orders"), ["segment.ms": "100000"], validateOnly: true)
        #expect(server.cluster.controller.topic("orders")?.configs["segment.ms"] == nil)
        try await admin.alterConfigs(.topic("orders"), ["segment.ms": "100000"])
        #expect(server.cluster.controller.topic("orders")?.configs == ["segment.ms": "100000"])
        await client.close()
    }
}
