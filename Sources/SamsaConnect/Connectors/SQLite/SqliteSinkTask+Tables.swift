/// Creating and widening tables (`auto.create`, `auto.evolve`) as Confluent's JDBC sink does.
extension SqliteSinkTask {
    /// Makes sure the row's table has its columns; false when the table is missing and `creating` is false
    /// (a delete from a table that was never written is nothing to do).
    @discardableResult
    func ensureTable(_ row: SqliteRow, settings: SqliteSinkSettings, database: SQLiteDatabase, creating: Bool) throws -> Bool {
        var columns = knownColumns[row.table]
        if columns == nil, let existing = try database.columns(of: row.table) {
            columns = Set(existing.map { $0.name.lowercased() })
        }
        guard let present = columns else {
            guard creating else { return false }
            guard settings.autoCreate else {
                throw ConnectError.connect("Table \(SQLiteDatabase.quote(row.table)) is missing and auto-creation is disabled")
            }
            try database.execute(createTableSQL(row))
            logger.info("Created table \(row.table) in \(database.path)")
            knownColumns[row.table] = Set(row.columns.map { $0.name.lowercased() })
            return true
        }
        let missing = row.columns.filter { !present.contains($0.name.lowercased()) }
        if !missing.isEmpty {
            guard settings.autoEvolve else {
                throw ConnectError.connect("Table \(SQLiteDatabase.quote(row.table)) is missing fields (\(missing.map(\.name).joined(separator: ", "))) and auto-evolution is disabled")
            }
            for column in missing {
                let literal = SqliteRow.defaultLiteral(column.schema)
                if !column.schema.isOptional && literal == nil {
                    throw ConnectError.connect("Cannot ALTER TABLE \(SQLiteDatabase.quote(row.table)) to add missing field \(column.name), as the field is not optional and does not have a default value")
                }
                try database.execute("ALTER TABLE \(SQLiteDatabase.quote(row.table)) ADD \(try columnSQL(column, inCreate: false))")
            }
            logger.info("Added columns \(missing.map(\.name)) to table \(row.table)")
        }
        knownColumns[row.table] = present.union(missing.map { $0.name.lowercased() })
        return true
    }

    func createTableSQL(_ row: SqliteRow) throws -> String {
        var lines = try row.columns.map { try columnSQL($0, inCreate: true) }
        if !row.keyColumns.isEmpty {
            lines.append("PRIMARY KEY(\(row.keyColumns.map { SQLiteDatabase.quote($0.name) }.joined(separator: ",")))")
        }
        return "CREATE TABLE \(SQLiteDatabase.quote(row.table)) (\n" + lines.joined(separator: ",\n") + ")"
    }

    /// `"name" TYPE [DEFAULT x] [NOT NULL]`; NOT NULL for keys and required fields (on ALTER only with a default).
    private func columnSQL(_ column: SqliteRow.Column, inCreate: Bool) throws -> String {
        guard let type = SqliteRow.sqlType(column.schema) else { throw SqliteRow.unmappable(column.schema, field: column.name) }
        var sql = "\(SQLiteDatabase.quote(column.name)) \(type)"
        let literal = SqliteRow.defaultLiteral(column.schema)
        if let literal { sql += " DEFAULT \(literal)" }
        if column.isKey || (!column.schema.isOptional && (inCreate || literal != nil)) { sql += " NOT NULL" }
        return sql
    }
}
