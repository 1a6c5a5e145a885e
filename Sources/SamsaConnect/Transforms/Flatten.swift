/// Kafka's `Flatten$Key` / `Flatten$Value`: nested Structs (or maps) become top-level fields named by joining
/// the path with `delimiter` (default `.`); arrays are left as they are. A flattened field is optional when
/// any ancestor is, and inherits an ancestor's default.
public final class Flatten: Transformation {
    static let purpose = "flattening"
    static let definition = ConfigDef([
        .smt("delimiter", .string, ".", .medium,
             "Delimiter to insert between field names from the input record when generating field names for the output record"),
    ])

    private let part: RecordPart
    private var delimiter = "."
    private var schemaCache: [ConnectSchema: ConnectSchema] = [:]

    public init(part: RecordPart) { self.part = part }

    public var configDef: ConfigDef { Self.definition }

    public func configure(_ configs: [String: String]) throws {
        delimiter = try TransformConfig(Self.definition, configs).string("delimiter") ?? "."
        schemaCache = [:]
    }

    private func name(_ prefix: String, _ field: String) -> String { prefix.isEmpty ? field : prefix + delimiter + field }

    public func apply(_ record: ConnectRecord) throws -> ConnectRecord? {
        let value = part.value(record)
        if value.isNull { return record }
        guard let schema = part.schema(record) else {
            var out: [ConnectValue.MapEntry] = []
            try flatten(TransformRequirements.requireMap(value, Self.purpose), "", into: &out)
            return part.updating(record, schema: nil, value: .map(out))
        }
        let original = try TransformRequirements.requireStruct(value, Self.purpose)
        let updated: ConnectSchema
        if let cached = schemaCache[schema] { updated = cached } else {
            var builder = SchemaBuilder.struct().copyingBasics(of: schema)
            try buildSchema(schema, "", &builder, optional: schema.isOptional, parentDefault: schema.defaultValue?.structValue)
            updated = builder.build()
            schemaCache[schema] = updated
        }
        var values: [String: ConnectValue] = [:]
        try flatten(original, "", into: &values)
        return part.updating(record, schema: updated, value: .structure(ConnectStruct(schema: updated, values: updated.fields.map { values[$0.name] ?? .null })))
    }

    private func flatten(_ map: [ConnectValue.MapEntry], _ prefix: String, into out: inout [ConnectValue.MapEntry]) throws {
        for entry in map {
            guard case .string(let key) = entry.key else { continue }
            let field = name(prefix, key)
            switch entry.value {
            case .map(let nested): try flatten(nested, field, into: &out)
            case .structure:
                throw ConnectError.dataException("Flatten transformation does not support \(TransformRequirements.javaClass(entry.value)) for record without schemas (for field \(field)).")
            default: out.put(field, entry.value)
            }
        }
    }

    private func buildSchema(_ schema: ConnectSchema, _ prefix: String, _ builder: inout SchemaBuilder, optional: Bool, parentDefault: ConnectStruct?) throws {
        for f in schema.fields {
            let field = name(prefix, f.name)
            let fieldOptional = optional || f.schema.isOptional
            let fieldDefault = f.schema.defaultValue ?? parentDefault?.values[f.index]
            switch f.schema.type {
            case .struct: try buildSchema(f.schema, field, &builder, optional: fieldOptional, parentDefault: fieldDefault?.structValue)
            case .map: throw ConnectError.dataException("Flatten transformation does not support MAP for record with schemas (for field \(field)).")
            default:
                var b = (f.schema.type == .array ? SchemaBuilder.array(f.schema.valueSchema ?? .optionalString) : SchemaBuilder(type: f.schema.type))
                    .copyingBasics(of: f.schema)
                if fieldOptional { b = b.optional() }
                if let d = fieldDefault, !d.isNull { b = b.defaultValue(d) }
                builder = try builder.checkedField(field, b.build())
            }
        }
    }

    private func flatten(_ s: ConnectStruct, _ prefix: String, into out: inout [String: ConnectValue]) throws {
        for f in s.schema.fields {
            let field = name(prefix, f.name)
            switch f.schema.type {
            case .struct: if let nested = s.values[f.index].structValue { try flatten(nested, field, into: &out) }
            case .map: throw ConnectError.dataException("Flatten transformation does not support MAP for record with schemas (for field \(field)).")
            default: out[field] = s.values[f.index]
            }
        }
    }
}
