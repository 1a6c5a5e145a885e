import Foundation

/// One record turned into a table row, as Confluent's `FieldsMetadata`: the key columns (from `pk.mode`), the
/// other columns (the value's fields, `fields.whitelist` applied), each with its Connect schema and value.
struct SqliteRow {
    struct Column {
        var name: String
        var schema: ConnectSchema
        var value: SQLiteValue
        var isKey: Bool
    }

    var table: String
    /// Key columns first, then the value's fields in schema order.
    var columns: [Column]
    /// A tombstone to delete by key.
    var isDelete: Bool

    var keyColumns: [Column] { columns.filter(\.isKey) }
    var valueColumns: [Column] { columns.filter { !$0.isKey } }

    init(record: ConnectRecord, settings: SqliteSinkSettings) throws {
        table = settings.tableName(for: record.topic)
        isDelete = record.value.isNull
        let key = Self.schemaAndValue(record.keySchema, record.key)
        let value = Self.schemaAndValue(record.valueSchema, record.value)
        if let schema = value.schema, schema.type != .struct {
            throw ConnectError.dataException("Value schema must be of type Struct")
        }
        if isDelete && !settings.deleteEnabled {
            throw ConnectError.dataException("Record at (topic='\(record.topic)',partition=\(record.kafkaPartition ?? -1),offset=\(record.kafkaOffset ?? -1)) has a null value; set delete.enabled=true with pk.mode=record_key to delete rows on tombstones")
        }

        var keys: [Column] = []
        let table = table
        let pkFields = settings.pkFields
        switch settings.pkMode {
        case .none:
            break
        case .kafka:
            let names = pkFields.isEmpty ? SqliteSinkConnector.kafkaPrimaryKeyNames : pkFields
            guard names.count == 3 else {
                throw ConnectError.connect("PK mode for table '\(table)' is KAFKA so there should either be no field names defined for defaults \(SqliteSinkConnector.kafkaPrimaryKeyNames) to be applicable, or exactly 3, defined fields are: \(pkFields)")
            }
            keys = [Column(name: names[0], schema: .string, value: .text(record.topic), isKey: true),
                    Column(name: names[1], schema: .int32, value: .integer(Int64(record.kafkaPartition ?? 0)), isKey: true),
                    Column(name: names[2], schema: .int64, value: .integer(record.kafkaOffset ?? 0), isKey: true)]
        case .record_key:
            guard let schema = key.schema else {
                throw ConnectError.connect("PK mode for table '\(table)' is RECORD_KEY, but record key schema is missing")
            }
            if schema.type.isPrimitive {
                guard pkFields.count == 1 else {
                    throw ConnectError.connect("Need exactly one PK column defined since the key schema for records is a primitive type, defined columns are: \(pkFields)")
                }
                keys = [Column(name: pkFields[0], schema: schema, value: try Self.sqlValue(key.value, schema, field: pkFields[0]), isKey: true)]
            } else if let s = key.value.structValue {
                keys = try Self.fieldColumns(s, names: pkFields, isKey: true, table: table, mode: "RECORD_KEY", part: "key")
            } else {
                throw ConnectError.connect("Key schema must be primitive type or Struct, but is of type: \(schema.type.rawValue.uppercased())")
            }
        case .record_value:
            guard let s = value.value.structValue else {
                throw ConnectError.connect("PK mode for table '\(table)' is RECORD_VALUE, but record value schema is missing")
            }
            keys = try Self.fieldColumns(s, names: pkFields, isKey: true, table: table, mode: "RECORD_VALUE", part: "value")
        }
        var others: [Column] = []
        if !isDelete, let s = value.value.structValue {
            let keyNames = Set(keys.map(\.name))
            for field in s.schema.fields where !keyNames.contains(field.name)
                && (settings.fieldsWhitelist.isEmpty || settings.fieldsWhitelist.contains(field.name)) {
                others.append(Column(name: field.name, schema: field.schema,
                                     value: try Self.sqlValue(s.values[field.index], field.schema, field: field.name), isKey: false))
            }
        }
        columns = keys + others
        if columns.isEmpty {
            throw ConnectError.connect("No fields found using key and value schemas for table: \(table)")
        }
    }

    /// Struct fields as columns: all of them, or the named ones (each must exist).
    private static func fieldColumns(_ s: ConnectStruct, names: [String], isKey: Bool, table: String, mode: String, part: String) throws -> [Column] {
        let chosen = names.isEmpty ? s.schema.fields.map(\.name) : names
        return try chosen.map { name in
            guard let field = s.schema.field(name) else {
                throw ConnectError.connect("PK mode for table '\(table)' is \(mode) with configured PK fields \(names), but record \(part) schema does not contain field: \(name)")
            }
            return Column(name: name, schema: field.schema, value: try sqlValue(s.values[field.index], field.schema, field: name), isKey: isKey)
        }
    }

    /// A schemaless value gets a schema from what it holds: a string-keyed map becomes a struct of optional
    /// fields (so JSON without schemas can be written), a primitive its own type.
    static func schemaAndValue(_ schema: ConnectSchema?, _ value: ConnectValue) -> (schema: ConnectSchema?, value: ConnectValue) {
        if let schema { return (schema, value) }
        guard case .map(let entries) = value else {
            return (inferredSchema(value), value)
        }
        var builder = SchemaBuilder.struct()
        var values: [ConnectValue] = []
        for entry in entries {
            guard case .string(let name) = entry.key, builder.fields.allSatisfy({ $0.name != name }) else { continue }
            builder = builder.field(name, inferredSchema(entry.value) ?? .optionalString)
            values.append(entry.value)
        }
        let built = builder.build()
        return (built, .structure(ConnectStruct(schema: built, values: values)))
    }

    private static func inferredSchema(_ value: ConnectValue) -> ConnectSchema? {
        switch value {
        case .null: nil
        case .int8: .optionalInt8
        case .int16: .optionalInt16
        case .int32: .optionalInt32
        case .int64: .optionalInt64
        case .float32: .optionalFloat32
        case .float64: .optionalFloat64
        case .boolean: .optionalBoolean
        case .string: .optionalString
        case .bytes: .optionalBytes
        case .array: SchemaBuilder.array(.optionalString).optional().build()
        case .map: SchemaBuilder.map(.optionalString, .optionalString).optional().build()
        case .structure(let s): s.schema
        }
    }
}
