import Foundation
import SamsaClient

/// Starting a Streams demo from the workbench: its input and output topics are created first when
/// missing (Kafka Streams requires its source topics to exist, as Kafka's quick start creates them by hand),
/// with the highest replication factor (up to 3) the live brokers allow; its internal topics get the same.
extension WorkbenchClients {
    func startStreams(_ launch: StreamsLaunch) async throws {
        var launch = launch
        let view = try await readable(.init(operation: "Describe")) { try await client.refreshMetadata(topics: nil) }
        let factor = try await liveReplicationFactor(upTo: Int16(max(1, min(3, view.brokers.count))), probe: launch.applicationId)
        launch.replicationFactor = factor
        for topic in launch.inputTopics + [launch.outputTopic] where view.topics[topic] == nil {
            do {
                // The word count's output is a table's changes: compacted, as Kafka's quick start creates it.
                let compacted = launch.demo == .wordCount && topic == launch.outputTopic
                try await admin.createTopic(topic, partitions: 3, replicationFactor: factor,
                                            configs: compacted ? ["cleanup.policy": "compact"] : [:])
                note(.topicCreated, "Created topic \(topic) for Streams app \(launch.applicationId)")
            } catch ClientError.broker(.topicAlreadyExists, _) {
                // Created meanwhile: what the app needs is there.
            } catch {
                throw WorkbenchError("Cannot create topic \(topic) for \(launch.applicationId): \(AccessAttempt.plain(error))")
            }
        }
        try await streams.start(launch)
    }

    /// The largest replication factor from `most` down that the cluster accepts now (a killed broker stays in
    /// the metadata but cannot take replicas), asked with validate-only CreateTopics: nothing is created.
    func liveReplicationFactor(upTo most: Int16, probe: String) async throws -> Int16 {
        var factor = most
        while factor > 1 {
            do {
                try await admin.createTopic("\(probe)-workbench-probe", partitions: 1, replicationFactor: factor, validateOnly: true)
                return factor
            } catch ClientError.broker(.invalidReplicationFactor, _) {
                factor -= 1
            }
        }
        return 1
    }
}
