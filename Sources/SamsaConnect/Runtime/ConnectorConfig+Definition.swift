import Foundation

extension ConnectorConfig {
    /// Kafka's `ConnectorConfig.configDef()` (plus `SinkConnectorConfig`'s keys for sinks), with Kafka's
    /// groups, defaults and validators, as `config/validate` shows them.
    public static func configDef(type: ConnectorType) -> ConfigDef {
        typealias Key = ConfigDef.Key
        var keys: [Key] = [
            Key(name: "name", type: .string, defaultValue: nil, importance: .high,
                documentation: "Globally unique name to use for this connector.", group: "Common", orderInGroup: 1,
                width: .medium, displayName: "Connector name",
                validator: { $0.trimmingCharacters(in: .whitespaces).isEmpty ? "Invalid value \($0) for configuration name: String must be non-empty" : nil }),
            Key(name: "connector.class", type: .string, defaultValue: nil, importance: .high,
                documentation: "Name or alias of the class for this connector.", group: "Common", orderInGroup: 2,
                width: .long, displayName: "Connector class"),
            Key(name: "tasks.max", type: .int, defaultValue: "1", importance: .high,
                documentation: "Maximum number of tasks to use for this connector.", group: "Common", orderInGroup: 3,
                width: .short, displayName: "Tasks max", validator: { atLeast("tasks.max", $0, 1) }),
            Key(name: "key.converter", type: .class, defaultValue: "", importance: .low,
                documentation: "Converter class used to convert between Kafka Connect format and the serialized form that is written to Kafka.",
                group: "Common", orderInGroup: 5, width: .short, displayName: "Key converter class"),
            Key(name: "value.converter", type: .class, defaultValue: "", importance: .low,
                documentation: "Converter class used to convert between Kafka Connect format and the serialized form that is written to Kafka.",
                group: "Common", orderInGroup: 6, width: .short, displayName: "Value converter class"),
            Key(name: "header.converter", type: .class, defaultValue: "", importance: .low,
                documentation: "HeaderConverter class used to convert between Kafka Connect format and the serialized form that is written to Kafka.",
                group: "Common", orderInGroup: 7, width: .short, displayName: "Header converter class"),
            Key(name: "transforms", type: .list, defaultValue: "", importance: .low,
                documentation: "Aliases for the transformations to be applied to records.", group: "Transforms",
                orderInGroup: 8, width: .long, displayName: "Transforms"),
            Key(name: "predicates", type: .list, defaultValue: "", importance: .low,
                documentation: "Aliases for the predicates used by transformations.", group: "Predicates",
                orderInGroup: 9, width: .long, displayName: "Predicates"),
            Key(name: "errors.retry.timeout", type: .long, defaultValue: "0", importance: .medium,
                documentation: "The maximum duration in milliseconds that a failed operation will be reattempted.",
                group: "Error Handling", orderInGroup: 1, width: .medium, displayName: "Retry Timeout for Errors"),
            Key(name: "errors.retry.delay.max.ms", type: .long, defaultValue: "60000", importance: .medium,
                documentation: "The maximum duration in milliseconds between consecutive retry attempts.",
                group: "Error Handling", orderInGroup: 2, width: .medium, displayName: "Maximum Delay Between Retries for Errors"),
            Key(name: "errors.tolerance", type: .string, defaultValue: "none", importance: .medium,
                documentation: "Behavior for tolerating errors during connector operation. 'none' is the default value and signals that any error will result in an immediate connector task failure; 'all' changes the behavior to skip over problematic records.",
                group: "Error Handling", orderInGroup: 3, width: .short, displayName: "Error Tolerance",
                validator: { ["none", "all"].contains($0.trimmingCharacters(in: .whitespaces).lowercased()) ? nil
                    : "Invalid value \($0) for configuration errors.tolerance: String must be one of: none, all" }),
            Key(name: "errors.log.enable", type: .boolean, defaultValue: "false", importance: .medium,
                documentation: "If true, write each error and the details of the failed operation and problematic record to the Connect application log.",
                group: "Error Handling", orderInGroup: 4, width: .short, displayName: "Log Errors"),
            Key(name: "errors.log.include.messages", type: .boolean, defaultValue: "false", importance: .medium,
                documentation: "Whether to include in the log the Connect record that resulted in a failure.",
                group: "Error Handling", orderInGroup: 5, width: .short, displayName: "Log Error Details"),
        ]
        if type == .sink {
            keys += [
                Key(name: "topics", type: .list, defaultValue: "", importance: .high,
                    documentation: "List of topics to consume, separated by commas", group: "Common", orderInGroup: 4,
                    width: .long, displayName: "Topics"),
                Key(name: "topics.regex", type: .string, defaultValue: "", importance: .high,
                    documentation: "Regular expression giving topics to consume.", group: "Common", orderInGroup: 4,
                    width: .long, displayName: "Topics regex",
                    validator: { $0.isEmpty || (try? NSRegularExpression(pattern: $0)) != nil ? nil
                        : "Invalid value \($0) for configuration topics.regex: Invalid regular expression" }),
                Key(name: "errors.deadletterqueue.topic.name", type: .string, defaultValue: "", importance: .medium,
                    documentation: "The name of the topic to be used as the dead letter queue (DLQ) for messages that result in an error when processed by this sink connector, or its transformations or converters.",
                    group: "Error Handling", orderInGroup: 6, width: .medium, displayName: "Dead Letter Queue Topic Name"),
                Key(name: "errors.deadletterqueue.topic.replication.factor", type: .short, defaultValue: "3", importance: .medium,
                    documentation: "Replication factor used to create the dead letter queue topic when it doesn't already exist.",
                    group: "Error Handling", orderInGroup: 7, width: .medium, displayName: "Dead Letter Queue Topic Replication Factor"),
                Key(name: "errors.deadletterqueue.context.headers.enable", type: .boolean, defaultValue: "false", importance: .medium,
                    documentation: "If true, add headers containing error context to the messages written to the dead letter queue.",
                    group: "Error Handling", orderInGroup: 8, width: .medium, displayName: "Enable Error Context Headers"),
            ]
        }
        return ConfigDef(keys)
    }

