import SamsaProtocol

/// kafka-consumer-groups --delete-offsets' output: a verdict line, then TOPIC / PARTITION / STATUS rows.
public enum OffsetDeleteFormat {
    /// `partitions`: each partition asked for and its error (NONE: deleted); `topicErrors`: topics whose
    /// partitions could not be listed (printed with partition "Not Provided").
    public static func output(group: String, topics: [String], topLevel: ErrorCode, partitions: [TopicPartition: ErrorCode],
                              topicErrors: [String: ErrorCode] = [:]) -> String {
        var out: String
        switch topLevel {
        case .none: out = "Request succeed for deleting offsets with topic \(topics.joined(separator: ", ")) group \(group)\n"
        case .invalidGroupId: out = "\nError: '\(group)' is not valid.\n"
        case .groupIdNotFound: out = "\nError: '\(group)' does not exist.\n"
        case .groupAuthorizationFailed: out = "\nError: Access to '\(group)' is not authorized.\n"
        case .nonEmptyGroup: out = "\nError: Deleting offsets of a consumer group '\(group)' is forbidden if the group is not empty.\n"
        case .groupSubscribedToTopic, .topicAuthorizationFailed, .unknownTopicOrPartition:
            out = "\nError: Encounter some partition level error, see the follow-up details:\n"
        default: out = "\nError: Encounter some unknown error: \(topLevel.name)\n"
        }
        var rows: [(key: String, topic: String, partition: String, status: String)] = partitions.map { tp, error in
            (tp.topic + String(tp.partition), tp.topic, String(tp.partition), status(error))
        }
        rows += topicErrors.map { topic, error in (topic + "-1", topic, "Not Provided", status(error)) }
        out += "\n" + row("TOPIC", "PARTITION", "STATUS")
        for entry in rows.sorted(by: { $0.key < $1.key }) { out += "\n" + row(entry.topic, entry.partition, entry.status) }
        return out + "\n"
    }

    /// The error Kafka's admin client reports first: the group's, else the first partition's.
    public static func topLevel(_ group: ErrorCode, _ partitions: [TopicPartition: ErrorCode]) -> ErrorCode {
        if group != .none { return group }
        return partitions.sorted { $0.key < $1.key }.first { $0.value != .none }?.value ?? .none
    }

    static func status(_ error: ErrorCode) -> String {
        error == .none ? "Successful" : "Error: :" + KafkaExceptionName.describe(error)
    }

    static func row(_ topic: String, _ partition: String, _ status: String) -> String {
        pad(topic, 30) + " " + pad(partition, 15) + " " + pad(status, 15)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
