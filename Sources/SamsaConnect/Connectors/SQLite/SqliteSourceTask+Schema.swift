/// Table columns to a Connect struct schema, by SQLite's type affinity rules, and row values to that schema.
extension SqliteSourceTask {
    static func schema(table: String, columns: [(name: String, type: String, notNull: Bool, primaryKey: Bool)]) -> ConnectSchema {
        var builder = SchemaBuilder.struct().name(table)
        for column in columns {
            let type = column.type.uppercased()
            let base: ConnectSchema.SchemaType =
                type.contains("INT") ? .int64
                : type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT") ? .string
                : type.contains("BLOB") ? .bytes
                : type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB") ? .float64
                : type.contains("BOOL") ? .boolean
                : type.contains("NUMERIC") || type.contains("DECIMAL") ? .float64
                : .string  // no declared type, DATE/DATETIME text, …
            builder = builder.field(column.name, ConnectSchema(type: base, optional: !column.notNull))
        }
        return builder.build()
    }

    static func value(_ row: [(name: String, value: SQLiteValue)], schema: ConnectSchema) -> ConnectStruct {
        let byName = Dictionary(row.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        return ConnectStruct(schema: schema, values: schema.fields.map { field in
            convert(byName[field.name.lowercased()] ?? .null, to: field.schema)
        })
    }

    private static func convert(_ value: SQLiteValue, to schema: ConnectSchema) -> ConnectValue {
        switch (value, schema.type) {
        case (.null, _): return .null
        case (.integer(let v), .int64): return .int64(v)
        case (.real(let v), .int64): return .int64(Int64(exactly: v.rounded(.towardZero)) ?? 0)
        case (.text(let v), .int64): return Int64(v).map(ConnectValue.int64) ?? .null
        case (.integer(let v), .float64): return .float64(Double(v))
        case (.real(let v), .float64): return .float64(v)
        case (.text(let v), .float64): return Double(v).map(ConnectValue.float64) ?? .null
        case (.integer(let v), .boolean): return .boolean(v != 0)
        case (.real(let v), .boolean): return .boolean(v != 0)
        case (.text(let v), .boolean): return .boolean(["1", "true", "t", "yes"].contains(v.lowercased()))
        case (.blob(let v), .bytes): return .bytes(v)
        case (.text(let v), .bytes): return .bytes(Array(v.utf8))
        case (.integer(let v), .bytes): return .bytes(Array(String(v).utf8))
        case (.real(let v), .bytes): return .bytes(Array(String(v).utf8))
        case (.integer(let v), _): return .string(String(v))
        case (.real(let v), _): return .string(String(v))
        case (.text(let v), _): return .string(v)
        case (.blob(let v), _): return .string(String(decoding: v, as: UTF8.self))
        }
    }
}
