import SamsaProtocol

extension ConsumerGroupsTool {
    /// `--delete-offsets --group G --topic T[:P,P]…`: deletes the group's committed offsets of the named
    /// partitions (a topic without partitions means all of them) and returns kafka-consumer-groups' output
    /// and whether every partition's offset went.
    public func deleteOffsets(_ groupId: String, topics: [String]) async throws -> (output: String, ok: Bool) {
        var partitions: [TopicPartition] = []
        var topicErrors: [String: ErrorCode] = [:]
        let parsed = try topics.map(OffsetResetPlan.parseTopic)
        let whole = parsed.filter { $0.partitions == nil }.map(\.topic)
        for item in parsed { partitions += (item.partitions ?? []).map { TopicPartition(item.topic, $0) } }
        if !whole.isEmpty {
            let view = try await admin.client.refreshMetadata(topics: whole)
            for topic in whole {
                if let info = view.topics[topic] {
                    partitions += info.partitions.map { TopicPartition(topic, $0.partition) }
                } else {
                    topicErrors[topic] = .unknownTopicOrPartition
                }
            }
        }
        let unique = Array(Set(partitions)).sorted()
        var groupError = ErrorCode.none
        var results: [TopicPartition: ErrorCode] = [:]
        if !unique.isEmpty { (groupError, results) = try await admin.deleteOffsets(group: groupId, partitions: unique) }
        // As Kafka's admin client: a group-level error fails every partition with it.
        if groupError != .none { results = Dictionary(uniqueKeysWithValues: unique.map { ($0, groupError) }) }
        var topLevel = OffsetDeleteFormat.topLevel(groupError, results)
        if topLevel == .none, let error = topicErrors.values.first { topLevel = error }
        let output = OffsetDeleteFormat.output(group: groupId, topics: topics, topLevel: topLevel, partitions: results, topicErrors: topicErrors)
        return (output, topLevel == .none)
    }
}
