import Testing
@testable import SamsaConnect

/// StringConverter, ByteArrayConverter, the number converters and BooleanConverter: Kafka's serializer byte
/// layouts (big-endian two's complement, IEEE-754 bits, one byte for booleans) and Kafka's error sentences.
@Suite struct SimpleConvertersTests {
    @Test func stringConverterWritesJavaToStringText() throws {
        let c = try StringConverter(configs: [:], isKey: false)
        #expect(try c.fromConnectData(topic: "t", schema: .string, value: .string("foo")) == Array("foo".utf8))
        #expect(try c.fromConnectData(topic: "t", schema: nil, value: .int64(5)) == Array("5".utf8))
        #expect(try c.fromConnectData(topic: "t", schema: nil, value: .float64(1e10)) == Array("1.0E10".utf8))
        #expect(try c.fromConnectData(topic: "t", schema: nil, value: .array([.int32(1), .string("x")])) == Array("[1, x]".utf8))
        let schema = SchemaBuilder.struct().field("a", .int32).field("b", .optionalString).field("c", .boolean).build()
        let s = ConnectStruct(schema: schema, values: [.int32(1), .null, .boolean(true)])
        #expect(try c.fromConnectData(topic: "t", schema: schema, value: .structure(s)) == Array("Struct{a=1,c=true}".utf8))
        #expect(try c.fromConnectData(topic: "t", schema: nil, value: .null) == nil)
        #expect(try c.toConnectData(topic: "t", value: Array("héllo".utf8)) == SchemaAndValue(schema: .optionalString, value: .string("héllo")))
        #expect(try c.toConnectData(topic: "t", value: nil) == SchemaAndValue(schema: .optionalString, value: .null))
    }

