import Logging
import SamsaProtocol

/// Writes records into SQLite tables, one transaction per `put`: rows are inserted, upserted
/// (`INSERT … ON CONFLICT (key) DO UPDATE`), updated or deleted in record order, tables created or widened
/// as configured. A record that cannot become a row goes to the errant record reporter (DLQ with
/// `errors.tolerance=all`, otherwise the put fails before anything is written).
public final class SqliteSinkTask: SinkTask {
    private var settings: SqliteSinkSettings?
    private var context: SinkTaskContext?
    var database: SQLiteDatabase?
    /// Lowercased column names of the tables seen so far (SQLite identifiers are case-insensitive).
    var knownColumns: [String: Set<String>] = [:]
    let logger = Logger(label: "samsa.connect.sqlite")

    public init() {}

    public var version: String { PluginRegistry.kafkaVersion }

    public func start(_ props: [String: String], context: SinkTaskContext) throws {
        let settings = try SqliteSinkSettings(props)
        self.settings = settings
        self.context = context
        database = try SQLiteDatabase(path: settings.path, create: true)
    }

    public func put(_ records: [ConnectRecord]) async throws {
        guard let settings, let database, !records.isEmpty else { return }
        var rows: [SqliteRow] = []
        rows.reserveCapacity(records.count)
        for record in records {
            do {
                rows.append(try SqliteRow(record: record, settings: settings))
            } catch {
                try await context?.report(record, error: error)
            }
        }
        do {
            try database.transaction {
                for row in rows { try write(row, settings: settings, database: database) }
            }
        } catch {
            // DDL inside the rolled back transaction is gone too.
            knownColumns = [:]
            throw ConnectError.connect("Couldn't write to SQLite database '\(settings.path)': \(SQLiteDatabase.reason(error))")
        }
    }

    /// Every put was committed when it returned.
    public func flush(_ currentOffsets: [TopicPartition: Int64]) async throws {}

    public func stop() {
        database = nil
    }

    private func write(_ row: SqliteRow, settings: SqliteSinkSettings, database: SQLiteDatabase) throws {
        let table = SQLiteDatabase.quote(row.table)
        let keys = row.keyColumns
        let where_ = keys.map { "\(SQLiteDatabase.quote($0.name)) = ?" }.joined(separator: " AND ")
        if row.isDelete {
            guard try ensureTable(row, settings: settings, database: database, creating: false) else { return }
            try database.query("DELETE FROM \(table) WHERE \(where_)", keys.map(\.value))
            return
        }
        _ = try ensureTable(row, settings: settings, database: database, creating: true)
        let names = row.columns.map { SQLiteDatabase.quote($0.name) }
        let placeholders = Array(repeating: "?", count: names.count).joined(separator: ",")
        switch settings.insertMode {
        case .insert:
            try database.query("INSERT INTO \(table) (\(names.joined(separator: ","))) VALUES (\(placeholders))", row.columns.map(\.value))
        case .upsert:
            guard !keys.isEmpty else { throw Self.needsKeys(row.table, "UPSERT") }
            let updates = row.valueColumns.map { "\(SQLiteDatabase.quote($0.name)) = excluded.\(SQLiteDatabase.quote($0.name))" }
            let conflict = keys.map { SQLiteDatabase.quote($0.name) }.joined(separator: ",")
            try database.query("INSERT INTO \(table) (\(names.joined(separator: ","))) VALUES (\(placeholders)) ON CONFLICT (\(conflict)) "
                + (updates.isEmpty ? "DO NOTHING" : "DO UPDATE SET \(updates.joined(separator: ", "))"), row.columns.map(\.value))
        case .update:
            guard !keys.isEmpty else { throw Self.needsKeys(row.table, "UPDATE") }
            let sets = row.valueColumns.map { "\(SQLiteDatabase.quote($0.name)) = ?" }
            guard !sets.isEmpty else { return }
            try database.query("UPDATE \(table) SET \(sets.joined(separator: ", ")) WHERE \(where_)",
                               row.valueColumns.map(\.value) + keys.map(\.value))
        }
    }

    static func needsKeys(_ table: String, _ mode: String) -> ConnectError {
        ConnectError.connect("Write to table '\(table)' in \(mode) mode requires key field names to be known, check the primary key configuration")
    }
}
