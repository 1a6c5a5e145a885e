import Foundation

/// A connector's settings as the runtime reads them (Kafka's `ConnectorConfig`, `SinkConnectorConfig`,
/// `SourceConnectorConfig`): the plugin, `tasks.max`, per-connector converter overrides, the topics a sink
/// reads, transforms and the `errors.*` settings. Built with `ConnectorConfig(_:plugins:)`, which checks it
/// as Kafka's herder does and throws one `ConnectError` for the first problem.
public struct ConnectorConfig: Sendable {
    /// The `errors.*` settings (Kafka's `ConnectorConfig` / `SinkConnectorConfig` error group).
    public struct Errors: Sendable, Equatable {
        /// `errors.retry.timeout` (ms; -1 retries forever, 0 never retries).
        public var retryTimeoutMs: Int64 = 0
        /// `errors.retry.delay.max.ms`.
        public var retryDelayMaxMs: Int64 = 60_000
        /// `errors.tolerance=all` (false: `none`, the default).
        public var tolerateAll = false
        public var logEnable = false
        public var logIncludeMessages = false
        /// `errors.deadletterqueue.topic.name` (sink connectors only; blank: no DLQ).
        public var deadLetterQueueTopic: String?
        public var deadLetterQueueReplicationFactor: Int16 = 3
        public var deadLetterQueueContextHeaders = false
        public init() {}
    }

    public var name: String
    /// `connector.class` as given (short or fully qualified).
    public var connectorClass: String
    public var type: ConnectorType
    public var tasksMax: Int
    /// Per-connector `key.converter` / `value.converter` / `header.converter` overrides and their prefixed settings.
    public var keyConverter: String?
    public var valueConverter: String?
    public var headerConverter: String?
    public var keyConverterConfig: [String: String] = [:]
    public var valueConverterConfig: [String: String] = [:]
    public var headerConverterConfig: [String: String] = [:]
    /// Sinks: `topics` or `topics.regex` (exactly one is set).
    public var topics: [String] = []
    public var topicsRegex: String?
    /// `transforms` aliases, in order.
    public var transforms: [String] = []
    public var errors = Errors()
    /// Everything as given.
    public var originals: [String: String]

    /// Reads and checks a connector config: Kafka's messages for a missing `connector.class`, an unknown
    /// plugin, and every error `validate` finds (as the herder's "Connector configuration is invalid…").
    public init(_ props: [String: String], plugins: PluginRegistry) throws {
        guard let className = props["connector.class"]?.trimmingCharacters(in: .whitespaces), !className.isEmpty else {
            throw ConnectError.badRequest("Connector config \(Self.javaMap(props)) contains no connector type")
        }
        guard let plugin = plugins.connector(className) else {
            throw ConnectError.badRequest(Self.unknownClassSentence(className, plugins: plugins))
        }
        var errors = Self.errors(props, type: plugin.type, extra: plugin.make().configDef)
        for (key, messages) in Self.transformErrors(props, plugins: plugins) { errors[key, default: []] += messages }
        let problems = errors.sorted { $0.key < $1.key }.flatMap(\.value)
        if !problems.isEmpty { throw ConnectError.badRequest(Self.invalidSentence(problems)) }
        self.init(unchecked: props, type: plugin.type)
    }

    /// Reads settings already validated (defaults filled in for what is absent).
    init(unchecked props: [String: String], type: ConnectorType) {
        func value(_ key: String) -> String? {
            guard let v = props[key]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        originals = props
        self.type = type
        name = value("name") ?? ""
        connectorClass = value("connector.class") ?? ""
        tasksMax = value("tasks.max").flatMap { Int($0) } ?? 1
        keyConverter = value("key.converter")
        valueConverter = value("value.converter")
        headerConverter = value("header.converter")
        keyConverterConfig = Self.stripping("key.converter.", props)
        valueConverterConfig = Self.stripping("value.converter.", props)
        headerConverterConfig = Self.stripping("header.converter.", props)
        topics = ConfigDef.list(props["topics"])
        topicsRegex = value("topics.regex")
        transforms = ConfigDef.list(props["transforms"])
        errors.retryTimeoutMs = value("errors.retry.timeout").flatMap { Int64($0) } ?? 0
        errors.retryDelayMaxMs = value("errors.retry.delay.max.ms").flatMap { Int64($0) } ?? 60_000
        errors.tolerateAll = value("errors.tolerance")?.lowercased() == "all"
        errors.logEnable = value("errors.log.enable")?.lowercased() == "true"
        errors.logIncludeMessages = value("errors.log.include.messages")?.lowercased() == "true"
        if type == .sink {
            errors.deadLetterQueueTopic = value("errors.deadletterqueue.topic.name")
            errors.deadLetterQueueReplicationFactor = value("errors.deadletterqueue.topic.replication.factor").flatMap { Int16($0) } ?? 3
            errors.deadLetterQueueContextHeaders = value("errors.deadletterqueue.context.headers.enable")?.lowercased() == "true"
        }
    }

    /// The settings with `prefix` removed (`value.converter.schemas.enable` → `schemas.enable`).
    static func stripping(_ prefix: String, _ props: [String: String]) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in props where k.hasPrefix(prefix) && k.count > prefix.count { out[String(k.dropFirst(prefix.count))] = v }
        return out
    }

    /// Kafka's sentence for a herder that cannot find the plugin.
    static func unknownClassSentence(_ className: String, plugins: PluginRegistry) -> String {
        let available = plugins.connectors.map(\.className).sorted().joined(separator: ", ")
        return "Failed to find any class that implements Connector and which name matches \(className), available connectors are: \(available)"
    }

    /// Kafka's `maybeAddConfigErrors` message.
    static func invalidSentence(_ problems: [String]) -> String {
        "Connector configuration is invalid and contains the following \(problems.count) error(s):\n"
            + problems.joined(separator: "\n")
            + "\nYou can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`"
    }

    /// A map printed as Java's `HashMap.toString` does (`{a=1, b=2}`), for Kafka's sentences that show one.
    static func javaMap(_ props: [String: String]) -> String {
        "{" + props.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + "}"
    }
}
