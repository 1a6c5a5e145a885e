import Logging

/// A source of schema'd fake records, as Confluent's Datagen connector (`kafka.topic`, `quickstart`,
/// `max.interval`, `iterations`, `random.seed`): `io.samsa.connect.generator.GeneratorSourceConnector`, also
/// found as Datagen's `io.confluent.kafka.connect.datagen.DatagenConnector` so Datagen's configs run unchanged.
public final class GeneratorSourceConnector: Connector {
    public static let className = "io.samsa.connect.generator.GeneratorSourceConnector"
    public static let datagenClassName = "io.confluent.kafka.connect.datagen.DatagenConnector"

    public static let kafkaTopicConfig = "kafka.topic"
    public static let quickstartConfig = "quickstart"
    public static let maxIntervalConfig = "max.interval"
    public static let iterationsConfig = "iterations"
    public static let randomSeedConfig = "random.seed"
    public static let schemaFilenameConfig = "schema.filename"
    /// Set by `taskConfigs` on each task's copy, as Datagen's `task.id`.
    public static let taskIdConfig = "task.id"

    public static let configDef = ConfigDef([
        .init(name: kafkaTopicConfig, type: .string, defaultValue: nil, importance: .high, documentation: "Topic to write to",
              validator: nonEmptyString(kafkaTopicConfig)),
        .init(name: maxIntervalConfig, type: .long, defaultValue: "500", importance: .high,
              documentation: "Max interval between messages (ms); 0 writes as fast as the worker takes them"),
        .init(name: iterationsConfig, type: .int, defaultValue: "1000000", importance: .high,
              documentation: "Number of messages to send, or less than 1 for unlimited"),
        .init(name: quickstartConfig, type: .string, defaultValue: nil, importance: .high,
              documentation: "Name of quickstart to use: \(GeneratorQuickstart.names)", validator: { value in
                  GeneratorQuickstart(rawValue: value.lowercased()) == nil
                      ? "Invalid value \(value) for configuration quickstart: String must be one of: \(GeneratorQuickstart.names)" : nil
              }),
        .init(name: randomSeedConfig, type: .string, defaultValue: "", importance: .low,
              documentation: "Seed of the random values (a long); the same seed gives the same records", validator: { value in
                  value.isEmpty || Int64(value) != nil ? nil : "Invalid value \(value) for configuration random.seed: Not a number of type LONG"
              }),
        .init(name: schemaFilenameConfig, type: .string, defaultValue: "", importance: .low,
              documentation: "Datagen's Avro schema file; not supported here, use quickstart", validator: { value in
                  value.isEmpty ? nil : "Invalid value \(value) for configuration schema.filename: Samsa's generator has no Avro schema files; use quickstart=\(GeneratorQuickstart.names)"
              }),
    ])

    private var props: [String: String] = [:]
    private let logger = Logger(label: "samsa.connect.generator")

    public init() {}

    public var version: String { PluginRegistry.kafkaVersion }
    public var type: ConnectorType { .source }
    public var configDef: ConfigDef { Self.configDef }

    public func start(_ props: [String: String], context: ConnectorContext) throws {
        let parsed = try Self.configDef.parse(props)
        self.props = props
        logger.info("Starting generator of \(parsed[Self.quickstartConfig] ?? "") records into \(parsed[Self.kafkaTopicConfig] ?? "")")
    }

    /// `tasks.max` tasks, each with its own `task.id` (its source partition, and its own random stream).
    public func taskConfigs(maxTasks: Int) throws -> [[String: String]] {
        (0..<max(1, maxTasks)).map { props.merging([Self.taskIdConfig: String($0)]) { $1 } }
    }

    public func makeTask() -> AnyConnectTask { .source(GeneratorSourceTask()) }

    public func stop() {}
}
