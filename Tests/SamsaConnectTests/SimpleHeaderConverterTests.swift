import Testing
@testable import SamsaConnect

/// SimpleHeaderConverter: values as text (Kafka's `Values.convertToString`), text read back with the type
/// Kafka's `Values.parseString` infers.
@Suite struct SimpleHeaderConverterTests {
    let c = SimpleHeaderConverter()

    func write(_ schema: ConnectSchema?, _ value: ConnectValue) throws -> String? {
        try c.fromConnectHeader(topic: "t", key: "h", schema: schema, value: value).map { String(decoding: $0, as: UTF8.self) }
    }

    func read(_ text: String) throws -> SchemaAndValue { try c.toConnectHeader(topic: "t", key: "h", value: Array(text.utf8)) }

    @Test func writesText() throws {
        #expect(try write(.string, .string("hello world")) == "hello world")
        #expect(try write(.int32, .int32(42)) == "42")
        #expect(try write(.float64, .float64(0.5)) == "0.5")
        #expect(try write(.boolean, .boolean(false)) == "false")
        #expect(try write(.bytes, .bytes([1, 2, 3])) == "AQID")
        #expect(try write(nil, .array([.string("a"), .int32(1)])) == #"["a",1]"#)
        #expect(try write(nil, .map([.init(key: .string("k"), value: .int64(2))])) == #"{"k":2}"#)
        #expect(try write(nil, .null) == nil)
    }

    @Test func infersTypesAsValuesParseString() throws {
        #expect(try read("hello world") == SchemaAndValue(schema: .string, value: .string("hello world")))
        #expect(try read("") == SchemaAndValue(schema: .string, value: .string("")))
        #expect(try read("true") == SchemaAndValue(schema: .boolean, value: .boolean(true)))
        #expect(try read("null") == .null)
        #expect(try read("42") == SchemaAndValue(schema: .int8, value: .int8(42)))
        #expect(try read("1000") == SchemaAndValue(schema: .int16, value: .int16(1000)))
        #expect(try read("100000") == SchemaAndValue(schema: .int32, value: .int32(100_000)))
        #expect(try read("10000000000") == SchemaAndValue(schema: .int64, value: .int64(10_000_000_000)))
        #expect(try read("1.0") == SchemaAndValue(schema: .int8, value: .int8(1)))
        #expect(try read("1.5") == SchemaAndValue(schema: .float32, value: .float32(1.5)))
        #expect(try read("1e300") == SchemaAndValue(schema: .float64, value: .float64(1e300)))
        #expect(try read("[1,2,3]") == SchemaAndValue(schema: SchemaBuilder.array(.int8).build(), value: .array([.int8(1), .int8(2), .int8(3)])))
        #expect(try read(#"{"a":1,"b":1000}"#) == SchemaAndValue(schema: SchemaBuilder.map(.string, .int16).build(),
                                                               value: .map([.init(key: .string("a"), value: .int8(1)), .init(key: .string("b"), value: .int16(1000))])))
        #expect(try c.toConnectHeader(topic: "t", key: "h", value: nil) == .null)
        #expect(try c.toConnectHeader(topic: "t", key: "h", value: [0xC3, 0x28]) == SchemaAndValue(schema: .bytes, value: .bytes([0xC3, 0x28])))
    }

    @Test func roundTripsKeepTheValue() throws {
        for (schema, value) in [(ConnectSchema.string, ConnectValue.string("x y")), (.int16, .int16(-300)), (.boolean, .boolean(true)), (.float32, .float32(2.25))] {
            let bytes = try c.fromConnectHeader(topic: "t", key: "h", schema: schema, value: value)
            #expect(try c.toConnectHeader(topic: "t", key: "h", value: bytes) == SchemaAndValue(schema: schema, value: value))
        }
    }
}
