import SamsaClient

/// Starting a Streams demo from the workbench: its input and output topics are created first when
/// missing (Kafka Streams requires its source topics to exist, as Kafka's quick start creates them by hand).
extension WorkbenchClients {
    func startStreams(_ launch: StreamsLaunch) async throws {
        let view = try await readable { try await client.refreshMetadata(topics: nil) }
        let factor = Int16(max(1, min(3, view.brokers.count)))
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
                throw WorkbenchError("Cannot create topic \(topic) for \(launch.applicationId): \(Self.sentence(error))")
            }
        }
        try await streams.start(launch)
    }
}
