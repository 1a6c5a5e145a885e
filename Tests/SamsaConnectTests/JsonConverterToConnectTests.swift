import Testing
@testable import SamsaConnect

/// toConnectData against the inputs and expectations of Kafka 3.8's JsonConverterTest.java (`*ToConnect`).
@Suite struct JsonConverterToConnectTests {
    func read(_ json: String, _ config: JsonConverterConfig = .init()) throws -> SchemaAndValue {
        try JsonConverter(config: config).toConnectData(topic: "topic", value: Array(json.utf8))
    }

    @Test func primitivesWithSchemas() throws {
        #expect(try read(#"{ "schema": { "type": "boolean" }, "payload": true }"#) == SchemaAndValue(schema: .boolean, value: .boolean(true)))
        #expect(try read(#"{ "schema": { "type": "int8" }, "payload": 12 }"#) == SchemaAndValue(schema: .int8, value: .int8(12)))
        #expect(try read(#"{ "schema": { "type": "int16" }, "payload": 12 }"#) == SchemaAndValue(schema: .int16, value: .int16(12)))
        #expect(try read(#"{ "schema": { "type": "int32" }, "payload": 12 }"#) == SchemaAndValue(schema: .int32, value: .int32(12)))
        #expect(try read(#"{ "schema": { "type": "int64" }, "payload": 4398046511104 }"#) == SchemaAndValue(schema: .int64, value: .int64(4_398_046_511_104)))
        #expect(try read(#"{ "schema": { "type": "float" }, "payload": 12.34 }"#) == SchemaAndValue(schema: .float32, value: .float32(12.34)))
        #expect(try read(#"{ "schema": { "type": "double" }, "payload": 12.34 }"#) == SchemaAndValue(schema: .float64, value: .float64(12.34)))
        #expect(try read(#"{ "schema": { "type": "string" }, "payload": "foo-bar-baz" }"#) == SchemaAndValue(schema: .string, value: .string("foo-bar-baz")))
        #expect(try read(#"{ "schema": { "type": "bytes" }, "payload": "dGVzdC1zdHJpbmc=" }"#).value == .bytes(Array("test-string".utf8)))
    }

    @Test func numbersWithLeadingZeros() throws {
        // JsonConverterTest.numberWithLeadingZerosToConnect (Kafka enables ALLOW_LEADING_ZEROS_FOR_NUMBERS).
        #expect(try read(#"{ "schema": { "type": "int8" }, "payload": 0012 }"#).value == .int8(12))
        #expect(try read(#"{ "schema": { "type": "int64" }, "payload": 00000123456789 }"#).value == .int64(123_456_789))
    }

    @Test func schemaMetadata() throws {
        // JsonConverterTest.testConnectSchemaMetadataTranslation.
        #expect(try read(#"{ "schema": { "type": "boolean", "optional": true }, "payload": null }"#) == SchemaAndValue(schema: .optionalBoolean, value: .null))
        let withDefault = SchemaBuilder(type: .boolean).defaultValue(.boolean(true)).build()
        #expect(try read(#"{ "schema": { "type": "boolean", "default": true }, "payload": null }"#) == SchemaAndValue(schema: withDefault, value: .boolean(true)))
        let full = SchemaBuilder(type: .boolean).name("bool").version(2).doc("the documentation").parameter("foo", "bar").build()
        #expect(try read(#"{ "schema": { "type": "boolean", "optional": false, "name": "bool", "version": 2, "doc": "the documentation", "parameters": { "foo": "bar" }}, "payload": true }"#) == SchemaAndValue(schema: full, value: .boolean(true)))
    }

