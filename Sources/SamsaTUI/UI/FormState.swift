import Foundation
import SamsaClient

/// A small form (create topic, add partitions, start consumer): labelled fields, then a submit that
/// either yields an action or a sentence explaining what to fix.
struct FormState: Equatable {
    enum Purpose: Equatable {
        case createTopic
        case addPartitions(topic: String, current: Int)
        case startConsumer
        case beginTransaction
        case startStreams(StreamsDemo)
        /// Files named relative to `directory` resolve there.
        case createConnector(ConnectorKind, directory: String)
        case appendLines(directory: String)
        // topicgroup
        case deleteTopic(String)
        case editTopicConfig(topic: String, name: String)
        case resetOffsets(group: String)
    }

    struct Field: Equatable {
        let label: String
        var value: String
        let numeric: Bool
        /// For a choice field: the values Space and ←/→ cycle through (nothing is typed into it).
        var choices: [String] = []

        var isChoice: Bool { !choices.isEmpty }

        /// Moves a choice field to the next (or previous) value.
        mutating func cycle(by step: Int) {
            guard isChoice else { return }
            let index = choices.firstIndex(of: value) ?? 0
            value = choices[(index + step + choices.count) % choices.count]
        }
    }

    let title: String
    let purpose: Purpose
    var fields: [Field]
    var focused = 0
    var error: String?

    static func createTopic(brokerCount: Int) -> FormState {
        FormState(title: "Create topic", purpose: .createTopic, fields: [
            Field(label: "Name", value: "quickstart-events", numeric: false),
            Field(label: "Partitions", value: "3", numeric: true),
            Field(label: "Replication factor", value: String(max(1, min(3, brokerCount))), numeric: true),
        ] + TopicConfigForm.createFields)
    }

    static func addPartitions(topic: String, current: Int) -> FormState {
        FormState(title: "Add partitions to \(topic)", purpose: .addPartitions(topic: topic, current: current), fields: [
            Field(label: "Total partitions", value: String(current + 1), numeric: true),
        ])
    }

    static func startConsumer(topic: String, isolation: IsolationLevel = .readUncommitted) -> FormState {
        FormState(title: "Start a consumer", purpose: .startConsumer, fields: [
            Field(label: "Group", value: isolation == .readCommitted ? "workbench-committed" : "workbench-group", numeric: false),
            Field(label: "Topic", value: topic, numeric: false),
            Field(label: "Level", value: isolation.name, numeric: false, choices: IsolationLevel.allCases.map(\.name)),
        ])
    }

    static func beginTransaction() -> FormState {
        FormState(title: "Begin a transaction", purpose: .beginTransaction, fields: [
            Field(label: "Transactional id", value: ProducerTransaction.defaultId, numeric: false),
        ])
    }

    /// Types a character into the focused field (numeric fields take digits only).
    mutating func type(_ character: Character) {
        guard fields.indices.contains(focused) else { return }
        if fields[focused].isChoice {
            if character == " " { fields[focused].cycle(by: 1) }
            return
        }
        if fields[focused].numeric && !character.isASCII { return }
        if fields[focused].numeric && !character.isNumber { return }
        fields[focused].value.append(character)
        error = nil
    }

    mutating func backspace() {
        guard fields.indices.contains(focused), !fields[focused].value.isEmpty, !fields[focused].isChoice else { return }
        fields[focused].value.removeLast()
        error = nil
    }

    /// The action this form asks for, or a sentence saying what is wrong.
    func submit() -> Result<WorkbenchAction, WorkbenchError> {
        let values = fields.map { $0.value.trimmingCharacters(in: .whitespaces) }
        switch purpose {
        case .createTopic:
            guard !values[0].isEmpty else { return .failure(WorkbenchError("Give the topic a name.")) }
            guard let partitions = Int(values[1]), partitions > 0 else {
                return .failure(WorkbenchError("Partitions must be a whole number of at least 1."))
            }
            guard let factor = Int(values[2]), factor > 0 else {
                return .failure(WorkbenchError("Replication factor must be a whole number of at least 1."))
            }
            return TopicConfigForm.configs(values.dropFirst(3)).map { configs in
                configs.isEmpty ? .createTopic(name: values[0], partitions: partitions, replicationFactor: factor)
                    : .createConfiguredTopic(name: values[0], partitions: partitions, replicationFactor: factor, configs: configs)
            }
        case .addPartitions(let topic, let current):
            guard let total = Int(values[0]), total > current else {
                return .failure(WorkbenchError("\(topic) has \(current) partitions; enter a larger total (partitions can only grow)."))
            }
            return .success(.addPartitions(topic: topic, totalPartitions: total))
        case .startConsumer:
            guard !values[0].isEmpty else { return .failure(WorkbenchError("Give the consumer group a name.")) }
            guard !values[1].isEmpty else { return .failure(WorkbenchError("Name the topic to read.")) }
            let isolation = IsolationLevel(name: values[2]) ?? .readUncommitted
            return .success(.startConsumer(group: values[0], topic: values[1], isolation: isolation))
        case .beginTransaction:
            guard !values[0].isEmpty else { return .failure(WorkbenchError("Give the transaction a transactional id.")) }
            return .success(.beginTransaction(transactionalId: values[0]))
        case .startStreams(let demo):
            return StreamsLaunchForm.launch(demo, values: values).map { .startStreams($0) }
        case .createConnector(let kind, let directory):
            return ConnectForms.connector(kind, values: values, directory: directory)
        case .appendLines(let directory):
            return ConnectForms.appendLines(values: values, directory: directory)
        case .deleteTopic(let topic):
            return TopicConfigForm.deleteTopic(topic, typed: fields[0].value)
        case .editTopicConfig(let topic, let name):
            return TopicConfigForm.edit(topic: topic, name: name, value: values[0])
        case .resetOffsets(let group):
            return GroupResetForm.request(values).map { .previewOffsetReset(group: group, $0) }
        }
    }
}
