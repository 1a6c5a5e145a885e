import Foundation
import Logging
@testable import SamsaEngine
@testable import SamsaProtocol

import Testing

/// Topic and broker configs changed at run time: Kafka's operations, validation, the layers DescribeConfigs
/// reports, the effect on every replica's log, and persistence.
@Suite struct ClusterConfigAlterationTests {
    private func refusal(_ body: () throws -> Void) -> EngineError? {
        do { try body() } catch let error as EngineError { return error } catch { return nil }
        return nil
    }

    @Test func topicAlterationsFollowKafkasOperations() throws {
        let harness = try ReplicationHarness(brokers: 1)
        defer { harness.close() }
        let cluster = harness.cluster
        try cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 1)
        try cluster.alterTopicConfigs("orders", [.set("retention.ms", "1000"), .append("cleanup.policy", "compact")])
        #expect(cluster.controller.topic("orders")?.configs == ["retention.ms": "1000", "cleanup.policy": "delete,compact"])
        try cluster.alterTopicConfigs("orders", [.subtract("cleanup.policy", "delete"), .delete("retention.ms")])
        #expect(cluster.controller.topic("orders")?.configs == ["cleanup.policy": "compact"])

        let entries = try cluster.topicConfigEntries("orders", brokerId: 0)
        let policy = try #require(entries.first { $0.name == "cleanup.policy" })
        #expect(policy.value == "compact" && policy.source == .topic)
        #expect(entries.first { $0.name == "retention.ms" }?.source == .defaultValue)