    static func atLeast(_ name: String, _ value: String, _ minimum: Int) -> String? {
        guard let number = Int(value.trimmingCharacters(in: .whitespaces)), number < minimum else { return nil }
        return "Invalid value \(value) for configuration \(name): Value must be at least \(minimum)"
    }

    /// Every problem with a connector config, per setting: the runtime's keys, the connector's own
    /// `configDef`, the sink topic rules, and the transforms chain.
    static func errors(_ props: [String: String], type: ConnectorType, extra: ConfigDef?) -> [String: [String]] {
        var errors = configDef(type: type).merging(extra ?? ConfigDef()).validate(props)
        func add(_ key: String, _ message: String) { errors[key, default: []].append(message) }
        if type == .sink {
            let topics = ConfigDef.list(props["topics"])
            let regex = (props["topics.regex"] ?? "").trimmingCharacters(in: .whitespaces)
            let dlq = (props["errors.deadletterqueue.topic.name"] ?? "").trimmingCharacters(in: .whitespaces)
            if !topics.isEmpty && !regex.isEmpty {
                let message = "topics and topics.regex are mutually exclusive options, but both are set."
                add("topics", message)
                add("topics.regex", message)
            }
            if topics.isEmpty && regex.isEmpty {
                let message = "Must configure one of topics or topics.regex"
                add("topics", message)
                add("topics.regex", message)
            }
            if !dlq.isEmpty && topics.contains(dlq) {
                add("topics", "The DLQ topic '\(dlq)' may not be included in the list of topics ('topics=[\(topics.joined(separator: ", "))]') consumed by the connector")
            }
            if !dlq.isEmpty, !regex.isEmpty, let pattern = try? Regex(regex), dlq.wholeMatch(of: pattern) != nil {
                add("topics.regex", "The DLQ topic '\(dlq)' may not be matched by the regex for the topics ('topics.regex=\(regex)') consumed by the connector")
            }
        }
        return errors
    }

    /// Kafka's `PUT /connector-plugins/{plugin}/config/validate` answer for this config.
    public static func validate(_ props: [String: String], plugins: PluginRegistry) throws -> ConfigInfos {
        let className = props["connector.class"]?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !className.isEmpty else {
            throw ConnectError.badRequest("Connector config \(javaMap(props)) contains no connector type")
        }
        guard let plugin = plugins.connector(className) else {
            throw ConnectError.badRequest(unknownClassSentence(className, plugins: plugins))
        }
        let connectorDef = plugin.make().configDef
        let def = configDef(type: plugin.type).merging(connectorDef)
        let errors = Self.errors(props, type: plugin.type, extra: connectorDef)
        let chain = TransformationChain.validate(config: props, plugins: plugins)
        var groups: [String] = []
        for key in def.keys { if let g = key.group, !groups.contains(g) { groups.append(g) } }
        for g in chain.groups where !groups.contains(g) { groups.append(g) }
        var configs = def.keys.map { key in
            (definition: key, value: ConfigInfos.Value(name: key.name, value: props[key.name] ?? key.defaultValue,
                                                        errors: errors[key.name] ?? []))
        }
        // The chain's keys (transforms, predicates and each alias's settings) replace the plain definitions.
        for entry in chain.configs {
            if let i = configs.firstIndex(where: { $0.definition.name == entry.definition.name }) {
                configs[i] = entry
            } else {
                configs.append(entry)
            }
        }
        let count = configs.reduce(0) { $0 + $1.value.errors.count }
        return ConfigInfos(name: plugin.className, errorCount: count, groups: groups, configs: configs)
    }

    /// Problems with the `transforms=`/`predicates=` settings, by key (the transforms work's validation).
    static func transformErrors(_ props: [String: String], plugins: PluginRegistry) -> [String: [String]] {
        TransformationChain.validate(config: props, plugins: plugins).errorsByKey
    }
}
