import Testing
@testable import SamsaConnect

/// MaskField, following Kafka 3.8's MaskFieldTest (type-appropriate null values, replacements, errors).
@Suite struct TransformMaskFieldTests {
    static let schema = SchemaBuilder.struct()
        .field("magic", .int32).field("bool", .boolean).field("byte", .int8).field("short", .int16).field("int", .int32)
        .field("long", .int64).field("float", .float32).field("double", .float64).field("string", .string)
        .field("date", ConnectSchema(type: .int32, name: ConnectSchema.Logical.date, version: 1))
        .field("array", SchemaBuilder.array(.int32).build())
        .field("map", SchemaBuilder.map(.string, .string).build()).build()
    static let value = ConnectStruct(schema: schema, values: [
        .int32(42), .boolean(true), .int8(42), .int16(42), .int32(42), .int64(42), .float32(42), .float64(42), .string("hmm"),
        .int32(17000), .array([.int32(1), .int32(2)]), .map([.init(key: .string("k"), value: .string("v"))]),
    ])
    static let masked = ["bool", "byte", "short", "int", "long", "float", "double", "string", "date", "array", "map"]

    @Test func structFieldsBecomeTheirTypesZero() throws {
        let xform = try TransformFixtures.configured(MaskField(part: .value), ["fields": Self.masked.joined(separator: ",")])
        let out = try #require(try xform.apply(TransformFixtures.sinkRecord(valueSchema: Self.schema, value: .structure(Self.value))))
        #expect(out.valueSchema == Self.schema)
        #expect(out.value["magic"] == .int32(42))
        #expect(out.value["bool"] == .boolean(false) && out.value["byte"] == .int8(0) && out.value["short"] == .int16(0))
        #expect(out.value["int"] == .int32(0) && out.value["long"] == .int64(0) && out.value["float"] == .float32(0))
        #expect(out.value["double"] == .float64(0) && out.value["string"] == .string(""))
        #expect(out.value["date"] == .int32(0) && out.value["array"] == .array([]) && out.value["map"] == .map([]))
    }

    @Test func schemalessWithReplacementConvertsToEachType() throws {
        let xform = try TransformFixtures.configured(MaskField(part: .value), ["fields": "short,int,double,string,absent", "replacement": "123"])
        let value = TransformFixtures.map(["short": .int16(9), "int": .int32(9), "double": .float64(9.5), "string": .string("secret"), "keep": .int64(1)])
        let out = try #require(try xform.apply(TransformFixtures.sinkRecord(valueSchema: nil, value: value)))
        #expect(out.value["short"] == .int16(123) && out.value["int"] == .int32(123))
        #expect(out.value["double"] == .float64(123.0) && out.value["string"] == .string("123"))
        #expect(out.value["keep"] == .int64(1))
        #expect(out.value["absent"] == .null) // Kafka puts the (null) mask for a missing field
    }

    @Test func decimalsMaskToZeroOrTheReplacementAtTheSchemasScale() throws {
        let decimal = ConnectSchema(type: .bytes, name: ConnectSchema.Logical.decimal, version: 1, parameters: ["scale": "1"])
        let schema = SchemaBuilder.struct().field("price", decimal).build()
        let value = ConnectValue.structure(ConnectStruct(schema: schema, values: [.bytes([0x30, 0x39])])) // 1234.5
        let zero = try TransformFixtures.configured(MaskField(part: .value), ["fields": "price"])
        #expect(try zero.apply(TransformFixtures.sinkRecord(valueSchema: schema, value: value))?.value["price"] == .bytes([0]))
        let replaced = try TransformFixtures.configured(MaskField(part: .value), ["fields": "price", "replacement": "-123.0"])
        // -1230 unscaled = 0xFB32 in two's complement
        #expect(try replaced.apply(TransformFixtures.sinkRecord(valueSchema: schema, value: value))?.value["price"] == .bytes([0xFB, 0x32]))
        let badScale = try TransformFixtures.configured(MaskField(part: .value), ["fields": "price", "replacement": "123"])
        #expect(TransformFixtures.message { _ = try badScale.apply(TransformFixtures.sinkRecord(valueSchema: schema, value: value)) }
            == "BigDecimal has mismatching scale value for given Decimal schema")
    }

    @Test func unsupportedReplacementsAndBadConfigs() throws {
        let xform = try TransformFixtures.configured(MaskField(part: .value), ["fields": "bool", "replacement": "123"])
        #expect(TransformFixtures.message { _ = try xform.apply(TransformFixtures.sinkRecord(valueSchema: nil, value: TransformFixtures.map(["bool": .boolean(true)]))) }
            == "Cannot mask value of type class java.lang.Boolean with custom replacement.")
        let foo = try TransformFixtures.configured(MaskField(part: .value), ["fields": "int", "replacement": "foo"])
        #expect(TransformFixtures.message { _ = try foo.apply(TransformFixtures.sinkRecord(valueSchema: nil, value: TransformFixtures.map(["int": .int32(1)]))) }
            == "Unable to convert foo (class java.lang.String) to a number")
        #expect(TransformFixtures.message { try MaskField(part: .value).configure(["fields": "a", "replacement": ""]) }
            == "Invalid value  for configuration replacement: String must be non-empty")
        #expect(TransformFixtures.message { try MaskField(part: .value).configure([:]) }
            == "Missing required configuration \"fields\" which has no default value.")
        #expect(TransformFixtures.message { try MaskField(part: .value).configure(["fields": ""]) }
            == "Invalid value [] for configuration fields: Empty list")
    }
}
