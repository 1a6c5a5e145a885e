import Logging
import SamsaClient
import SamsaProtocol

/// Prepares the cluster for a topology before the first assignment, as Kafka's `InternalTopicManager` and
/// `CopartitionedTopicsEnforcer` do: every user source topic must exist, co-partitioned topics must have the
/// same partition count, and repartition and changelog topics are created (`<application.id>-<name>`).
struct InternalTopicManager {
    let topology: Topology
    let config: StreamsConfig
    let admin: Admin
    let logger: Logger

    /// Partition counts of every topic the topology reads or owns, after creating missing internal topics.
    func prepare() async throws -> [String: Int32] {
        let app = config.applicationId
        let internalNames = Set(topology.internalTopics.map(\.name))
        let userSources = Set(topology.subtopologies.flatMap(\.sourceTopics)).subtracting(internalNames).sorted()
        var counts = try await existingCounts(userSources + topology.internalTopics.map { $0.topicName(applicationId: app) })
        let missing = userSources.filter { counts[$0] == nil }
        if !missing.isEmpty {
            throw StreamsError(.missingSourceTopic, "Missing source topics. [\(missing.joined(separator: ", "))] must exist before application '\(app)' starts.")
        }
        // Internal topics take the partition count of the subtopology that reads or writes them; repartition
        // topics may feed other subtopologies, so resolve until nothing changes.
        var wanted: [String: Int32] = [:]
        for spec in topology.internalTopics { if let n = spec.partitions { wanted[spec.name] = n } }
        func count(_ topic: String) -> Int32? { internalNames.contains(topic) ? wanted[topic] : counts[topic] }
        var changed = true
        while changed {
            changed = false
            for sub in topology.subtopologies {
                let known = sub.sourceTopics.compactMap(count)
                guard known.count == sub.sourceTopics.count, let n = known.max() else { continue }
                let owned = sub.sinkTopics.filter { sink in topology.internalTopics.contains { $0.name == sink && $0.kind == .repartition } }
                    + sub.stores.filter(\.loggingEnabled).map(\.changelogName)
                for name in owned where internalNames.contains(name) && wanted[name] == nil {
                    wanted[name] = n
                    changed = true
                }
            }
        }
        try checkCopartitioning { count($0) }
        for spec in topology.internalTopics {
            let name = spec.topicName(applicationId: app)
            guard let partitions = wanted[spec.name] else {
                throw StreamsError(.topology, "Invalid topology: Number of partitions is not set for topic: \(name)")
            }
            if let existing = counts[name] {
                if existing != partitions {
                    throw StreamsError(.internalTopic, "Internal topic \(name) has \(existing) partitions but the topology needs \(partitions); delete it or reset the application.")
                }
                continue
            }
            try await create(spec, name: name, partitions: partitions)
            counts[name] = partitions
        }
        try await waitForLeaders(topology.internalTopics.map { $0.topicName(applicationId: app) })
        return counts
    }

    /// Kafka's `CopartitionedTopicsEnforcer` check.
    func checkCopartitioning(_ count: (String) -> Int32?) throws {
        for sub in topology.subtopologies {
            for group in sub.copartitionGroups {
                let sized = group.compactMap { topic in count(topic).map { (topology.resolve(topic, applicationId: config.applicationId), $0) } }
                guard Set(sized.map(\.1)).count > 1 else { continue }
                let text = sized.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
                throw StreamsError(.topology, "Invalid topology: Topics not co-partitioned: [{\(text)}]")
            }
        }
    }

    private func create(_ spec: InternalTopicSpec, name: String, partitions: Int32) async throws {
        var configs: [String: String]
        switch spec.kind {
        case .changelog:
            configs = ["cleanup.policy": "compact", "message.timestamp.type": "CreateTime"]
        case .repartition:
            // As Kafka creates them: deleted by retention only after Streams purged what it committed.
            configs = ["cleanup.policy": "delete", "segment.bytes": "52428800", "retention.ms": "-1", "message.timestamp.type": "CreateTime"]
        }
        configs.merge(spec.configs) { $1 }
        if let store = topology.subtopologies.flatMap(\.stores).first(where: { $0.changelogName == spec.name }) {
            configs.merge(store.changelogConfigs) { $1 }
        }
        do {
            try await admin.createTopic(name, partitions: partitions, replicationFactor: config.replicationFactor, configs: configs)
            logger.info("Created internal topic \(name) with \(partitions) partitions")
        } catch ClientError.broker(.topicAlreadyExists, _) {
            // Another instance created it at the same moment.
        }
    }

    private func existingCounts(_ topics: [String]) async throws -> [String: Int32] {
        let view = try await admin.client.refreshMetadata(topics: topics, allowAutoCreate: false)
        var counts: [String: Int32] = [:]
        for topic in topics { if let info = view.topics[topic], !info.partitions.isEmpty { counts[topic] = Int32(info.partitions.count) } }
        return counts
    }

    /// Waits until metadata shows every partition of the topics with a leader.
    private func waitForLeaders(_ topics: [String]) async throws {
        guard !topics.isEmpty else { return }
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            let view = try await admin.client.refreshMetadata(topics: topics, allowAutoCreate: false)
            let ready = topics.allSatisfy { topic in
                guard let info = view.topics[topic], !info.partitions.isEmpty else { return false }
                return info.partitions.allSatisfy { $0.leader >= 0 }
            }
            if ready { return }
            if ContinuousClock.now > deadline {
                throw StreamsError(.internalTopic, "Internal topics \(topics.joined(separator: ", ")) did not get partition leaders within 60 seconds.")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
