/// Kafka's `Cast$Key` / `Cast$Value`: `spec=field:type,…` casts fields of a Struct or map, `spec=type`
/// casts the whole key or value. Targets: int8, int16, int32, int64, float32, float64, boolean, string.
public final class Cast: Transformation {
    static let purpose = "cast types"
    static let inputTypes: [ConnectSchema.SchemaType] = [.int8, .int16, .int32, .int64, .float32, .float64, .boolean, .string, .bytes]
    static let outputTypes: [ConnectSchema.SchemaType] = [.int8, .int16, .int32, .int64, .float32, .float64, .boolean, .string]
    static let definition = ConfigDef([
        .smt("spec", .list, nil, .high,
             "List of fields and the type to cast them to of the form field1:type,field2:type to cast fields of "
                + "Maps or Structs. A single type to cast the entire value. Valid types are int8, int16, int32, "
                + "int64, float32, float64, boolean, and string. Note that binary fields can only be cast to string.",
             validator: { value in
                 do { _ = try parseSpec(ConfigDef.list(value)) } catch { return (error as? ConnectError)?.message }
                 return nil
             }),
    ])

    private let part: RecordPart
    /// Field casts in spec order; empty when the whole value is cast.
    private var casts: [(field: String, type: ConnectSchema.SchemaType)] = []
    private var wholeValueType: ConnectSchema.SchemaType?
    private var schemaCache: [ConnectSchema: ConnectSchema] = [:]

    public init(part: RecordPart) { self.part = part }

    public var configDef: ConfigDef { Self.definition }

    public func configure(_ configs: [String: String]) throws {
        let config = try TransformConfig(Self.definition, configs)
        let spec = try Self.parseSpec(config.list("spec"))
        wholeValueType = spec.whole
        casts = spec.fields
        schemaCache = [:]
    }

    static func javaTypeList(_ types: [ConnectSchema.SchemaType]) -> String {
        TransformConfig.javaList(types.map { $0.rawValue.uppercased() })
    }

    static func parseSpec(_ mappings: [String]) throws -> (whole: ConnectSchema.SchemaType?, fields: [(field: String, type: ConnectSchema.SchemaType)]) {
        if mappings.isEmpty { throw ConnectError.config("Must specify at least one field to cast.") }
        var whole: ConnectSchema.SchemaType?
        var fields: [(field: String, type: ConnectSchema.SchemaType)] = []
        for mapping in mappings {
            var parts = mapping.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            while parts.count > 1, parts.last == "" { parts.removeLast() }
            if parts.count > 2 {
                // Kafka names `renames` here (its Cast reuses ReplaceField's constant).
                throw ConnectError.config(TransformConfig.invalid("renames", TransformConfig.javaList(mappings), "Invalid rename mapping: \(mapping)"))
            }
            let typeText = parts[parts.count - 1].trimmingCharacters(in: .whitespaces)
            guard let type = ConnectSchema.SchemaType(rawValue: typeText.lowercased()) else {
                throw ConnectError.config("Invalid type found in casting spec: \(typeText)")
            }
            guard outputTypes.contains(type) else {
                throw ConnectError.config("Cast transformation does not support casting to \(type.rawValue.uppercased()); supported types are \(javaTypeList(outputTypes))")
            }
            if parts.count == 1 { whole = type } else {
                let name = parts[0].trimmingCharacters(in: .whitespaces)
                fields.removeAll { $0.field == name }
                fields.append((name, type))
            }
        }
        if whole != nil, mappings.count > 1 {
            throw ConnectError.config("Cast transformations that specify a type to cast the entire value to may only specify a single cast in their spec")
        }
        return (whole, fields)
    }

    public func apply(_ record: ConnectRecord) throws -> ConnectRecord? {
        let value = part.value(record)
        if value.isNull { return record }
        guard let schema = part.schema(record) else {
            if let wholeValueType {
                return part.updating(record, schema: nil, value: try CastValue.cast(value, schema: nil, to: wholeValueType))
            }
            var map = try TransformRequirements.requireMap(value, Self.purpose)
            let original = map
            for (field, type) in casts { map.put(field, try CastValue.cast(original[field: field] ?? .null, schema: nil, to: type)) }
            return part.updating(record, schema: nil, value: .map(map))
        }
        let updatedSchema = try schemaCache[schema] ?? buildSchema(schema)
        schemaCache[schema] = updatedSchema
        if let wholeValueType {
            return part.updating(record, schema: updatedSchema, value: try CastValue.cast(value, schema: schema, to: wholeValueType))
        }
        let original = try TransformRequirements.requireStruct(value, Self.purpose)
        let values = try original.schema.fields.map { field in
            let v = original.values[field.index]
            guard let type = casts.first(where: { $0.field == field.name })?.type else { return v }
            return try CastValue.cast(v, schema: field.schema, to: type)
        }
        return part.updating(record, schema: updatedSchema, value: .structure(ConnectStruct(schema: updatedSchema, values: values)))
    }

    private func buildSchema(_ schema: ConnectSchema) throws -> ConnectSchema {
        var builder: SchemaBuilder
        if let wholeValueType {
            builder = SchemaBuilder(type: wholeValueType).copyingBasics(of: schema)
        } else {
            builder = SchemaBuilder.struct().copyingBasics(of: schema)
            for field in schema.fields {
                guard let type = casts.first(where: { $0.field == field.name })?.type else {
                    builder = builder.field(field.name, field.schema)
                    continue
                }
                var fieldBuilder = SchemaBuilder(type: type)
                if field.schema.isOptional { fieldBuilder = fieldBuilder.optional() }
                if let d = field.schema.defaultValue { fieldBuilder = fieldBuilder.defaultValue(try CastValue.cast(d, schema: field.schema, to: type)) }
                builder = builder.field(field.name, fieldBuilder.build())
            }
        }
        if schema.isOptional { builder = builder.optional() }
        if let d = schema.defaultValue { builder = builder.defaultValue(try CastValue.cast(d, schema: schema, to: builder.type)) }
        return builder.build()
    }
}
