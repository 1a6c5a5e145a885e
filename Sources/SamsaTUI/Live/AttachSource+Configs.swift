import SamsaClient

/// Topic configs and offset resets on an attached cluster: the same wire calls as kafka-configs and
/// kafka-consumer-groups (log sizes need DescribeLogDirs, so attach mode shows offsets only).
extension AttachSource {
    public func describeTopicDetail(_ topic: String) async throws -> TopicDetail {
        try await clients.describeTopicDetail(topic)
    }

    public func alterTopicConfig(_ topic: String, _ op: AlterConfigOp) async throws {
        try await clients.alterTopicConfig(topic, op)
        await poll()
    }

    public func createTopic(name: String, partitions: Int, replicationFactor: Int, configs: [String: String]) async throws {
        try await clients.createTopic(name: name, partitions: partitions, replicationFactor: replicationFactor, configs: configs)
        await poll()
    }

    public func previewOffsetReset(group: String, _ request: GroupResetRequest) async throws -> GroupResetPreview {
        try await clients.previewOffsetReset(group: group, request)
    }

    public func applyOffsetReset(_ preview: GroupResetPreview) async throws {
        try await clients.applyOffsetReset(preview)
        await poll()
    }
}