        #expect(refusal { try cluster.alterTopicConfigs("orders", [.set("retention.msx", "1")]) }?.code == .invalidConfig)
        #expect(refusal { try cluster.alterTopicConfigs("orders", [.set("retention.ms", "soon")]) }
                == EngineError(.invalidConfig, "Invalid value soon for configuration retention.ms: Not a number of type LONG"))
        #expect(refusal { try cluster.alterTopicConfigs("orders", [.append("retention.ms", "1")]) }?.code == .invalidConfig)
        #expect(refusal { try cluster.alterTopicConfigs("orders", [.subtract("cleanup.policy", "compact")]) }?.code == .invalidConfig)
        #expect(refusal { try cluster.alterTopicConfigs("orders", [.set("segment.ms", "1"), .delete("segment.ms")]) }?.code
                == .invalidRequest)
        #expect(refusal { try cluster.alterTopicConfigs("missing", [.set("retention.ms", "1")]) }?.code == .unknownTopicOrPartition)
        try cluster.alterTopicConfigs("orders", [.set("retention.ms", "5")], validateOnly: true)
        try cluster.replaceTopicConfigs("orders", ["segment.ms", "retention.bytes"].reduce(into: [:]) { $0[$1] = "100" },
                                        validateOnly: true)
        #expect(cluster.controller.topic("orders")?.configs == ["cleanup.policy": "compact"])
        // AlterConfigs replaces the whole set: keys left out revert to their defaults.
        try cluster.replaceTopicConfigs("orders", ["retention.bytes": "100"])
        #expect(cluster.controller.topic("orders")?.configs == ["retention.bytes": "100"])
    }

    @Test func loweredRetentionMovesTheLogStartOnEveryReplicaAtOnce() throws {
        let harness = try ReplicationHarness(brokers: 3)
        defer { harness.close() }
        let cluster = harness.cluster
        try cluster.createTopic(name: "events", partitions: 1, replicationFactor: 3, configs: ["segment.bytes": "100"])
        let tp = TopicPartition("events", 0)
        for batch in 0..<6 { try harness.produce(tp, ["value-\(batch)-padding-to-fill-a-segment"]) }
        // Retention stops at each replica's high watermark, so wait until every one knows all six are committed.
        #expect(eventually { cluster.brokers.allSatisfy { $0.partition(tp)?.highWatermark == 6 } })
        #expect(cluster.brokers.allSatisfy { $0.partition(tp)?.logStartOffset == 0 })

        try cluster.alterTopicConfigs("events", [.set("retention.bytes", "1"), .set("min.insync.replicas", "2"),
                                                 .set("message.timestamp.type", "LogAppendTime")])
        for broker in cluster.brokers {
            let replica = try #require(broker.partition(tp))
            #expect(replica.log.config.retentionBytes == 1, "broker \(broker.id)")
            // Kafka deletes by size only while at least retention.bytes stays, so the active segment stays.
            #expect(replica.logStartOffset == 5, "broker \(broker.id)")
            #expect(replica.state.withLock { $0.minInsyncReplicas == 2 && $0.logAppendTime })
        }

        // retention.ms likewise: every closed segment is older than 1 ms once a moment has passed.
        try cluster.createTopic(name: "aged", partitions: 1, replicationFactor: 3, configs: ["segment.bytes": "100"])
        let aged = TopicPartition("aged", 0)
        for batch in 0..<4 { try harness.produce(aged, ["value-\(batch)-padding-to-fill-a-segment"]) }
        #expect(eventually { cluster.brokers.allSatisfy { $0.partition(aged)?.highWatermark == 4 } })
        Thread.sleep(forTimeInterval: 0.05)
        try cluster.alterTopicConfigs("aged", [.set("retention.ms", "1")])
        #expect(cluster.brokers.allSatisfy { $0.partition(aged)?.logStartOffset == 4 })
    }

    @Test func loweredRetentionMsEmptiesASingleSegmentLogThatStaysWritable() throws {
        let harness = try ReplicationHarness(brokers: 3)
        defer { harness.close() }
        let cluster = harness.cluster
        // Default segment.bytes: the records sit in the active segment alone.
        try cluster.createTopic(name: "single", partitions: 1, replicationFactor: 3)
        let tp = TopicPartition("single", 0)
        for batch in 0..<3 { try harness.produce(tp, ["value-\(batch)"]) }
        #expect(eventually { cluster.brokers.allSatisfy { $0.partition(tp)?.highWatermark == 3 } })
        #expect(cluster.brokers.allSatisfy { $0.partition(tp)?.log.segmentCount == 1 })
        Thread.sleep(forTimeInterval: 0.05)

        try cluster.alterTopicConfigs("single", [.set("retention.ms", "1")])
        for broker in cluster.brokers {
            let replica = try #require(broker.partition(tp))
            #expect(replica.logStartOffset == 3 && replica.logEndOffset == 3, "broker \(broker.id)")
        }
        // Appends go on at the same offsets on every replica.
        try cluster.alterTopicConfigs("single", [.delete("retention.ms")])
        #expect(try harness.produce(tp, ["after"]).baseOffset == 3)
        #expect(eventually { cluster.brokers.allSatisfy { $0.partition(tp)?.highWatermark == 4 } })
        #expect(cluster.brokers.allSatisfy { $0.partition(tp)?.logStartOffset == 3 })
    }

    @Test func brokerConfigsLayerInKafkasOrder() throws {
        let harness = try ReplicationHarness(brokers: 2, settings: ["log.retention.hours": "48"])
        defer { harness.close() }
        let cluster = harness.cluster
        try cluster.createTopic(name: "logs", partitions: 1, replicationFactor: 2)
        let tp = TopicPartition("logs", 0)
        try cluster.alterBrokerConfigs("", [.set("log.retention.ms", "5000")])
        try cluster.alterBrokerConfigs("1", [.set("log.retention.ms", "7000")])
        #expect(cluster.broker(0)?.partition(tp)?.log.config.retentionMs == 5000)
        #expect(cluster.broker(1)?.partition(tp)?.log.config.retentionMs == 7000)

        let onBroker1 = try #require(try cluster.topicConfigEntries("logs", brokerId: 1).first { $0.name == "retention.ms" })
        #expect(onBroker1.value == "7000" && onBroker1.source == .dynamicBroker)
        #expect(onBroker1.synonyms.map(\.source) == [.dynamicBroker, .dynamicDefaultBroker, .staticBroker, .defaultValue])
        #expect(onBroker1.synonyms.map(\.name) == ["log.retention.ms", "log.retention.ms", "log.retention.hours", "log.retention.ms"])
        let onBroker0 = try #require(try cluster.topicConfigEntries("logs", brokerId: 0).first { $0.name == "retention.ms" })
        #expect(onBroker0.value == "5000" && onBroker0.source == .dynamicDefaultBroker)

        let defaults = try cluster.brokerConfigEntries("")
        #expect(defaults.map(\.name) == ["log.retention.ms"])
        #expect(defaults[0].synonyms.map(\.source) == [.dynamicDefaultBroker, .staticBroker, .defaultValue])
        let broker1 = try #require(try cluster.brokerConfigEntries("1").first { $0.name == "log.retention.ms" })
        #expect(broker1.value == "7000" && !broker1.readOnly)
        #expect(try cluster.brokerConfigEntries("1").first { $0.name == "num.partitions" }?.readOnly == true)

        #expect(refusal { try cluster.alterBrokerConfigs("1", [.set("num.partitions", "4")]) }
                == EngineError(.invalidRequest, "Cannot update these configs dynamically: num.partitions."))
        #expect(refusal { try cluster.alterBrokerConfigs("", [.set("log.retention.ms", "-5")]) }?.code == .invalidConfig)
        #expect(refusal { try cluster.alterBrokerConfigs("", [.set("no.such.key", "1")]) }?.code == .invalidConfig)
        #expect(refusal { try cluster.alterBrokerConfigs("9", [.set("log.retention.ms", "1")]) }?.code == .invalidRequest)

        // Deleting the per-broker value falls back to the cluster default at once.
        try cluster.alterBrokerConfigs("1", [.delete("log.retention.ms")])
        #expect(cluster.broker(1)?.partition(tp)?.log.config.retentionMs == 5000)
        // A topic's own value wins over both.
        try cluster.alterTopicConfigs("logs", [.set("retention.ms", "9000")])
        #expect(cluster.brokers.allSatisfy { $0.partition(tp)?.log.config.retentionMs == 9000 })
    }

    @Test func configsSurviveARestart() throws {
        let directory = NSTemporaryDirectory() + "samsa-configs-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let config = ClusterConfig(dataDirectory: directory, ports: [0, 0], settings: BrokerSettings(["offsets.topic.num.partitions": "1"]))
        let first = try Cluster(config: config, logger: logger)
        try first.createTopic(name: "kept", partitions: 1, replicationFactor: 2)
        try first.alterTopicConfigs("kept", [.set("segment.bytes", "4096"), .set("cleanup.policy", "compact")])
        try first.alterBrokerConfigs("", [.set("log.retention.bytes", "123456")])
        try first.alterBrokerConfigs("1", [.set("message.max.bytes", "2000")])
        first.shutdown()

        let second = try Cluster(config: config, logger: logger)
        defer { second.shutdown() }
        #expect(second.controller.topic("kept")?.configs == ["segment.bytes": "4096", "cleanup.policy": "compact"])
        #expect(second.controller.brokerConfigs("") == ["log.retention.bytes": "123456"])
        let tp = TopicPartition("kept", 0)
        for broker in second.brokers {
            let log = try #require(broker.partition(tp)).log
            #expect(log.config.segmentBytes == 4096 && log.config.cleanupPolicy == .compact && log.config.retentionBytes == 123456)
            #expect(log.config.maxMessageBytes == (broker.id == 1 ? 2000 : 1_048_588))
        }
    }
}