    @Test func stringConverterEncoding() throws {
        let c = try StringConverter(configs: ["converter.encoding": "UTF-16LE"], isKey: true)
        #expect(try c.fromConnectData(topic: "t", schema: nil, value: .string("hé")) == [0x68, 0x00, 0xE9, 0x00])
        #expect(try c.toConnectData(topic: "t", value: [0x68, 0x00, 0xE9, 0x00]).value == .string("hé"))
        let utf16 = try StringConverter(configs: ["converter.encoding": "utf-16"], isKey: false)
        #expect(try utf16.fromConnectData(topic: "t", schema: nil, value: .string("A")) == [0xFE, 0xFF, 0x00, 0x41])
        #expect(try utf16.toConnectData(topic: "t", value: [0xFE, 0xFF, 0x00, 0x41]).value == .string("A"))
        let latin = try StringConverter(configs: ["converter.encoding": "ISO-8859-1"], isKey: false)
        #expect(try latin.fromConnectData(topic: "t", schema: nil, value: .string("é")) == [0xE9])
        #expect(throws: ConnectError.config("Invalid value EBCDIC-XYZ for configuration converter.encoding: unsupported character encoding")) {
            try StringConverter(configs: ["converter.encoding": "EBCDIC-XYZ"], isKey: false)
        }
    }

    @Test func byteArrayConverterPassesBytesThrough() throws {
        let c = ByteArrayConverter()
        #expect(try c.fromConnectData(topic: "t", schema: .bytes, value: .bytes([1, 2, 3])) == [1, 2, 3])
        #expect(try c.fromConnectData(topic: "t", schema: nil, value: .null) == nil)
        #expect(try c.toConnectData(topic: "t", value: [9]) == SchemaAndValue(schema: .optionalBytes, value: .bytes([9])))
        #expect(try c.toConnectData(topic: "t", value: nil) == SchemaAndValue(schema: .optionalBytes, value: .null))
        #expect(throws: ConnectError.dataException("Invalid schema type for ByteArrayConverter: INT32")) {
            try c.fromConnectData(topic: "t", schema: .int32, value: .int32(1))
        }
        #expect(throws: ConnectError.dataException("ByteArrayConverter is not compatible with objects of type class java.lang.String")) {
            try c.fromConnectData(topic: "t", schema: nil, value: .string("x"))
        }
    }

    @Test func numberConvertersUseKafkasSerializerLayouts() throws {
        #expect(try LongConverter().fromConnectData(topic: "t", schema: nil, value: .int64(1)) == [0, 0, 0, 0, 0, 0, 0, 1])
        #expect(try LongConverter().fromConnectData(topic: "t", schema: nil, value: .int64(-2)) == [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE])
        #expect(try IntegerConverter().fromConnectData(topic: "t", schema: nil, value: .int32(0x0102_0304)) == [1, 2, 3, 4])
        #expect(try ShortConverter().fromConnectData(topic: "t", schema: nil, value: .int16(-1)) == [0xFF, 0xFF])
        #expect(try FloatConverter().fromConnectData(topic: "t", schema: nil, value: .float32(1)) == [0x3F, 0x80, 0, 0])
        #expect(try DoubleConverter().fromConnectData(topic: "t", schema: nil, value: .float64(1)) == [0x3F, 0xF0, 0, 0, 0, 0, 0, 0])
        #expect(try BooleanConverter().fromConnectData(topic: "t", schema: .boolean, value: .boolean(true)) == [1])
        #expect(try LongConverter().toConnectData(topic: "t", value: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE]) == SchemaAndValue(schema: .optionalInt64, value: .int64(-2)))
        #expect(try IntegerConverter().toConnectData(topic: "t", value: [1, 2, 3, 4]).value == .int32(0x0102_0304))
        #expect(try ShortConverter().toConnectData(topic: "t", value: [0x80, 0]).value == .int16(Int16.min))
        #expect(try FloatConverter().toConnectData(topic: "t", value: [0xC0, 0x20, 0, 0]) == SchemaAndValue(schema: .optionalFloat32, value: .float32(-2.5)))
        #expect(try DoubleConverter().toConnectData(topic: "t", value: [0x3F, 0xF0, 0, 0, 0, 0, 0, 0]).value == .float64(1))
        #expect(try BooleanConverter().toConnectData(topic: "t", value: [0]) == SchemaAndValue(schema: .optionalBoolean, value: .boolean(false)))
        #expect(try LongConverter().toConnectData(topic: "t", value: nil) == SchemaAndValue(schema: .optionalInt64, value: .null))
        #expect(try LongConverter().fromConnectData(topic: "t", schema: nil, value: .null) == nil)
    }

    @Test func numberConverterErrors() {
        #expect(throws: ConnectError.dataException("Failed to serialize to long (was class java.lang.Integer)")) {
            try LongConverter().fromConnectData(topic: "t", schema: nil, value: .int32(1))
        }
        #expect(throws: ConnectError.dataException("Failed to deserialize long: Size of data received by LongDeserializer is not 8")) {
            try LongConverter().toConnectData(topic: "t", value: [1, 2])
        }
        #expect(throws: ConnectError.dataException("Failed to deserialize float: Size of data received by Deserializer is not 4")) {
            try FloatConverter().toConnectData(topic: "t", value: [1])
        }
        #expect(throws: ConnectError.dataException("Failed to deserialize boolean: Unexpected byte received by BooleanDeserializer: 2")) {
            try BooleanConverter().toConnectData(topic: "t", value: [2])
        }
        #expect(throws: ConnectError.dataException("Invalid schema type for BooleanConverter: STRING")) {
            try BooleanConverter().fromConnectData(topic: "t", schema: .string, value: .string("x"))
        }
    }

    @Test func everyConverterIsRegisteredUnderKafkasClassName() throws {
        let registry = PluginRegistry.builtin
        let names = ["org.apache.kafka.connect.json.JsonConverter", "org.apache.kafka.connect.storage.StringConverter",
                     "org.apache.kafka.connect.converters.ByteArrayConverter", "org.apache.kafka.connect.converters.LongConverter",
                     "org.apache.kafka.connect.converters.IntegerConverter", "org.apache.kafka.connect.converters.ShortConverter",
                     "org.apache.kafka.connect.converters.FloatConverter", "org.apache.kafka.connect.converters.DoubleConverter",
                     "org.apache.kafka.connect.converters.BooleanConverter"]
        for name in names {
            #expect(registry.converter(name) != nil, "\(name)")
            #expect(registry.headerConverter(name) != nil, "\(name)")
        }
        #expect(registry.headerConverter("org.apache.kafka.connect.storage.SimpleHeaderConverter") != nil)
        let json = try #require(registry.converter("org.apache.kafka.connect.json.JsonConverter")).make(["schemas.enable": "false"], false)
        #expect(try json.fromConnectData(topic: "t", headers: [], schema: .string, value: .string("foo")) == Array("\"foo\"".utf8))
        let string = try #require(registry.converter("StringConverter")).make([:], true)
        #expect(string is StringConverter)
    }
}
