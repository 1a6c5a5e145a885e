import Foundation
import SamsaClient
import SamsaProtocol

/// Topic detail, topic configs and offset resets over the wire, as kafka-configs, kafka-topics and
/// kafka-consumer-groups do them: DescribeConfigs, IncrementalAlterConfigs, CreateTopics with configs,
/// ListOffsets and OffsetCommit (through the CLI's `ConsumerGroupsTool`, so both plan alike).
extension WorkbenchClients {
    /// Every config of `topic` with its source, and each partition's log start and end (ListOffsets
    /// earliest and latest, what retention or DeleteRecords moved).
    func describeTopicDetail(_ topic: String) async throws -> TopicDetail {
        try await readable(AccessAttempt(operation: "DescribeConfigs", topic: topic)) {
            let configs = try await admin.describeConfigs(.topic(topic), includeSynonyms: true)
            guard let description = try await admin.describeTopics([topic]).first else {
                throw WorkbenchError("Topic \(topic) does not exist.")
            }
            let partitions = description.partitions.map { TopicPartition(topic, $0.partition) }
            let starts = try await admin.listOffsets(partitions, spec: -2)
            let ends = try await admin.listOffsets(partitions, spec: -1)
            return TopicDetail(topic: topic, configs: configs, partitions: partitions.sorted().map {
                TopicDetail.Partition(partition: $0.partition, logStartOffset: starts[$0] ?? 0, logEndOffset: ends[$0] ?? 0)
            })
        }
    }

    func alterTopicConfig(_ topic: String, _ op: AlterConfigOp) async throws {
        try await readable(AccessAttempt(operation: "AlterConfigs", topic: topic)) { try await admin.incrementalAlterConfigs(.topic(topic), [op]) }
        switch op {
        case .set(let name, let value): note(.other, "Topic \(topic): \(name) set to \(value)")
        case .delete(let name): note(.other, "Topic \(topic): \(name) reverted to its default")
        case .append(let name, let value): note(.other, "Topic \(topic): \(value) appended to \(name)")
        case .subtract(let name, let value): note(.other, "Topic \(topic): \(value) removed from \(name)")
        }
    }

    func createTopic(name: String, partitions: Int, replicationFactor: Int, configs: [String: String]) async throws {
        _ = try await readable(AccessAttempt(operation: "Create", topic: name)) {
            try await admin.createTopic(name, partitions: Int32(partitions), replicationFactor: Int16(replicationFactor), configs: configs)
        }
    }

    /// The reset's new offsets beside the group's commits (`--dry-run`); the tool refuses an active group
    /// with Kafka's sentence.
    func previewOffsetReset(group: String, _ request: GroupResetRequest) async throws -> GroupResetPreview {
        try await readable(AccessAttempt(operation: "Read", group: group)) {
            let tool = ConsumerGroupsTool(admin: admin)
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let plan = try await tool.resetOffsets(group, topics: request.scope.topicArguments, allTopics: request.scope == .allTopics,
                                                   to: request.scenario.resolved(now: now), execute: false)
            guard !plan.isEmpty else {
                throw WorkbenchError("Group \(group) has no committed offsets to reset; name a topic instead.")
            }
            let committed = try await admin.committedOffsets(group: group)
            return GroupResetPreview(group: group, summary: GroupResetForm.summary(request), rows: plan.map {
                GroupResetPreview.Row(topic: $0.key.topic, partition: $0.key.partition, current: committed[$0.key], new: $0.value)
            })
        }
    }

    /// Commits the previewed offsets once more checking that nobody joined the group meanwhile.
    func applyOffsetReset(_ preview: GroupResetPreview) async throws {
        try await readable(AccessAttempt(operation: "Read", group: preview.group)) {
            if let described = try await admin.describeGroups([preview.group]).first,
               described.state != "Empty" && described.state != "Dead" {
                throw WorkbenchError("Assignments can only be reset if the group '\(preview.group)' is inactive, but the current state is \(described.state).")
            }
            try await admin.commitOffsets(group: preview.group, preview.offsets)
        }
        note(.offsetsReset, "Offsets of group \(preview.group) reset \(preview.summary) on \(preview.rows.count) partition(s)")
    }
}
