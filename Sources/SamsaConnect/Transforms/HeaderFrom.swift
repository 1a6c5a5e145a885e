/// Kafka's `HeaderFrom$Key` / `HeaderFrom$Value`: copies (`operation=copy`) or moves (`move`) the listed
/// `fields` into headers named by the matching entries of `headers`.
public final class HeaderFrom: Transformation {
    static let definition = ConfigDef([
        .smt("fields", .list, nil, .high, "Field names in the record whose values are to be copied or moved to headers.",
             validator: TransformConfig.nonEmptyList("fields")),
        .smt("headers", .list, nil, .high, "Header names, in the same order as the field names listed in the fields configuration property.",
             validator: TransformConfig.nonEmptyList("headers")),
        .smt("operation", .string, nil, .high,
             "Either <code>move</code> if the fields are to be moved to the headers (removed from the key/value), or <code>copy</code> if the fields are to be copied to the headers (retained in the key/value).",
             validator: TransformConfig.validString("operation", ["move", "copy"])),
    ])

    private let part: RecordPart
    private var fields: [String] = []
    private var headers: [String] = []
    private var move = false
    private var schemaCache: [ConnectSchema: ConnectSchema] = [:]

    public init(part: RecordPart) { self.part = part }

    public var configDef: ConfigDef { Self.definition }

    public func configure(_ configs: [String: String]) throws {
        let config = try TransformConfig(Self.definition, configs)
        fields = config.list("fields")
        headers = config.list("headers")
        if fields.count != headers.count {
            throw ConnectError.config("'fields' config must have the same number of elements as 'headers' config.")
        }
        move = config.string("operation") == "move"
        schemaCache = [:]
    }

    public func apply(_ record: ConnectRecord) throws -> ConnectRecord? {
        let purpose = "header " + (move ? "move" : "copy")
        let value = part.value(record)
        var newHeaders = record.headers
        guard let schema = part.schema(record) else {
            var map = try TransformRequirements.requireMap(value, purpose)
            let original = map
            for (field, header) in zip(fields, headers) {
                if move { map.remove(field: field) }
                newHeaders.append(ConnectHeader(key: header, schema: nil, value: original[field: field] ?? .null))
            }
            return part.updating(record, schema: nil, value: .map(map)).newRecord(headers: newHeaders)
        }
        let original = try TransformRequirements.requireStruct(value, purpose)
        var updatedSchema = schema, updatedValue = value
        if move {
            updatedSchema = schemaCache[schema] ?? SchemaBuilder.struct().copyingBasics(of: schema)
                .fieldsFrom(schema.fields.filter { !fields.contains($0.name) }).build()
            schemaCache[schema] = updatedSchema
            updatedValue = .structure(ConnectStruct(schema: updatedSchema, values: updatedSchema.fields.map { original[$0.name] ?? .null }))
        }
        for (field, header) in zip(fields, headers) {
            guard let f = schema.field(field) else { throw ConnectError.dataException("\(field) is not a valid field name") }
            newHeaders.append(ConnectHeader(key: header, schema: f.schema, value: original.values[f.index]))
        }
        return part.updating(record, schema: updatedSchema, value: updatedValue).newRecord(headers: newHeaders)
    }
}

extension SchemaBuilder {
    func fieldsFrom(_ fields: [ConnectSchema.Field]) -> SchemaBuilder {
        fields.reduce(self) { $0.field($1.name, $1.schema) }
    }
}
