/// Kafka's `InsertHeader`: adds header `header` with `value.literal` to every record. The literal is read as
/// Kafka's `Values.parseString` reads scalars: true/false as BOOLEAN, whole numbers as the smallest of
/// INT8…INT64, other numbers as FLOAT32, anything else as a STRING (Samsa does not parse array, map or
/// date literals here; they stay strings).
public final class InsertHeader: Transformation {
    static let definition = ConfigDef([
        .smt("header", .string, nil, .high, "The name of the header."),
        .smt("value.literal", .string, nil, .high, "The literal value that is to be set as the header value on all records."),
    ])

    private var header = ""
    private var literal = SchemaAndValue.null

    public init() {}

    public var configDef: ConfigDef { Self.definition }

    public func configure(_ configs: [String: String]) throws {
        let config = try TransformConfig(Self.definition, configs)
        header = config.string("header") ?? ""
        literal = Self.parseScalar(config.string("value.literal") ?? "")
    }

    static func parseScalar(_ text: String) -> SchemaAndValue {
        if text.lowercased() == "true" || text.lowercased() == "false" { return SchemaAndValue(schema: .boolean, value: .boolean(text.lowercased() == "true")) }
        guard let n = JavaNumber(decimalText: text) else { return SchemaAndValue(schema: .string, value: .string(text)) }
        if n.double.rounded(.towardZero) == n.double, abs(n.double) < 9.2e18 {
            let i = Int64(text) ?? n.int64
            if let v = Int8(exactly: i) { return SchemaAndValue(schema: .int8, value: .int8(v)) }
            if let v = Int16(exactly: i) { return SchemaAndValue(schema: .int16, value: .int16(v)) }
            if let v = Int32(exactly: i) { return SchemaAndValue(schema: .int32, value: .int32(v)) }
            return SchemaAndValue(schema: .int64, value: .int64(i))
        }
        return SchemaAndValue(schema: .float32, value: .float32(Float(n.double)))
    }

    public func apply(_ record: ConnectRecord) throws -> ConnectRecord? {
        record.newRecord(headers: record.headers + [ConnectHeader(key: header, schema: literal.schema, value: literal.value)])
    }
}
