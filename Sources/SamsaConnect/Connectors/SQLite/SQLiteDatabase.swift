import CSQLite
import Foundation

/// A value as SQLite stores it.
enum SQLiteValue: Hashable, Sendable {
    case null, integer(Int64), real(Double), text(String), blob([UInt8])
}

/// One SQLite connection (Debian's libsqlite3). Used by one task at a time; every statement takes its values
/// as bound parameters and names tables and columns through `quote`, so no value is ever spliced into SQL.
final class SQLiteDatabase {
    let path: String
    private var handle: OpaquePointer?

    /// Opens (and for a sink, creates) the database and reads its schema once, so a missing, unreadable or
    /// corrupt file is one sentence here rather than a failure later.
    init(path: String, create: Bool) throws {
        self.path = path
        if !create && path != ":memory:" && !FileManager.default.fileExists(atPath: path) {
            throw ConnectError.connect("SQLite database '\(path)' does not exist")
        }
        let flags = (create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        handle = db
        if rc != SQLITE_OK {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            handle = nil
            throw ConnectError.connect("Couldn't open SQLite database '\(path)': \(message)")
        }
        sqlite3_busy_timeout(db, 5000)
        do {
            _ = try query("SELECT count(*) FROM sqlite_master")
        } catch {
            sqlite3_close(db)
            handle = nil
            throw ConnectError.connect("Couldn't open SQLite database '\(path)': \(Self.reason(error))")
        }
    }

    deinit { sqlite3_close(handle) }

    /// `"name"` with embedded quotes doubled: SQLite's quoted identifier.
    static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func reason(_ error: Error) -> String {
        (error as? ConnectError)?.message ?? "\(error)"
    }

    /// Runs statements without parameters (BEGIN, COMMIT, DDL built from quoted identifiers).
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &message) != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? lastError
            sqlite3_free(message)
            throw ConnectError.connect(text)
        }
    }

    /// Runs one statement with bound parameters; returns its rows (column name → value, in column order).
    @discardableResult
    func query(_ sql: String, _ parameters: [SQLiteValue] = []) throws -> [[(name: String, value: SQLiteValue)]] {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        try bind(statement, parameters)
        var rows: [[(name: String, value: SQLiteValue)]] = []
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw ConnectError.connect(lastError) }
            rows.append((0..<sqlite3_column_count(statement)).map { column in
                (String(cString: sqlite3_column_name(statement, column)), Self.columnValue(statement, column))
            })
        }
        return rows
    }

    /// Runs one statement once per parameter list (prepared once).
    func run(_ sql: String, each parameterLists: [[SQLiteValue]]) throws {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        for parameters in parameterLists {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
            try bind(statement, parameters)
            let rc = sqlite3_step(statement)
            guard rc == SQLITE_DONE || rc == SQLITE_ROW else { throw ConnectError.connect(lastError) }
        }
    }

    /// Runs `body` inside one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The table's columns in order with their declared types and NOT NULL/primary key flags, nil when there is no such table.
    func columns(of table: String) throws -> [(name: String, type: String, notNull: Bool, primaryKey: Bool)]? {
        let rows = try query("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)", [.text(table)])
        if rows.isEmpty { return nil }
        return rows.map { row in
            guard case .text(let name) = row[0].value else { return ("", "", false, false) }
            let type: String = if case .text(let t) = row[1].value { t } else { "" }
            let notNull: Bool = if case .integer(let n) = row[2].value { n != 0 } else { false }
            let primaryKey: Bool = if case .integer(let p) = row[3].value { p != 0 } else { false }
            return (name, type, notNull, primaryKey)
        }
    }

    private var lastError: String { handle.map { String(cString: sqlite3_errmsg($0)) } ?? "database is closed" }

    private func prepare(_ sql: String) throws -> OpaquePointer? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
            throw ConnectError.connect(lastError)
        }
        return statement
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func bind(_ statement: OpaquePointer?, _ parameters: [SQLiteValue]) throws {
        for (i, value) in parameters.enumerated() {
            let index = Int32(i + 1)
            let rc: Int32 = switch value {
            case .null: sqlite3_bind_null(statement, index)
            case .integer(let v): sqlite3_bind_int64(statement, index, v)
            case .real(let v): sqlite3_bind_double(statement, index, v)
            case .text(let v): sqlite3_bind_text(statement, index, v, -1, Self.transient)
            case .blob(let v): v.withUnsafeBytes { sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), Self.transient) }
            }
            guard rc == SQLITE_OK else { throw ConnectError.connect(lastError) }
        }
    }

    private static func columnValue(_ statement: OpaquePointer?, _ column: Int32) -> SQLiteValue {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, column))
        case SQLITE_TEXT: return .text(String(cString: sqlite3_column_text(statement, column)))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, column))
            guard count > 0, let base = sqlite3_column_blob(statement, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: base, count: count)))
        default: return .null
        }
    }
}
