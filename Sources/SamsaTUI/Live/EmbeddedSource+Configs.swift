import SamsaClient
import SamsaProtocol

/// Topic configs and offset resets go over the wire like every action; the embedded cluster adds what
/// only it can see: each partition's size on its leader's disk.
extension EmbeddedSource {
    public func describeTopicDetail(_ topic: String) async throws -> TopicDetail {
        let detail = try await clients.describeTopicDetail(topic)
        let leaders = snapshot().topic(named: topic)?.partitions ?? []
        return TopicDetail(topic: detail.topic, configs: detail.configs, partitions: detail.partitions.map { partition in
            let leader = leaders.first { $0.index == partition.partition }?.leader
            let size = leader.flatMap { cluster.broker($0)?.partition(TopicPartition(topic, partition.partition))?.log.sizeInBytes }
            return TopicDetail.Partition(partition: partition.partition, logStartOffset: partition.logStartOffset,
                                         logEndOffset: partition.logEndOffset, sizeInBytes: size)
        })
    }

    public func alterTopicConfig(_ topic: String, _ op: AlterConfigOp) async throws {
        try await clients.alterTopicConfig(topic, op)
        refresh()
    }

    public func createTopic(name: String, partitions: Int, replicationFactor: Int, configs: [String: String]) async throws {
        try await clients.createTopic(name: name, partitions: partitions, replicationFactor: replicationFactor, configs: configs)
        refresh()
    }

    public func previewOffsetReset(group: String, _ request: GroupResetRequest) async throws -> GroupResetPreview {
        try await clients.previewOffsetReset(group: group, request)
    }

    public func applyOffsetReset(_ preview: GroupResetPreview) async throws {
        try await clients.applyOffsetReset(preview)
        refresh()
    }
}
