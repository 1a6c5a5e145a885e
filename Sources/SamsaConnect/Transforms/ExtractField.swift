/// Kafka's `ExtractField$Key` / `ExtractField$Value`: replaces the key or value with one of its fields
/// (`field`, nested with `field.syntax.version=V2`); nulls pass through.
public final class ExtractField: Transformation {
    static let purpose = "field extraction"
    static let definition = ConfigDef([
        .smt("field", .string, nil, .medium, "Field name to extract."),
        FieldPath.syntaxKey,
    ])

    private let part: RecordPart
    private var path = FieldPath(steps: [""])
    private var originalPath = ""

    public init(part: RecordPart) { self.part = part }

    public var configDef: ConfigDef { Self.definition }

    public func configure(_ configs: [String: String]) throws {
        let config = try TransformConfig(Self.definition, configs)
        originalPath = config.string("field") ?? ""
        path = try FieldPath(originalPath, v2: config.string("field.syntax.version")?.uppercased() == "V2")
    }

    public func apply(_ record: ConnectRecord) throws -> ConnectRecord? {
        let value = part.value(record)
        guard let schema = part.schema(record) else {
            if value.isNull { return part.updating(record, schema: nil, value: .null) }
            return part.updating(record, schema: nil, value: try path.value(in: TransformRequirements.requireMap(value, Self.purpose)))
        }
        if !value.isNull { _ = try TransformRequirements.requireStruct(value, Self.purpose) }
        guard let field = path.field(in: schema) else { throw ConnectError.dataException("Unknown field: \(originalPath)") }
        let extracted = try value.structValue.map { try path.value(in: $0) } ?? .null
        return part.updating(record, schema: field.schema, value: extracted)
    }
}
