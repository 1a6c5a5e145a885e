import Logging

/// A source from SQLite tables with the settings of Confluent's JDBC source: `mode=incrementing`
/// (`incrementing.column.name`) or `mode=timestamp` (`timestamp.column.name`), `table.whitelist`,
/// `topic.prefix`, `poll.interval.ms`, `batch.max.rows`. Each table is a source partition `{"table": name}`
/// with offset `{"incrementing": N}` or `{"timestamp": ms, "timestamp_nanos": n}`. Tables are split over tasks.
public final class SqliteSourceConnector: Connector {
    public static let className = "io.samsa.connect.sqlite.SqliteSourceConnector"

    public enum Mode: String, CaseIterable, Sendable { case incrementing, timestamp }

    public static let modeConfig = "mode"
    public static let incrementingColumnConfig = "incrementing.column.name"
    public static let timestampColumnConfig = "timestamp.column.name"
    public static let tableWhitelistConfig = "table.whitelist"
    /// The task-side list of tables (Confluent's internal `tables`).
    public static let tablesConfig = "tables"
    public static let topicPrefixConfig = "topic.prefix"
    public static let pollIntervalConfig = "poll.interval.ms"
    public static let batchMaxRowsConfig = "batch.max.rows"
    public static let timestampDelayConfig = "timestamp.delay.interval.ms"

    public static let configDef = ConfigDef(SqliteConnectionConfig.keys + [
        .init(name: modeConfig, type: .string, defaultValue: nil, importance: .high,
              documentation: "How tables are polled: incrementing (a strictly increasing integer column) or timestamp (a modification time column)",
              group: "Mode", validator: oneOf(modeConfig, Mode.allCases.map(\.rawValue))),
        .init(name: incrementingColumnConfig, type: .string, defaultValue: "", importance: .medium,
              documentation: "The strictly increasing integer column for mode=incrementing", group: "Mode"),
        .init(name: timestampColumnConfig, type: .string, defaultValue: "", importance: .medium,
              documentation: "The modification time column for mode=timestamp (epoch milliseconds or SQLite date text)", group: "Mode"),
        .init(name: tableWhitelistConfig, type: .list, defaultValue: "", importance: .medium,
              documentation: "Tables to copy; empty copies every table", group: "Database"),
        .init(name: tablesConfig, type: .list, defaultValue: "", importance: .low,
              documentation: "The tables of one task (set by the connector)", group: "Database"),
        .init(name: topicPrefixConfig, type: .string, defaultValue: nil, importance: .high,
              documentation: "Prefix prepended to table names to make the topic names", group: "Connector"),
        .init(name: pollIntervalConfig, type: .int, defaultValue: "5000", importance: .high,
              documentation: "Frequency in ms to poll for new data in each table", group: "Connector"),
        .init(name: batchMaxRowsConfig, type: .int, defaultValue: "100", importance: .low,
              documentation: "Maximum number of rows to include in a single batch", group: "Connector"),
        .init(name: timestampDelayConfig, type: .long, defaultValue: "0", importance: .high,
              documentation: "How long to wait after a row with a certain timestamp appears before including it", group: "Connector"),
    ])

    private var props: [String: String] = [:]
    private var tables: [String] = []
    private let logger = Logger(label: "samsa.connect.sqlite")

    public init() {}

    public var version: String { PluginRegistry.kafkaVersion }
    public var type: ConnectorType { .source }
    public var configDef: ConfigDef { Self.configDef }

    public func start(_ props: [String: String], context: ConnectorContext) throws {
        let settings = try SqliteSourceSettings(props)
        let database = try SQLiteDatabase(path: settings.path, create: false)
        let whitelist = ConfigDef.list(props[Self.tableWhitelistConfig])
        if whitelist.isEmpty {
            let rows = try database.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            tables = rows.compactMap { if case .text(let name) = $0.first?.value { name } else { nil } }
        } else {
            tables = whitelist
        }
        self.props = props
        if tables.isEmpty { logger.warning("No tasks will be run because no tables were found in \(settings.path)") }
    }

    /// The tables in up to `maxTasks` contiguous groups, as Confluent's `ConnectorUtils.groupPartitions`.
    public func taskConfigs(maxTasks: Int) throws -> [[String: String]] {
        let groups = min(max(1, maxTasks), tables.count)
        guard groups > 0 else { return [] }
        let perGroup = tables.count / groups, extra = tables.count % groups
        var start = 0
        return (0..<groups).map { group in
            let size = perGroup + (group < extra ? 1 : 0)
            defer { start += size }
            return props.merging([Self.tablesConfig: tables[start..<start + size].joined(separator: ",")]) { $1 }
        }
    }

    public func makeTask() -> AnyConnectTask { .source(SqliteSourceTask()) }

    public func stop() {}
}

/// The source's parsed settings.
struct SqliteSourceSettings {
    var path: String
    var mode: SqliteSourceConnector.Mode
    var column: String
    var topicPrefix: String
    var pollInterval: Duration
    var batchMaxRows: Int
    var timestampDelay: Int64
    var tables: [String]

    init(_ props: [String: String]) throws {
        typealias C = SqliteSourceConnector
        let parsed = try C.configDef.parse(props)
        path = try SqliteConnectionConfig.path(parsed)
        mode = C.Mode(rawValue: (parsed[C.modeConfig] ?? "").lowercased()) ?? .incrementing
        let columnKey = mode == .incrementing ? C.incrementingColumnConfig : C.timestampColumnConfig
        column = parsed[columnKey] ?? ""
        if column.isEmpty {
            throw ConnectError.config("Missing required configuration \"\(columnKey)\" for mode=\(mode.rawValue).")
        }
        topicPrefix = parsed[C.topicPrefixConfig] ?? ""
        pollInterval = .milliseconds(max(1, Int64(parsed[C.pollIntervalConfig] ?? "") ?? 5000))
        batchMaxRows = max(1, Int(parsed[C.batchMaxRowsConfig] ?? "") ?? 100)
        timestampDelay = max(0, Int64(parsed[C.timestampDelayConfig] ?? "") ?? 0)
        tables = ConfigDef.list(parsed[C.tablesConfig])
        if tables.isEmpty { tables = ConfigDef.list(parsed[C.tableWhitelistConfig]) }
    }
}
