import SamsaClient
import SamsaProtocol

/// The user topics a demo reads and writes. Kafka's streams quick start has the reader create them by hand
/// with kafka-topics.sh before starting the application; `samsa streams …` creates the ones still missing the
/// same way (the cluster's default partitions and replication, the word count's output compacted as the quick
/// start makes it) and says so, so a newcomer who skipped that step is not stopped by a missing topic.
public struct DemoTopic: Sendable, Equatable {
    public var name: String
    public var configs: [String: String]

    public init(_ name: String, configs: [String: String] = [:]) {
        self.name = name
        self.configs = configs
    }

    /// Creates each topic that does not exist yet; returns the names created, in order.
    public static func createMissing(_ topics: [DemoTopic], admin: Admin) async throws -> [String] {
        let existing = Set(try await admin.listTopics())
        var created: [String] = []
        for topic in topics where !existing.contains(topic.name) && !created.contains(topic.name) {
            do {
                try await admin.createTopic(topic.name, configs: topic.configs)
                created.append(topic.name)
            } catch let error as ClientError where error.code == .topicAlreadyExists {
                continue  // another instance of the demo created it meanwhile
            }
        }
        return created
    }
}
