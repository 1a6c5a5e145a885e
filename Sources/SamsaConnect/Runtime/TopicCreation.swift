import Logging
import SamsaClient

/// Kafka's `topic.creation.*` for source connectors (KIP-158), default group only: when a connector sets
/// `topic.creation.default.replication.factor` and `topic.creation.default.partitions`, each topic it writes
/// that does not exist yet is created with them and with any other `topic.creation.default.<topic config>`,
/// before its first record (rather than left to the broker's auto-creation).
final class TopicCreation {
    let partitions: Int32
    let replicationFactor: Int16
    let configs: [String: String]
    let admin: Admin
    let logger: Logger
    private var known: Set<String> = []

    init?(connector: [String: String], client: KafkaClient, logger: Logger) {
        let settings = ConnectorConfig.stripping("topic.creation.default.", connector)
        guard let rf = settings["replication.factor"].flatMap({ Int16($0.trimmingCharacters(in: .whitespaces)) }),
              let count = settings["partitions"].flatMap({ Int32($0.trimmingCharacters(in: .whitespaces)) }) else { return nil }
        partitions = count
        replicationFactor = rf
        configs = settings.filter { $0.key != "replication.factor" && $0.key != "partitions" && $0.key != "include" && $0.key != "exclude" }
        admin = Admin(client: client)
        self.logger = logger
    }

    /// Creates `topic` once if missing; a failure is logged and left to the producer (as Kafka continues).
    func ensure(_ topic: String) async {
        guard known.insert(topic).inserted else { return }
        do {
            if try await admin.listTopics().contains(topic) { return }
            _ = try await admin.createTopic(topic, partitions: partitions, replicationFactor: replicationFactor, configs: configs)
            logger.info("Created topic '\(topic)' with \(partitions) partitions and replication factor \(replicationFactor) using creation group default")
        } catch let error as ClientError where error.code == .topicAlreadyExists {
        } catch {
            logger.warning("Failed to create topic '\(topic)': \(error)")
        }
    }
}
