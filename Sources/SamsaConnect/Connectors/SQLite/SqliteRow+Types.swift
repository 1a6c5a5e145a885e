import Foundation

/// Connect types to SQLite: Confluent's SQLite dialect column types, and values as SQLite stores them
/// (booleans as 0/1, Date/Time/Timestamp as epoch milliseconds, Decimal as a number).
extension SqliteRow {
    /// The column type for a schema, as Confluent's `SqliteDialect.getSqlType`; nil for structs, arrays and maps.
    static func sqlType(_ schema: ConnectSchema) -> String? {
        switch schema.name {
        case ConnectSchema.Logical.decimal, ConnectSchema.Logical.date, ConnectSchema.Logical.time, ConnectSchema.Logical.timestamp:
            return "NUMERIC"
        default: break
        }
        switch schema.type {
        case .boolean, .int8, .int16, .int32, .int64: return "INTEGER"
        case .float32, .float64: return "REAL"
        case .string: return "TEXT"
        case .bytes: return "BLOB"
        case .array, .map, .struct: return nil
        }
    }

    static func unmappable(_ schema: ConnectSchema, field: String) -> ConnectError {
        ConnectError.connect("\(schema.name ?? "null") (\(schema.type.rawValue.uppercased())) type of field '\(field)' doesn't have a mapping to the SQL database column type; flatten it first (e.g. with a transform)")
    }

    static func sqlValue(_ value: ConnectValue, _ schema: ConnectSchema, field: String) throws -> SQLiteValue {
        if schema.name == ConnectSchema.Logical.date, let days = value.integerValue { return .integer(days * 86_400_000) }
        if schema.name == ConnectSchema.Logical.decimal, case .bytes(let raw) = value {
            return .real(try decimal(raw, scale: Int(schema.parameters?["scale"] ?? "0") ?? 0, field: field))
        }
        switch value {
        case .null: return .null
        case .int8, .int16, .int32, .int64: return .integer(value.integerValue ?? 0)
        case .float32(let v): return .real(Double(v))
        case .float64(let v): return .real(v)
        case .boolean(let v): return .integer(v ? 1 : 0)
        case .string(let v): return .text(v)
        case .bytes(let v): return .blob(v)
        case .array, .map, .structure: throw unmappable(schema, field: field)
        }
    }

    /// Connect's Decimal: a big-endian two's-complement unscaled integer and a scale.
    private static func decimal(_ bytes: [UInt8], scale: Int, field: String) throws -> Double {
        guard !bytes.isEmpty, bytes.count <= 8 else {
            throw ConnectError.dataException("Decimal field '\(field)' has \(bytes.count) bytes; up to 8 are supported")
        }
        var unscaled: Int64 = bytes[0] & 0x80 != 0 ? -1 : 0
        for byte in bytes { unscaled = (unscaled << 8) | Int64(byte) }
        return Double(unscaled) / pow(10, Double(scale))
    }

    /// A column default as an SQL literal (numbers as they are, text quoted with quotes doubled); nil when none.
    static func defaultLiteral(_ schema: ConnectSchema) -> String? {
        guard let value = schema.defaultValue, let sql = try? sqlValue(value, schema, field: "") else { return nil }
        switch sql {
        case .null: return nil
        case .integer(let v): return String(v)
        case .real(let v): return v.isFinite ? String(v) : nil
        case .text(let v): return "'" + v.replacingOccurrences(of: "'", with: "''") + "'"
        case .blob(let v): return "X'" + v.map { String(format: "%02X", $0) }.joined() + "'"
        }
    }
}
