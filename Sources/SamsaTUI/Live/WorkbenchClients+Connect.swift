import Foundation
import SamsaClient

/// Creating a connector from the workbench: its topics are created first when missing (one partition, as a
/// broker's auto-creation would, with the highest replication factor up to 3 that the live brokers allow),
/// so a file source still starts while a broker the tour killed is down.
extension WorkbenchClients {
    func createConnector(name: String, config: [String: String]) async throws {
        let wanted = Self.connectorTopics(config)
        if !wanted.isEmpty {
            let view = try await readable(.init(operation: "Describe")) { try await client.refreshMetadata(topics: nil) }
            let missing = wanted.filter { view.topics[$0] == nil }
            if !missing.isEmpty {
                let factor = try await liveReplicationFactor(upTo: Int16(max(1, min(3, view.brokers.count))), probe: "connect-\(name)")
                for topic in missing {
                    do {
                        try await admin.createTopic(topic, partitions: 1, replicationFactor: factor)
                        note(.topicCreated, "Created topic \(topic) for connector \(name)")
                    } catch ClientError.broker(.topicAlreadyExists, _) {
                        // Created meanwhile: what the connector needs is there.
                    } catch {
                        throw WorkbenchError("Cannot create topic \(topic) for connector \(name): \(AccessAttempt.plain(error))")
                    }
                }
            }
        }
        try await connect.create(name: name, config: config)
    }

    /// The topics a connector config names: a source's `topic` (`kafka.topic` for the generator), a sink's
    /// `topics` (not `topics.regex`: nothing to create for a pattern).
    static func connectorTopics(_ config: [String: String]) -> [String] {
        if let topics = config["topics"] {
            return topics.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return [config["topic"] ?? config["kafka.topic"]].compactMap { $0 }.filter { !$0.isEmpty }
    }
}
