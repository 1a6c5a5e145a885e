import Testing
@testable import SamsaConnect

/// Every Connect type written by JsonConverter reads back to the same schema and value, in both modes where
/// the type survives schemaless JSON.
@Suite struct JsonConverterRoundTripTests {
    static let user = SchemaBuilder.struct().name("user").field("id", .int64).field("name", .optionalString)
        .field("tags", SchemaBuilder.array(.string).build()).field("scores", SchemaBuilder.map(.string, .float64).optional().build())
        .build()

    static let cases: [(ConnectSchema, ConnectValue)] = [
        (.boolean, .boolean(false)), (.int8, .int8(-128)), (.int16, .int16(32767)), (.int32, .int32(-2_000_000_000)),
        (.int64, .int64(Int64.min)), (.float32, .float32(3.4028235e38)), (.float64, .float64(-1.5e-300)),
        (.string, .string("tab\t\"quote\" é 😀")), (.bytes, .bytes([0, 1, 254, 255])), (.optionalInt64, .null),
        (SchemaBuilder.array(.optionalInt32).build(), .array([.int32(1), .null])),
        (SchemaBuilder.map(.int64, .string).build(), .map([.init(key: .int64(5), value: .string("five"))])),
        (SchemaBuilder(type: .string).name("named").version(3).doc("d").parameter("b", "2").parameter("a", "1").build(), .string("x")),
        (SchemaBuilder(type: .int32).defaultValue(.int32(42)).build(), .int32(1)),
        (decimalSchema(scale: 3), .bytes([0x85])), (decimalSchema(scale: 0), .bytes([0x00, 0x80])),
        (user, .structure(ConnectStruct(schema: user, values: [.int64(1), .null, .array([.string("a")]),
                                                             .map([.init(key: .string("m"), value: .float64(0.5))])]))),
    ]

    @Test(arguments: 0..<cases.count)
    func withSchemas(index: Int) throws {
        let (schema, value) = Self.cases[index]
        for format in [JsonConverterConfig.DecimalFormat.base64, .numeric] {
            let converter = JsonConverter(config: .init(decimalFormat: format))
            let bytes = try #require(try converter.fromConnectData(topic: "t", schema: schema, value: value))
            let back = try converter.toConnectData(topic: "t", value: bytes)
            #expect(back == SchemaAndValue(schema: schema, value: value))
            // Reading and rewriting gives the same bytes.
            #expect(try converter.fromConnectData(topic: "t", schema: back.schema, value: back.value) == bytes)
        }
    }

    @Test func negativeDecimalNumericText() throws {
        // -123 unscaled = 0x85 at scale 3 is -0.123 (BigDecimal.toString).
        let converter = JsonConverter(config: .init(schemasEnabled: false, decimalFormat: .numeric))
        #expect(try converter.fromConnectData(topic: "t", schema: decimalSchema(scale: 3), value: .bytes([0x85])) == Array("-0.123".utf8))
        #expect(DecimalText.string(unscaled: [0x01], scale: 8) == "1E-8")
        #expect(DecimalText.string(unscaled: [0x7B], scale: -2) == "1.23E+4")
        #expect(DecimalText.string(unscaled: [0x00, 0x80], scale: 0) == "128")
        #expect(try DecimalText.unscaled(fromText: "-128", scale: 0) == [0x80])
        #expect(try DecimalText.unscaled(fromText: "128", scale: 0) == [0x00, 0x80])
        #expect(try DecimalText.unscaled(fromText: "1.5E2", scale: 1) == [0x05, 0xDC])
        #expect(throws: ConnectError.dataException("BigDecimal has mismatching scale value for given Decimal schema")) {
            try DecimalText.unscaled(fromText: "1.234", scale: 2)
        }
    }

    @Test func schemalessRoundTripOfInferredTypes() throws {
        let converter = JsonConverter(config: .init(schemasEnabled: false))
        let value: ConnectValue = .map([.init(key: .string("a"), value: .int64(1)), .init(key: .string("b"), value: .array([.float64(2.5), .string("s"), .boolean(true), .null]))])
        let bytes = try #require(try converter.fromConnectData(topic: "t", schema: nil, value: value))
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"a":1,"b":[2.5,"s",true,null]}"#)
        #expect(try converter.toConnectData(topic: "t", value: bytes) == SchemaAndValue(schema: nil, value: value))
    }

    @Test func headersUseTheSameEnvelope() throws {
        let converter = JsonConverter(config: .init())
        let bytes = try converter.fromConnectHeader(topic: "t", key: "h", schema: .string, value: .string("test-string"))
        #expect(bytes == Array(#"{"schema":{"type":"string","optional":false},"payload":"test-string"}"#.utf8))
        #expect(try converter.toConnectHeader(topic: "t", key: "h", value: bytes) == SchemaAndValue(schema: .string, value: .string("test-string")))
    }
}
