/// Kafka's `InsertField$Key` / `InsertField$Value`: adds the record's topic, partition, offset, timestamp or a
/// static string as fields. A name ending in `!` makes the new field required, `?` (the default) optional.
public final class InsertField: Transformation {
    private struct Spec {
        var name: String
        var optional: Bool

        init?(_ text: String?) {
            guard let text else { return nil }
            if text.hasSuffix("?") { (name, optional) = (String(text.dropLast()), true) }
            else if text.hasSuffix("!") { (name, optional) = (String(text.dropLast()), false) }
            else { (name, optional) = (text, true) }
        }
    }

    static let purpose = "field insertion"
    static let optionality = "Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it optional (the default)."
    static let definition = ConfigDef([
        .smt("topic.field", .string, TransformConfig.nullDefault, .medium, "Field name for Kafka topic. " + optionality),
        .smt("partition.field", .string, TransformConfig.nullDefault, .medium, "Field name for Kafka partition. " + optionality),
        .smt("offset.field", .string, TransformConfig.nullDefault, .medium,
             "Field name for Kafka offset - only applicable to sink connectors.<br/>" + optionality),
        .smt("timestamp.field", .string, TransformConfig.nullDefault, .medium, "Field name for record timestamp. " + optionality),
        .smt("static.field", .string, TransformConfig.nullDefault, .medium, "Field name for static data field. " + optionality),
        .smt("static.value", .string, TransformConfig.nullDefault, .medium, "Static field value, if field name configured."),
    ])

    private let part: RecordPart
    private var topicField: Spec?
    private var partitionField: Spec?
    private var offsetField: Spec?
    private var timestampField: Spec?
    private var staticField: Spec?
    private var staticValue: String?
    private var schemaCache: [ConnectSchema: ConnectSchema] = [:]

    public init(part: RecordPart) { self.part = part }

    public var configDef: ConfigDef { Self.definition }

    public func configure(_ configs: [String: String]) throws {
        let config = try TransformConfig(Self.definition, configs)
        topicField = Spec(config.string("topic.field"))
        partitionField = Spec(config.string("partition.field"))
        offsetField = Spec(config.string("offset.field"))
        timestampField = Spec(config.string("timestamp.field"))
        staticField = Spec(config.string("static.field"))
        staticValue = config.string("static.value")
        if topicField == nil, partitionField == nil, offsetField == nil, timestampField == nil, staticField == nil {
            throw ConnectError.config("No field insertion configured")
        }
        if let staticField, staticValue == nil {
            // Kafka prints its InsertionSpec object here; the field name is what a person needs.
            throw ConnectError.config(TransformConfig.invalid("static.value", nil, "No value specified for static field: \(staticField.name)"))
        }
        schemaCache = [:]
    }

    public func apply(_ record: ConnectRecord) throws -> ConnectRecord? {
        let value = part.value(record)
        if value.isNull { return record }
        guard let schema = part.schema(record) else { return try applySchemaless(record, value) }
        return try applyWithSchema(record, schema, value)
    }

    private func applySchemaless(_ record: ConnectRecord, _ value: ConnectValue) throws -> ConnectRecord {
        var map = try TransformRequirements.requireMap(value, Self.purpose)
        if let topicField { map.put(topicField.name, .string(record.topic)) }
        if let partitionField, let p = record.kafkaPartition { map.put(partitionField.name, .int32(p)) }
        if let offsetField { map.put(offsetField.name, .int64(try TransformRequirements.requireSinkRecord(record, Self.purpose))) }
        if let timestampField, let t = record.timestamp { map.put(timestampField.name, .int64(t)) }
        if let staticField, let staticValue { map.put(staticField.name, .string(staticValue)) }
        return part.updating(record, schema: nil, value: .map(map))
    }

    private func applyWithSchema(_ record: ConnectRecord, _ schema: ConnectSchema, _ value: ConnectValue) throws -> ConnectRecord {
        let original = try TransformRequirements.requireStruct(value, Self.purpose)
        let updatedSchema = try schemaCache[original.schema] ?? makeUpdatedSchema(original.schema)
        schemaCache[original.schema] = updatedSchema
        var updated = ConnectStruct(schema: updatedSchema, values: original.values + Array(repeating: .null, count: updatedSchema.fields.count - original.values.count))
        if let topicField { try updated.put(topicField.name, .string(record.topic)) }
        if let partitionField, let p = record.kafkaPartition { try updated.put(partitionField.name, .int32(p)) }
        if let offsetField { try updated.put(offsetField.name, .int64(try TransformRequirements.requireSinkRecord(record, Self.purpose))) }
        if let timestampField, let t = record.timestamp { try updated.put(timestampField.name, .int64(t)) }
        if let staticField, let staticValue { try updated.put(staticField.name, .string(staticValue)) }
        return part.updating(record, schema: updatedSchema, value: .structure(updated))
    }

    private func makeUpdatedSchema(_ schema: ConnectSchema) throws -> ConnectSchema {
        var builder = SchemaBuilder.struct().copyingBasics(of: schema)
        for field in schema.fields { builder = builder.field(field.name, field.schema) }
        if let topicField { builder = try builder.checkedField(topicField.name, topicField.optional ? .optionalString : .string) }
        if let partitionField { builder = try builder.checkedField(partitionField.name, partitionField.optional ? .optionalInt32 : .int32) }
        if let offsetField { builder = try builder.checkedField(offsetField.name, offsetField.optional ? .optionalInt64 : .int64) }
        if let timestampField {
            builder = try builder.checkedField(timestampField.name, ConnectSchema(type: .int64, optional: timestampField.optional,
                                                                       name: ConnectSchema.Logical.timestamp, version: 1))
        }
        if let staticField { builder = try builder.checkedField(staticField.name, staticField.optional ? .optionalString : .string) }
        return builder.build()
    }

    public func close() { schemaCache = [:] }
}
