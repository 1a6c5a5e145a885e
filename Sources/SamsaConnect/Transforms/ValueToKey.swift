/// Kafka's `ValueToKey`: the key becomes a Struct (or map) of the listed `fields` copied from the value.
public final class ValueToKey: Transformation {
    static let purpose = "copying fields from value to key"
    static let definition = ConfigDef([
        .smt("fields", .list, nil, .high, "Field names on the record value to extract as the record key.",
             validator: TransformConfig.nonEmptyList("fields")),
    ])

    private var fields: [String] = []
    private var schemaCache: [ConnectSchema: ConnectSchema] = [:]

    public init() {}

    public var configDef: ConfigDef { Self.definition }

    public func configure(_ configs: [String: String]) throws {
        fields = try TransformConfig(Self.definition, configs).list("fields")
        schemaCache = [:]
    }

    public func apply(_ record: ConnectRecord) throws -> ConnectRecord? {
        guard record.valueSchema != nil else {
            let value = try TransformRequirements.requireMap(record.value, Self.purpose)
            var key: [ConnectValue.MapEntry] = []
            for field in fields { key.put(field, value[field: field] ?? .null) }
            return record.newRecord(keySchema: .some(nil), key: .map(key))
        }
        let value = try TransformRequirements.requireStruct(record.value, Self.purpose)
        let keySchema: ConnectSchema
        if let cached = schemaCache[value.schema] { keySchema = cached } else {
            var builder = SchemaBuilder.struct()
            for field in fields {
                guard let f = value.schema.field(field) else { throw ConnectError.dataException("Field does not exist: \(field)") }
                builder = try builder.checkedField(field, f.schema)
            }
            keySchema = builder.build()
            schemaCache[value.schema] = keySchema
        }
        let key = ConnectStruct(schema: keySchema, values: keySchema.fields.map { value[$0.name] ?? .null })
        return record.newRecord(keySchema: .some(keySchema), key: .structure(key), valueSchema: .some(value.schema), value: record.value)
    }

    public func close() { schemaCache = [:] }
}
