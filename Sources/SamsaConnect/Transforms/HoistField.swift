/// Kafka's `HoistField$Key` / `HoistField$Value`: wraps the key or value in a one-field Struct (with a
/// schema) or map (without), named by `field`.
public final class HoistField: Transformation {
    static let definition = ConfigDef([
        .smt("field", .string, nil, .medium, "Field name for the single field that will be created in the resulting Struct or Map."),
    ])

    private let part: RecordPart
    private var fieldName = ""
    private var schemaCache: [ConnectSchema: ConnectSchema] = [:]

    public init(part: RecordPart) { self.part = part }

    public var configDef: ConfigDef { Self.definition }

    public func configure(_ configs: [String: String]) throws {
        fieldName = try TransformConfig(Self.definition, configs).string("field") ?? ""
        schemaCache = [:]
    }

    public func apply(_ record: ConnectRecord) throws -> ConnectRecord? {
        let value = part.value(record)
        guard let schema = part.schema(record) else {
            return part.updating(record, schema: nil, value: .map([.init(key: .string(fieldName), value: value)]))
        }
        let updated = try schemaCache[schema] ?? SchemaBuilder.struct().checkedField(fieldName, schema).build()
        schemaCache[schema] = updated
        return part.updating(record, schema: updated, value: .structure(ConnectStruct(schema: updated, values: [value])))
    }

    public func close() { schemaCache = [:] }
}
