import ArgumentParser
import SamsaClient

/// `samsa topics`: kafka-topics for Samsa (and any Kafka cluster).
struct TopicsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "Create, list, describe and delete topics (like kafka-topics.sh).")

    @OptionGroup var connection: BootstrapOptions

    @Flag(help: "Create a topic.") var create = false
    @Flag(help: "List topic names.") var list = false
    @Flag(help: "Describe topics: partitions, leader, replicas, in-sync replicas.") var describe = false
    @Flag(help: "Delete a topic and its data.") var delete = false
    @Flag(help: "Grow a topic to --partitions partitions.") var alter = false

    @Option(help: "The topic.") var topic: String?
    @Option(help: "Partitions of a new topic (default: the broker's num.partitions).") var partitions: Int32?
    @Option(name: .customLong("replication-factor"), help: "Replicas per partition (default: the broker's).")
    var replicationFactor: Int16?
    @Option(name: .customLong("config"), help: ArgumentHelp("A topic config for --create, as key=value (repeatable).", valueName: "key=value"))
    var configs: [String] = []
    @Flag(name: .customLong("if-not-exists"), help: "With --create, succeed if the topic already exists.") var ifNotExists = false
    @Flag(name: .customLong("if-exists"), help: "With --delete or --describe, succeed if the topic does not exist.") var ifExists = false
    @Flag(name: .customLong("exclude-internal"), help: "Leave internal topics out of --list and --describe.") var excludeInternal = false

    func validate() throws {
        let actions = [create, list, describe, delete, alter].filter { $0 }.count
        guard actions == 1 else { throw ValidationError("Give exactly one of --create, --list, --describe, --alter or --delete.") }
        if (create || delete || alter) && topic == nil { throw ValidationError("--topic is required with --create, --alter and --delete.") }
        if alter && partitions == nil { throw ValidationError("--alter needs --partitions, the new partition count.") }
        if let partitions, partitions < 1 { throw ValidationError("--partitions must be at least 1.") }
        if let replicationFactor, replicationFactor < 1 { throw ValidationError("--replication-factor must be at least 1.") }
        if !create && (replicationFactor != nil || !configs.isEmpty) {
            throw ValidationError("--replication-factor and --config only apply to --create.")
        }
        if !create && !alter && partitions != nil { throw ValidationError("--partitions only applies to --create and --alter.") }
        _ = try Properties.parse(configs, option: "--config")
    }

    func run() async throws {
        let client = try connection.client(id: "samsa-topics")
        do {
            try await perform(Admin(client: client))
            await client.close()
        } catch {
            await client.close()
            throw error
        }
    }

    private func perform(_ admin: Admin) async throws {
        if create, let topic {
            do {
                try await admin.createTopic(topic, partitions: partitions ?? -1, replicationFactor: replicationFactor ?? -1,
                                            configs: try Properties.parse(configs, option: "--config"))
                print("Created topic \(topic).")
            } catch let error as ClientError where error.code == .topicAlreadyExists && ifNotExists {
                return
            }
        } else if list {
            for name in try await admin.listTopics(includeInternal: !excludeInternal) { print(name) }
        } else if describe {
            let names = topic.map { [$0] }
            do {
                for description in try await admin.describeTopics(names) where !(excludeInternal && description.isInternal) {
                    for line in TopicDescriptionFormat.lines(description) { print(line) }
                }
            } catch let error as ClientError where error.code == .unknownTopicOrPartition && ifExists {
                return
            }
        } else if alter, let topic, let partitions {
            try await admin.createPartitions(topic, total: partitions)
        } else if delete, let topic {
            do {
                try await admin.deleteTopic(topic)
            } catch let error as ClientError where error.code == .unknownTopicOrPartition && ifExists {
                return
            }
        }
    }
}
