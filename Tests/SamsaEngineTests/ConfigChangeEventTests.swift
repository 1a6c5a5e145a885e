import Foundation
@testable import SamsaEngine
import Testing

/// A config change is a cluster event: one line naming each changed key, its new value and what it was.
@Suite struct ConfigChangeEventTests {
    private func configEvents(_ cluster: Cluster) -> [ClusterEvent] {
        cluster.events.since().filter { $0.kind == .configChanged }
    }

    @Test func topicChangesAreNarratedWithTheirFormerValues() throws {
        let harness = try ReplicationHarness(brokers: 1)
        defer { harness.close() }
        let cluster = harness.cluster
        try cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 1)
        try cluster.alterTopicConfigs("orders", [.set("cleanup.policy", "compact")])
        try cluster.alterTopicConfigs("orders", [.set("retention.ms", "1000"), .delete("cleanup.policy")])
        #expect(configEvents(cluster).map(\.text) == [
            "Topic orders config changed: cleanup.policy=compact (was delete)",
            "Topic orders config changed: cleanup.policy reverted to default (delete), retention.ms=1000 (was 604800000)",
        ])
        // Nothing changed, a dry run and a refused change tell nothing.
        try cluster.alterTopicConfigs("orders", [.set("retention.ms", "1000")])
        try cluster.alterTopicConfigs("orders", [.set("retention.ms", "5")], validateOnly: true)
        _ = try? cluster.alterTopicConfigs("orders", [.set("retention.ms", "soon")])
        #expect(configEvents(cluster).count == 2)
    }

    @Test func brokerAndClusterDefaultChangesNameTheirEntity() throws {
        let harness = try ReplicationHarness(brokers: 2)
        defer { harness.close() }
        let cluster = harness.cluster
        try cluster.alterBrokerConfigs("", [.set("log.retention.ms", "5000")])
        try cluster.alterBrokerConfigs("1", [.set("log.retention.ms", "7000")])
        try cluster.alterBrokerConfigs("1", [.delete("log.retention.ms")])
        let events = configEvents(cluster)
        #expect(events.map(\.text) == [
            "Cluster-wide default broker config changed: log.retention.ms=5000 (was 604800000)",
            "Broker 1 config changed: log.retention.ms=7000 (was 5000)",
            "Broker 1 config changed: log.retention.ms reverted to default (5000)",
        ])
        #expect(events.map(\.brokerId) == [nil, 1, 1])
    }
}
