import Logging

/// Kafka's `org.apache.kafka.connect.file.FileStreamSourceConnector`: reads lines from a file (or standard
/// input when `file` is not set) into `topic`, one task only.
public final class FileStreamSourceConnector: Connector {
    public static let className = "org.apache.kafka.connect.file.FileStreamSourceConnector"
    public static let topicConfig = "topic"
    public static let fileConfig = "file"
    public static let batchSizeConfig = "batch.size"
    public static let defaultBatchSize = 2000

    /// Kafka's CONFIG_DEF. `file` is optional (empty means standard input).
    public static let configDef = ConfigDef([
        .init(name: fileConfig, type: .string, defaultValue: "", importance: .high,
              documentation: "Source filename. If not specified, the standard input will be used"),
        .init(name: topicConfig, type: .string, defaultValue: nil, importance: .high,
              documentation: "The topic to publish data to", validator: nonEmptyString(topicConfig)),
        .init(name: batchSizeConfig, type: .int, defaultValue: String(defaultBatchSize), importance: .low,
              documentation: "The maximum number of records the source task can read from the file each time it is polled"),
    ])

    private var props: [String: String] = [:]
    private let logger = Logger(label: "samsa.connect.file")

    public init() {}

    public var version: String { PluginRegistry.kafkaVersion }
    public var type: ConnectorType { .source }
    public var configDef: ConfigDef { Self.configDef }

    public func start(_ props: [String: String], context: ConnectorContext) throws {
        let parsed = try Self.configDef.parse(props)
        self.props = props
        let file = parsed[Self.fileConfig] ?? ""
        logger.info("Starting file source connector reading from \(file.isEmpty ? "standard input" : file)")
    }

    /// Only one input stream makes sense.
    public func taskConfigs(maxTasks: Int) throws -> [[String: String]] { [props] }

    public func makeTask() -> AnyConnectTask { .source(FileStreamSourceTask()) }

    public func stop() {}
}

/// Kafka's `ConfigDef.NonEmptyString` validator sentence.
func nonEmptyString(_ name: String) -> @Sendable (String) -> String? {
    { value in value.isEmpty ? "Invalid value \(value) for configuration \(name): String must be non-empty" : nil }
}
