import Foundation
import Logging

/// Polls its tables for new rows: `WHERE col > <offset> ORDER BY col` (incrementing, `batch.max.rows` at a
/// time) or rows whose timestamp is past the offset and older than `timestamp.delay.interval.ms`
/// (timestamp). Each row is a Struct named after its table on topic `<topic.prefix><table>`, with no key.
public final class SqliteSourceTask: SourceTask {
    public static let tableField = "table"
    public static let incrementingField = "incrementing"
    public static let timestampField = "timestamp"
    public static let timestampNanosField = "timestamp_nanos"

    struct TableState {
        var name: String
        var schema: ConnectSchema
        /// The last incrementing value or timestamp (ms) copied.
        var offset: Int64
        var due: ContinuousClock.Instant
    }

    private var settings: SqliteSourceSettings?
    private var database: SQLiteDatabase?
    private var tables: [TableState] = []
    private let stopSignal = StopSignal()
    private let logger = Logger(label: "samsa.connect.sqlite")

    public init() {}

    public var version: String { PluginRegistry.kafkaVersion }

    public func start(_ props: [String: String], context: SourceTaskContext) throws {
        let settings = try SqliteSourceSettings(props)
        let database = try SQLiteDatabase(path: settings.path, create: false)
        tables = try settings.tables.map { name in
            guard let columns = try database.columns(of: name) else {
                throw ConnectError.connect("Table '\(name)' does not exist in SQLite database '\(settings.path)'")
            }
            guard columns.contains(where: { $0.name.lowercased() == settings.column.lowercased() }) else {
                throw ConnectError.connect("Column '\(settings.column)' does not exist in table '\(name)' of SQLite database '\(settings.path)'")
            }
            let stored = context.offset(for: [Self.tableField: .string(name)])
            let field = settings.mode == .incrementing ? Self.incrementingField : Self.timestampField
            let offset = stored?[field]?.integerValue ?? (settings.mode == .incrementing ? -1 : 0)
            return TableState(name: name, schema: Self.schema(table: name, columns: columns), offset: offset, due: .now)
        }
        self.settings = settings
        self.database = database
    }

    public func poll() async throws -> [ConnectRecord]? {
        guard let settings, let database, let next = tables.indices.min(by: { tables[$0].due < tables[$1].due }) else {
            await stopSignal.wait(for: .seconds(1))
            return nil
        }
        let due = tables[next].due
        await stopSignal.wait(until: min(due, .now + .seconds(1)))
        guard ContinuousClock.now >= due, !stopSignal.isRaised else { return nil }
        let (records, full) = try read(&tables[next], settings: settings, database: database)
        // A full batch means more rows are waiting: come back at once.
        tables[next].due = full ? .now : .now + settings.pollInterval
        return records.isEmpty ? nil : records
    }

    public func stop() { stopSignal.raise() }

    private func read(_ table: inout TableState, settings: SqliteSourceSettings, database: SQLiteDatabase) throws -> ([ConnectRecord], Bool) {
        let name = SQLiteDatabase.quote(table.name), column = SQLiteDatabase.quote(settings.column)
        let rows: [[(name: String, value: SQLiteValue)]]
        do {
            switch settings.mode {
            case .incrementing:
                rows = try database.query("SELECT * FROM \(name) WHERE \(column) > ? ORDER BY \(column) ASC LIMIT ?",
                                          [.integer(table.offset), .integer(Int64(settings.batchMaxRows))])
            case .timestamp:
                // Integer columns are epoch milliseconds; text goes through SQLite's own date parser.
                let ts = "(CASE WHEN typeof(\(column)) IN ('integer', 'real') THEN CAST(\(column) AS INTEGER) "
                    + "ELSE CAST(round((julianday(\(column)) - 2440587.5) * 86400000) AS INTEGER) END)"
                let end = Int64(Date().timeIntervalSince1970 * 1000) - settings.timestampDelay
                rows = try database.query("SELECT *, \(ts) AS \"__samsa_ts\" FROM \(name) WHERE \(ts) > ? AND \(ts) < ? ORDER BY \(ts) ASC",
                                          [.integer(table.offset), .integer(end)])
            }
        } catch {
            throw ConnectError.connect("Couldn't read table '\(table.name)' of SQLite database '\(settings.path)': \(SQLiteDatabase.reason(error))")
        }
        var records: [ConnectRecord] = []
        records.reserveCapacity(rows.count)
        for row in rows {
            let position: Int64
            switch settings.mode {
            case .incrementing:
                guard let v = row.first(where: { $0.name.lowercased() == settings.column.lowercased() })?.value,
                      case .integer(let n) = v else {
                    throw ConnectError.connect("Column '\(settings.column)' of table '\(table.name)' holds a non-integer value; mode=incrementing needs integers")
                }
                position = n
            case .timestamp:
                guard case .integer(let n) = row.last?.value else { continue }
                position = n
            }
            table.offset = position
            let offset: SourceMap = settings.mode == .incrementing
                ? [Self.incrementingField: .int64(position)]
                : [Self.timestampField: .int64(position), Self.timestampNanosField: .int32(Int32(((position % 1000) + 1000) % 1000 * 1_000_000))]
            records.append(ConnectRecord(sourcePartition: [Self.tableField: .string(table.name)], sourceOffset: offset,
                                         topic: settings.topicPrefix + table.name, valueSchema: table.schema,
                                         value: .structure(Self.value(row, schema: table.schema))))
        }
        return (records, settings.mode == .incrementing && rows.count >= settings.batchMaxRows)
    }
}