    @Test func arraysMapsAndStructs() throws {
        #expect(try read(#"{ "schema": { "type": "array", "items": { "type" : "int32" } }, "payload": [1, 2, 3] }"#)
            == SchemaAndValue(schema: SchemaBuilder.array(.int32).build(), value: .array([.int32(1), .int32(2), .int32(3)])))
        #expect(try read(#"{ "schema": { "type": "map", "keys": { "type" : "string" }, "values": { "type" : "int32" } }, "payload": { "key1": 12, "key2": 15} }"#).value
            == .map([.init(key: .string("key1"), value: .int32(12)), .init(key: .string("key2"), value: .int32(15))]))
        #expect(try read(#"{ "schema": { "type": "map", "keys": { "type" : "int32" }, "values": { "type" : "int32" } }, "payload": [ [1, 12], [2, 15] ] }"#).value
            == .map([.init(key: .int32(1), value: .int32(12)), .init(key: .int32(2), value: .int32(15))]))
        let structSchema = SchemaBuilder.struct().field("field1", .boolean).field("field2", .string).build()
        #expect(try read(#"{ "schema": { "type": "struct", "fields": [{ "field": "field1", "type": "boolean" }, { "field": "field2", "type": "string" }] }, "payload": { "field1": true, "field2": "string" } }"#)
            == SchemaAndValue(schema: structSchema, value: .structure(ConnectStruct(schema: structSchema, values: [.boolean(true), .string("string")]))))
        // JsonConverterTest.structWithOptionalFieldToConnect: a missing optional field is null.
        let optional = try read(#"{ "schema": { "type": "struct", "fields": [{ "field":"optional", "type": "string", "optional": true }, {  "field": "required", "type": "string" }] }, "payload": { "required": "required" } }"#)
        #expect(optional.value.structValue?.values == [.null, .string("required")])
    }

    @Test func nullsAndTombstones() throws {
        // JsonConverterTest.nullToConnect, emptyBytesToConnect, nullSchemaPrimitiveToConnect.
        #expect(try JsonConverter(config: .init()).toConnectData(topic: "t", value: nil) == .null)
        #expect(try JsonConverter(config: .init(schemasEnabled: false)).toConnectData(topic: "t", value: []) == .null)
        #expect(try read(#"{ "schema": null, "payload": null }"#) == .null)
        #expect(try read(#"{ "schema": null, "payload": 12 }"#) == SchemaAndValue(schema: nil, value: .int64(12)))
        #expect(try read(#"{ "schema": null, "payload": 12.24 }"#) == SchemaAndValue(schema: nil, value: .float64(12.24)))
        #expect(try read(#"{ "schema": null, "payload": [1, "2", 3] }"#).value == .array([.int64(1), .string("2"), .int64(3)]))
    }

    @Test func schemalessJsonIsInferredAsKafkaDoes() throws {
        let off = JsonConverterConfig(schemasEnabled: false)
        // JsonConverterTest.noSchemaToConnect and schemalessWithEmptyFieldValueToConnect.
        #expect(try read("true", off) == SchemaAndValue(schema: nil, value: .boolean(true)))
        #expect(try read(#"{ "a": "", "b": null}"#, off).value == .map([.init(key: .string("a"), value: .string("")), .init(key: .string("b"), value: .null)]))
        #expect(try read(#"{"n":1,"f":1.5,"l":[{"x":false}]}"#, off).value == .map([
            .init(key: .string("n"), value: .int64(1)), .init(key: .string("f"), value: .float64(1.5)),
            .init(key: .string("l"), value: .array([.map([.init(key: .string("x"), value: .boolean(false))])])),
        ]))
    }

    @Test func decimalsAndTemporalTypes() throws {
        let header = #"{ "schema": { "type": "bytes", "name": "org.apache.kafka.connect.data.Decimal", "version": 1, "parameters": { "scale": "#
        // JsonConverterTest.decimalToConnect / numericDecimalToConnect / numericDecimalWithTrailingZerosToConnect /
        // highPrecisionNumericDecimalToConnect (1.23456789123456789 at scale 17 stays exact).
        #expect(try read(header + #""2" } }, "payload": "AJw=" }"#).value == .bytes([0x00, 0x9C]))
        #expect(try read(header + #""2" } }, "payload": 1.56 }"#).value == .bytes([0x00, 0x9C]))
        #expect(try read(header + #""4" } }, "payload": 1.5600 }"#).value == .bytes([0x3C, 0xF0]))
        let high = try read(header + #""17" } }, "payload": 1.23456789123456789 }"#)
        guard case .bytes(let unscaled) = high.value else { Issue.record("not bytes"); return }
        #expect(DecimalText.string(unscaled: unscaled, scale: 17) == "1.23456789123456789")
        // JsonConverterTest.decimalToConnectWithDefaultValue.
        #expect(try read(header + #""2" }, "default": "AJw=" }, "payload": null }"#).value == .bytes([0x00, 0x9C]))
        // dateToConnect / timeToConnect / timestampToConnect.
        #expect(try read(#"{ "schema": { "type": "int32", "name": "org.apache.kafka.connect.data.Date", "version": 1 }, "payload": 10000 }"#).value == .int32(10000))
        #expect(try read(#"{ "schema": { "type": "int32", "name": "org.apache.kafka.connect.data.Time", "version": 1 }, "payload": 14400000 }"#).value == .int32(14_400_000))
        #expect(try read(#"{ "schema": { "type": "int64", "name": "org.apache.kafka.connect.data.Timestamp", "version": 1 }, "payload": 4000000000 }"#).value == .int64(4_000_000_000))
    }

    @Test func nullFieldsWithDefaults() throws {
        // JsonConverterTest.deserializeFieldNullToDefault / deserializeNullToNull.
        let value = #"{"schema":{"type":"struct","fields":[{"field":"field1","type":"string","optional":true,"default":"default"}],"optional":false},"payload":{"field1":null}}"#
        #expect(try read(value).value.structValue?["field1"] == .string("default"))
        // deserializeFieldNullToNull: the struct keeps the null (getWithoutDefault); Kafka's get still gives the default.
        let kept = try #require(try read(value, .init(replaceNullWithDefault: false)).value.structValue)
        #expect(kept.rawValue("field1") == .null)
        #expect(kept["field1"] == .string("default"))
        let top = #"{"schema":{"type":"string","optional":true,"default":"default"},"payload":null}"#
        #expect(try read(top).value == .string("default"))
        #expect(try read(top, .init(replaceNullWithDefault: false)).value == .null)
    }

    @Test func malformedInputIsOneSentence() {
        #expect(throws: ConnectError.dataException(JsonConverter.envelopeError)) { try read(#"{"payload":1}"#) }
        #expect(throws: ConnectError.dataException(JsonConverter.envelopeError)) { try read(#"{"schema":null,"payload":1,"extra":2}"#) }
        #expect(throws: ConnectError.dataException(JsonConverter.envelopeError)) { try read("[1]") }
        #expect(throws: ConnectError.dataException(JsonConverter.envelopeError)) { try read("") }
        #expect(JsonConverter.envelopeError == "JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and may not contain additional fields. If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.")
        #expect(throws: ConnectError.dataException("Converting byte[] to Kafka Connect data failed due to serialization error: Malformed JSON at byte 11: unexpected 'x' after the end of the value.")) {
            try read(#"{"a":true} x"#, .init(schemasEnabled: false))
        }
        #expect(throws: ConnectError.dataException("Invalid null value for required INT32 field")) {
            try read(#"{"schema":{"type":"int32"},"payload":null}"#)
        }
        #expect(throws: ConnectError.dataException("Unknown schema type: uuid")) { try read(#"{"schema":{"type":"uuid"},"payload":1}"#) }
        #expect(throws: ConnectError.dataException("Schema must contain 'type' field")) { try read(#"{"schema":{},"payload":1}"#) }
        #expect(throws: ConnectError.dataException("Array schema did not specify the element type")) { try read(#"{"schema":{"type":"array"},"payload":[]}"#) }
        #expect(throws: ConnectError.dataException("Maps with string fields should be encoded as JSON objects, but found ARRAY")) {
            try read(#"{"schema":{"type":"map","keys":{"type":"string"},"values":{"type":"int32"}},"payload":[]}"#)
        }
        #expect(throws: ConnectError.dataException("Structs should be encoded as JSON objects, but found NUMBER")) {
            try read(#"{"schema":{"type":"struct","fields":[]},"payload":3}"#)
        }
    }
}
