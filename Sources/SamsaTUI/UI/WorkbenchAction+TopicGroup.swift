import SamsaClient

/// Topic detail, config changes, configured topics and offset resets: their status lines and their runs.
extension WorkbenchAction {
    var topicGroupProgress: String {
        switch self {
        case .describeTopic(let topic): "Describing \(topic)'s configs…"
        case .alterTopicConfig(let topic, .set(let name, let value)): "Setting \(name)=\(value) on \(topic)…"
        case .alterTopicConfig(let topic, .delete(let name)): "Reverting \(name) on \(topic) to its default…"
        case .alterTopicConfig(let topic, _): "Changing \(topic)'s configs…"
        case .createConfiguredTopic(let name, _, _, _): "Creating topic \(name)…"
        case .previewOffsetReset(let group, let request): "Planning the reset of \(group) \(GroupResetForm.summary(request))…"
        case .applyOffsetReset(let preview): "Resetting \(preview.group) \(preview.summary)…"
        default: ""
        }
    }

    /// Runs one of these actions; a config change answers with the topic described afresh, so topic
    /// detail shows its effect (a new source, a log start that retention moved).
    func performTopicGroup(on source: any WorkbenchSource) async throws -> ActionOutcome {
        switch self {
        case .describeTopic(let topic):
            let detail = try await source.describeTopicDetail(topic)
            let changed = detail.configs.count { !$0.isDefault }
            var outcome = ActionOutcome.success(self, "\(topic): \(Format.counted(detail.configs.count, "config")), \(changed) not default.")
            outcome.topicDetail = detail
            return outcome
        case .alterTopicConfig(let topic, let op):
            try await source.alterTopicConfig(topic, op)
            let text: String = switch op {
            case .set(let name, let value): "Set \(name)=\(value) on \(topic)."
            case .delete(let name): "Reverted \(name) on \(topic) to its default."
            case .append(let name, let value): "Appended \(value) to \(name) on \(topic)."
            case .subtract(let name, let value): "Removed \(value) from \(name) on \(topic)."
            }
            var outcome = ActionOutcome.success(self, text)
            outcome.topicDetail = try? await source.describeTopicDetail(topic)
            return outcome
        case .createConfiguredTopic(let name, let partitions, let factor, let configs):
            try await source.createTopic(name: name, partitions: partitions, replicationFactor: factor, configs: configs)
            let settings = configs.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            return .success(self, "Created topic \(name) (\(Format.counted(partitions, "partition")), replication factor \(factor), \(settings)).")
        case .previewOffsetReset(let group, let request):
            let preview = try await source.previewOffsetReset(group: group, request)
            var outcome = ActionOutcome.success(self, "Preview of resetting \(group) \(preview.summary): Enter applies, Esc cancels.")
            outcome.resetPreview = preview
            return outcome
        case .applyOffsetReset(let preview):
            try await source.applyOffsetReset(preview)
            return .success(self, "Reset \(preview.group) \(preview.summary) on \(Format.counted(preview.rows.count, "partition")).")
        default:
            throw WorkbenchError("Not a topic or group action.")
        }
    }
}
