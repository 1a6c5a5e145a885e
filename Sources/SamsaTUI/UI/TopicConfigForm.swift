import SamsaClient

/// The topic forms' config parts: the create form's configs (empty or "default" leaves the broker's
/// default), one config's edit, and the typed-name confirmation before a delete.
enum TopicConfigForm {
    static let defaultChoice = "default"
    static let cleanupPolicies = [defaultChoice, "delete", "compact", "compact,delete"]
    static let compressionTypes = [defaultChoice, "producer", "uncompressed", "gzip", "snappy", "lz4", "zstd"]

    /// The configs the create form offers, after name, partitions and replication factor.
    static var createFields: [FormState.Field] {
        [FormState.Field(label: "cleanup.policy", value: defaultChoice, numeric: false, choices: cleanupPolicies),
         FormState.Field(label: "retention.ms", value: "", numeric: false),
         FormState.Field(label: "min.insync.replicas", value: "", numeric: true),
         FormState.Field(label: "compression.type", value: defaultChoice, numeric: false, choices: compressionTypes)]
    }

    /// The configs to create the topic with, from the four config fields' trimmed values.
    static func configs<Values: Collection<String>>(_ values: Values) -> Result<[String: String], WorkbenchError> {
        let values = Array(values)
        guard values.count == 4 else { return .success([:]) }
        var configs: [String: String] = [:]
        if values[0] != defaultChoice && !values[0].isEmpty { configs["cleanup.policy"] = values[0] }
        if !values[1].isEmpty {
            // -1 is Kafka's "keep forever".
            guard let retention = Int64(values[1]), retention >= -1 else {
                return .failure(WorkbenchError("retention.ms must be a number of milliseconds (-1 keeps records forever), or empty for the default."))
            }
            configs["retention.ms"] = String(retention)
        }
        if !values[2].isEmpty {
            guard let replicas = Int(values[2]), replicas >= 1 else {
                return .failure(WorkbenchError("min.insync.replicas must be at least 1, or empty for the default."))
            }
            configs["min.insync.replicas"] = String(replicas)
        }
        if values[3] != defaultChoice && !values[3].isEmpty { configs["compression.type"] = values[3] }
        return .success(configs)
    }

    static func deleteTopicForm(_ topic: String) -> FormState {
        FormState(title: "Delete topic \(topic) and all its records", purpose: .deleteTopic(topic), fields: [
            FormState.Field(label: "Type its name", value: "", numeric: false),
        ])
    }

    /// Deletes only when the name is typed exactly (as Kafka UIs ask before a delete).
    static func deleteTopic(_ topic: String, typed: String) -> Result<WorkbenchAction, WorkbenchError> {
        guard typed == topic else {
            return .failure(WorkbenchError(typed.isEmpty ? "Type \(topic) to delete it." : "\"\(typed)\" is not \(topic): type its name exactly."))
        }
        return .success(.deleteTopic(topic))
    }

    static func editForm(topic: String, config: ConfigEntryDescription) -> FormState {
        FormState(title: "Set \(config.name) on \(topic)", purpose: .editTopicConfig(topic: topic, name: config.name), fields: [
            FormState.Field(label: "Value", value: config.isSensitive ? "" : config.value ?? "", numeric: false),
        ])
    }

    /// The broker checks the value (INVALID_CONFIG comes back with its sentence); an empty value is
    /// what reverting is for.
    static func edit(topic: String, name: String, value: String) -> Result<WorkbenchAction, WorkbenchError> {
        guard !value.isEmpty else {
            return .failure(WorkbenchError("Enter a value; to go back to the default, press d on \(name) in topic detail."))
        }
        return .success(.alterTopicConfig(topic: topic, op: .set(name, value)))
    }
}
