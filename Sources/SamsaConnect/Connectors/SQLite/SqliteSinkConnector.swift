import Logging

/// A sink into SQLite with the settings of Confluent's JDBC sink: a table per topic (`table.name.format`),
/// `insert.mode` insert/upsert/update, `pk.mode` none/kafka/record_key/record_value with `pk.fields`,
/// `fields.whitelist`, `auto.create`, `auto.evolve`, `delete.enabled` (tombstones delete rows).
public final class SqliteSinkConnector: Connector {
    public static let className = "io.samsa.connect.sqlite.SqliteSinkConnector"

    public enum InsertMode: String, CaseIterable, Sendable { case insert, upsert, update }
    public enum PrimaryKeyMode: String, CaseIterable, Sendable { case none, kafka, record_key, record_value }

    public static let insertModeConfig = "insert.mode"
    public static let pkModeConfig = "pk.mode"
    public static let pkFieldsConfig = "pk.fields"
    public static let fieldsWhitelistConfig = "fields.whitelist"
    public static let autoCreateConfig = "auto.create"
    public static let autoEvolveConfig = "auto.evolve"
    public static let deleteEnabledConfig = "delete.enabled"
    public static let tableNameFormatConfig = "table.name.format"
    public static let batchSizeConfig = "batch.size"
    /// Confluent's column names for `pk.mode=kafka`.
    public static let kafkaPrimaryKeyNames = ["__connect_topic", "__connect_partition", "__connect_offset"]

    public static let configDef = ConfigDef(SqliteConnectionConfig.keys + [
        .init(name: insertModeConfig, type: .string, defaultValue: "insert", importance: .high,
              documentation: "insert: plain INSERT; upsert: insert or update by primary key; update: UPDATE by primary key",
              group: "Writes", validator: oneOf(insertModeConfig, InsertMode.allCases.map(\.rawValue))),
        .init(name: deleteEnabledConfig, type: .boolean, defaultValue: "false", importance: .medium,
              documentation: "Whether to treat null record values as deletes. Requires pk.mode to be record_key.", group: "Writes"),
        .init(name: batchSizeConfig, type: .int, defaultValue: "3000", importance: .medium,
              documentation: "Accepted for JDBC configs; every put is written in one transaction", group: "Writes"),
        .init(name: tableNameFormatConfig, type: .string, defaultValue: "${topic}", importance: .medium,
              documentation: "Destination table name; ${topic} is replaced by the record's topic", group: "Data Mapping"),
        .init(name: pkModeConfig, type: .string, defaultValue: "none", importance: .high,
              documentation: "The primary key mode: none, kafka, record_key or record_value", group: "Data Mapping",
              validator: oneOf(pkModeConfig, PrimaryKeyMode.allCases.map(\.rawValue))),
        .init(name: pkFieldsConfig, type: .list, defaultValue: "", importance: .medium,
              documentation: "Primary key field names (see pk.mode)", group: "Data Mapping"),
        .init(name: fieldsWhitelistConfig, type: .list, defaultValue: "", importance: .medium,
              documentation: "Record value fields to write; empty writes all", group: "Data Mapping"),
        .init(name: autoCreateConfig, type: .boolean, defaultValue: "false", importance: .medium,
              documentation: "Whether to create the destination table from the record schema", group: "DDL Support"),
        .init(name: autoEvolveConfig, type: .boolean, defaultValue: "false", importance: .medium,
              documentation: "Whether to add columns for new record fields", group: "DDL Support"),
    ])

    private var props: [String: String] = [:]
    private let logger = Logger(label: "samsa.connect.sqlite")

    public init() {}

    public var version: String { PluginRegistry.kafkaVersion }
    public var type: ConnectorType { .sink }
    public var configDef: ConfigDef { Self.configDef }

    public func start(_ props: [String: String], context: ConnectorContext) throws {
        let settings = try SqliteSinkSettings(props)
        self.props = props
        logger.info("Starting SQLite sink writing to \(settings.path)")
    }

    public func taskConfigs(maxTasks: Int) throws -> [[String: String]] {
        Array(repeating: props, count: max(1, maxTasks))
    }

    public func makeTask() -> AnyConnectTask { .sink(SqliteSinkTask()) }

    public func stop() {}
}

/// Kafka's `ConfigDef.ValidString` sentence.
func oneOf(_ name: String, _ allowed: [String]) -> @Sendable (String) -> String? {
    { value in
        allowed.contains(value.lowercased()) ? nil
            : "Invalid value \(value) for configuration \(name): String must be one of: \(allowed.joined(separator: ", "))"
    }
}

/// The sink's parsed settings.
struct SqliteSinkSettings {
    var path: String
    var insertMode: SqliteSinkConnector.InsertMode
    var pkMode: SqliteSinkConnector.PrimaryKeyMode
    var pkFields: [String]
    var fieldsWhitelist: Set<String>
    var autoCreate: Bool
    var autoEvolve: Bool
    var deleteEnabled: Bool
    var tableNameFormat: String

    init(_ props: [String: String]) throws {
        let parsed = try SqliteSinkConnector.configDef.parse(props)
        path = try SqliteConnectionConfig.path(parsed)
        insertMode = .init(rawValue: (parsed[SqliteSinkConnector.insertModeConfig] ?? "").lowercased()) ?? .insert
        pkMode = .init(rawValue: (parsed[SqliteSinkConnector.pkModeConfig] ?? "").lowercased()) ?? .none
        pkFields = ConfigDef.list(parsed[SqliteSinkConnector.pkFieldsConfig])
        fieldsWhitelist = Set(ConfigDef.list(parsed[SqliteSinkConnector.fieldsWhitelistConfig]))
        autoCreate = parsed[SqliteSinkConnector.autoCreateConfig]?.lowercased() == "true"
        autoEvolve = parsed[SqliteSinkConnector.autoEvolveConfig]?.lowercased() == "true"
        deleteEnabled = parsed[SqliteSinkConnector.deleteEnabledConfig]?.lowercased() == "true"
        tableNameFormat = parsed[SqliteSinkConnector.tableNameFormatConfig] ?? "${topic}"
        if deleteEnabled && pkMode != .record_key {
            throw ConnectError.config("Primary key mode must be 'record_key' when delete support is enabled")
        }
    }

    func tableName(for topic: String) -> String {
        tableNameFormat.replacingOccurrences(of: "${topic}", with: topic)
    }
}
