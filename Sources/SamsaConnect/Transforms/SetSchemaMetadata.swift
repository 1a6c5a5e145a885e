/// Kafka's `SetSchemaMetadata$Key` / `SetSchemaMetadata$Value`: sets the schema's name and/or version (a
/// Struct value is rebuilt on the renamed schema).
public final class SetSchemaMetadata: Transformation {
    static let definition = ConfigDef([
        .smt("schema.name", .string, TransformConfig.nullDefault, .high, "Schema name to set."),
        // Kafka's type is INT with a null default, which the contract's ConfigDef cannot express; the
        // validator gives Kafka's sentence for a non-number.
        .smt("schema.version", .string, TransformConfig.nullDefault, .high, "Schema version to set.", validator: { value in
            let v = value.trimmingCharacters(in: .whitespaces)
            return v.isEmpty || Int32(v) != nil ? nil : TransformConfig.invalid("schema.version", v, "Not a number of type INT")
        }),
    ])

    private let part: RecordPart
    private var schemaName: String?
    private var schemaVersion: Int32?

    public init(part: RecordPart) { self.part = part }

    public var configDef: ConfigDef { Self.definition }

    public func configure(_ configs: [String: String]) throws {
        let config = try TransformConfig(Self.definition, configs)
        schemaName = config.string("schema.name")
        schemaVersion = config.int("schema.version")
        if schemaName == nil && schemaVersion == nil { throw ConnectError.config("Neither schema name nor version configured") }
    }

    public func apply(_ record: ConnectRecord) throws -> ConnectRecord? {
        let value = part.value(record)
        let original = part.schema(record)
        if value.isNull && original == nil { return record }
        let schema = try TransformRequirements.requireSchema(original, "updating schema metadata")
        let updated = ConnectSchema(
            type: schema.type, optional: schema.isOptional, defaultValue: schema.defaultValue,
            name: schemaName ?? schema.name, version: schemaVersion ?? schema.version, doc: schema.doc,
            parameters: schema.parameters, fields: schema.fields,
            keySchema: schema.type == .map ? schema.keySchema : nil,
            valueSchema: schema.type == .map || schema.type == .array ? schema.valueSchema : nil)
        var newValue = value
        if case .structure(let s) = value { newValue = .structure(ConnectStruct(schema: updated, values: s.values)) }
        return part.updating(record, schema: updated, value: newValue)
    }
}
