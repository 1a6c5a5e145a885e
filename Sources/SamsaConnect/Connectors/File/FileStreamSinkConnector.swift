import Logging

/// Kafka's `org.apache.kafka.connect.file.FileStreamSinkConnector`: appends each record's value as a line to
/// a file (or standard output when `file` is not set). The topics come from the runtime's `topics`/`topics.regex`.
public final class FileStreamSinkConnector: Connector {
    public static let className = "org.apache.kafka.connect.file.FileStreamSinkConnector"
    public static let fileConfig = "file"

    public static let configDef = ConfigDef([
        .init(name: fileConfig, type: .string, defaultValue: "", importance: .high,
              documentation: "Destination filename. If not specified, the standard output will be used"),
    ])

    private var props: [String: String] = [:]
    private let logger = Logger(label: "samsa.connect.file")

    public init() {}

    public var version: String { PluginRegistry.kafkaVersion }
    public var type: ConnectorType { .sink }
    public var configDef: ConfigDef { Self.configDef }

    public func start(_ props: [String: String], context: ConnectorContext) throws {
        let parsed = try Self.configDef.parse(props)
        self.props = props
        let file = parsed[Self.fileConfig] ?? ""
        logger.info("Starting file sink connector writing to \(file.isEmpty ? "standard output" : file)")
    }

    /// As Kafka's: `tasks.max` identical tasks (they all append to the same file).
    public func taskConfigs(maxTasks: Int) throws -> [[String: String]] {
        Array(repeating: props, count: max(1, maxTasks))
    }

    public func makeTask() -> AnyConnectTask { .sink(FileStreamSinkTask()) }

    public func stop() {}
}
