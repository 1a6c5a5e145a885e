import Testing
@testable import SamsaConnect

/// JsonConverter output against Kafka's documented envelopes. Exact bytes come from Kafka's quick start
/// (docs/quickstart.html, STEP 6) and from the trees in Kafka 3.8's JsonConverterTest.java, laid out in the
/// order Jackson writes them (the insertion order of JsonConverter.asJsonSchema / convertToJson).
@Suite struct JsonConverterTests {
    let converter = JsonConverter(config: .init())

    func text(_ schema: ConnectSchema?, _ value: ConnectValue, _ config: JsonConverterConfig = .init()) throws -> String? {
        try JsonConverter(config: config).fromConnectData(topic: "topic", schema: schema, value: value)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func stringEnvelopeIsTheQuickStartLine() throws {
        // docs/quickstart.html: {"schema":{"type":"string","optional":false},"payload":"foo"}
        #expect(try text(.string, .string("foo")) == #"{"schema":{"type":"string","optional":false},"payload":"foo"}"#)
        #expect(try text(.string, .string("bar")) == #"{"schema":{"type":"string","optional":false},"payload":"bar"}"#)
    }

    @Test func int64Envelope() throws {
        // JsonConverterTest.longToJson: schema { "type": "int64", "optional": false }, payload 4398046511104.
        #expect(try text(.int64, .int64(4_398_046_511_104)) == #"{"schema":{"type":"int64","optional":false},"payload":4398046511104}"#)
    }

    @Test func structEnvelope() throws {
        // JsonConverterTest.structToJson.
        let schema = SchemaBuilder.struct().field("field1", .boolean).field("field2", .string).field("field3", .string)
            .field("field4", .boolean).build()
        let value = ConnectStruct(schema: schema, values: [.boolean(true), .string("string2"), .string("string3"), .boolean(false)])
        let out = try #require(try text(schema, .structure(value)))
        #expect(out == #"{"schema":{"type":"struct","fields":[{"type":"boolean","optional":false,"field":"field1"},{"type":"string","optional":false,"field":"field2"},{"type":"string","optional":false,"field":"field3"},{"type":"boolean","optional":false,"field":"field4"}],"optional":false},"payload":{"field1":true,"field2":"string2","field3":"string3","field4":false}}"#)
        // The same tree as Kafka's expectation (Jackson's ObjectNode equality ignores member order).
        let kafka = try JSONValue.parse(#"{ "type": "struct", "optional": false, "fields": [{ "field": "field1", "type": "boolean", "optional": false }, { "field": "field2", "type": "string", "optional": false }, { "field": "field3", "type": "string", "optional": false }, { "field": "field4", "type": "boolean", "optional": false }] }"#)
        #expect(try JSONValue.parse(out)["schema"].map(sortedKeys) == sortedKeys(kafka))
    }

    @Test func namedStructWithOptionalFieldsAndMetadata() throws {
        let schema = SchemaBuilder.struct().name("com.example.User").version(2).doc("a user")
            .field("id", .int64).field("email", .optionalString).build()
        let value = ConnectStruct(schema: schema, values: [.int64(7), .null])
        #expect(try text(schema, .structure(value)) == #"{"schema":{"type":"struct","fields":[{"type":"int64","optional":false,"field":"id"},{"type":"string","optional":true,"field":"email"}],"optional":false,"name":"com.example.User","version":2,"doc":"a user"},"payload":{"id":7,"email":null}}"#)
    }

    @Test func nullIsATombstoneWithOrWithoutSchemas() throws {
        // JsonConverterTest.nullSchemaAndNullValueToJson / nullValueToJson: null schema + null value → null bytes.
        #expect(try text(nil, .null) == nil)
        #expect(try text(nil, .null, .init(schemasEnabled: false)) == nil)
        // An optional schema with a null value keeps its envelope.
        #expect(try text(.optionalString, .null) == #"{"schema":{"type":"string","optional":true},"payload":null}"#)
        #expect(try text(.optionalString, .null, .init(schemasEnabled: false)) == "null")
    }

    @Test func nullWithDefaultFollowsReplaceNullWithDefault() throws {
        // JsonConverterTest.serializeNullToDefault / serializeNullToNull.
        let schema = SchemaBuilder(type: .string).optional().defaultValue(.string("default")).build()
        #expect(try text(schema, .null) == #"{"schema":{"type":"string","optional":true,"default":"default"},"payload":"default"}"#)
        #expect(try text(schema, .null, .init(replaceNullWithDefault: false)) == #"{"schema":{"type":"string","optional":true,"default":"default"},"payload":null}"#)
    }

    @Test func nullFieldWithDefaultFollowsReplaceNullWithDefault() throws {
        // JsonConverterTest.serializeFieldNullToDefault / serializeFieldNullToNull (the field explicitly null).
        let field = SchemaBuilder(type: .string).optional().defaultValue(.string("default")).build()
        let schema = SchemaBuilder.struct().field("field1", field).build()
        let value = ConnectValue.structure(ConnectStruct(schema: schema, values: [.null]))
        let schemaText = #"{"type":"struct","fields":[{"type":"string","optional":true,"default":"default","field":"field1"}],"optional":false}"#
        #expect(try text(schema, value) == #"{"schema":"# + schemaText + #","payload":{"field1":"default"}}"#)
        #expect(try text(schema, value, .init(replaceNullWithDefault: false)) == #"{"schema":"# + schemaText + #","payload":{"field1":null}}"#)
    }

    @Test func unsetFieldWithDefaultFollowsReplaceNullWithDefault() throws {
        // JsonConverterTest.serializeFieldNullToNull exactly: `new Struct(schema)` with field1 never put.
        let field = SchemaBuilder(type: .string).optional().defaultValue(.string("default")).build()
        let schema = SchemaBuilder.struct().field("field1", field).build()
        let value = ConnectValue.structure(ConnectStruct(schema: schema))
        #expect(try text(schema, value, .init(replaceNullWithDefault: false)) == #"{"schema":{"type":"struct","fields":[{"type":"string","optional":true,"default":"default","field":"field1"}],"optional":false},"payload":{"field1":null}}"#)
        #expect(try text(schema, value) == #"{"schema":{"type":"struct","fields":[{"type":"string","optional":true,"default":"default","field":"field1"}],"optional":false},"payload":{"field1":"default"}}"#)
    }

    @Test func requiredNullIsKafkasConversionError() {
        #expect(throws: ConnectError.dataException("Conversion error: null value for field that is required and has no default value")) {
            try text(.string, .null)
        }
    }

    @Test func everyPrimitiveSchemaName() throws {
        #expect(try text(.boolean, .boolean(true)) == #"{"schema":{"type":"boolean","optional":false},"payload":true}"#)
        #expect(try text(.int8, .int8(12)) == #"{"schema":{"type":"int8","optional":false},"payload":12}"#)
        #expect(try text(.int16, .int16(12)) == #"{"schema":{"type":"int16","optional":false},"payload":12}"#)
        #expect(try text(.int32, .int32(12)) == #"{"schema":{"type":"int32","optional":false},"payload":12}"#)
        #expect(try text(.float32, .float32(12.34)) == #"{"schema":{"type":"float","optional":false},"payload":12.34}"#)
        #expect(try text(.float64, .float64(12.34)) == #"{"schema":{"type":"double","optional":false},"payload":12.34}"#)
        #expect(try text(.float64, .float64(1e10)) == #"{"schema":{"type":"double","optional":false},"payload":1.0E10}"#)
        // JsonConverterTest.bytesToJson: "test-string" base64.
        #expect(try text(.bytes, .bytes(Array("test-string".utf8))) == #"{"schema":{"type":"bytes","optional":false},"payload":"dGVzdC1zdHJpbmc="}"#)
    }

    @Test func arraysAndMaps() throws {
        // JsonConverterTest.arrayToJson / mapToJsonStringKeys / mapToJsonNonStringKeys.
        let ints = SchemaBuilder.array(.int32).build()
        #expect(try text(ints, .array([.int32(1), .int32(2), .int32(3)])) == #"{"schema":{"type":"array","items":{"type":"int32","optional":false},"optional":false},"payload":[1,2,3]}"#)
        let stringKeyed = SchemaBuilder.map(.string, .int32).build()
        let entries: [ConnectValue.MapEntry] = [.init(key: .string("key1"), value: .int32(12)), .init(key: .string("key2"), value: .int32(15))]
        #expect(try text(stringKeyed, .map(entries)) == #"{"schema":{"type":"map","keys":{"type":"string","optional":false},"values":{"type":"int32","optional":false},"optional":false},"payload":{"key1":12,"key2":15}}"#)
        let intKeyed = SchemaBuilder.map(.int32, .int32).build()
        let pairs: [ConnectValue.MapEntry] = [.init(key: .int32(1), value: .int32(12)), .init(key: .int32(2), value: .int32(15))]
        #expect(try text(intKeyed, .map(pairs)) == #"{"schema":{"type":"map","keys":{"type":"int32","optional":false},"values":{"type":"int32","optional":false},"optional":false},"payload":[[1,12],[2,15]]}"#)
    }

    @Test func logicalTypes() throws {
        // JsonConverterTest.decimalToJson / decimalToNumericJson / decimalWithTrailingZerosToNumericJson.
        let decimal2 = decimalSchema(scale: 2)
        let schemaText = #"{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}}"#
        #expect(try text(decimal2, .bytes([0x00, 0x9C])) == #"{"schema":"# + schemaText + #","payload":"AJw="}"#)
        #expect(try text(decimal2, .bytes([0x00, 0x9C]), .init(decimalFormat: .numeric)) == #"{"schema":"# + schemaText + #","payload":1.56}"#)
        #expect(try text(decimalSchema(scale: 4), .bytes([0x3C, 0xF0]), .init(schemasEnabled: false, decimalFormat: .numeric)) == "1.5600")
        // JsonConverterTest.dateToJson / timeToJson / timestampToJson.
        let date = SchemaBuilder(type: .int32).name(ConnectSchema.Logical.date).version(1).build()
        #expect(try text(date, .int32(10000)) == #"{"schema":{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Date","version":1},"payload":10000}"#)
        let time = SchemaBuilder(type: .int32).name(ConnectSchema.Logical.time).version(1).build()
        #expect(try text(time, .int32(14_400_000), .init(schemasEnabled: false)) == "14400000")
        let timestamp = SchemaBuilder(type: .int64).name(ConnectSchema.Logical.timestamp).version(1).build()
        #expect(try text(timestamp, .int64(4_000_000_000)) == #"{"schema":{"type":"int64","optional":false,"name":"org.apache.kafka.connect.data.Timestamp","version":1},"payload":4000000000}"#)
    }

    @Test func schemalessValuesAreInferred() throws {
        // JsonConverterTest.nullSchemaAndPrimitiveToJson / nullSchemaAndArrayToJson / nullSchemaAndMapToJson.
        #expect(try text(nil, .boolean(true)) == #"{"schema":null,"payload":true}"#)
        #expect(try text(nil, .array([.int32(1), .string("string"), .boolean(true)])) == #"{"schema":null,"payload":[1,"string",true]}"#)
        let map: ConnectValue = .map([.init(key: .string("key1"), value: .int32(12)), .init(key: .string("key2"), value: .string("string"))])
        #expect(try text(nil, map, .init(schemasEnabled: false)) == #"{"key1":12,"key2":"string"}"#)
        let mixed: ConnectValue = .map([.init(key: .string("string"), value: .int32(12)), .init(key: .int32(52), value: .string("string"))])
        #expect(try text(nil, mixed, .init(schemasEnabled: false)) == #"[["string",12],[52,"string"]]"#)
    }

    @Test func mismatchesAreDataExceptions() {
        // JsonConverterTest.mismatchSchemaJson.
        #expect(throws: ConnectError.dataException("Invalid type for FLOAT64: class java.lang.Boolean")) { try text(.float64, .boolean(true)) }
        let a = SchemaBuilder.struct().field("x", .int32).build()
        let b = SchemaBuilder.struct().field("y", .int32).build()
        #expect(throws: ConnectError.dataException("Mismatching schema.")) { try text(a, .structure(ConnectStruct(schema: b, values: [.int32(1)]))) }
    }

    @Test func configErrorsAreKafkas() {
        #expect(throws: ConnectError.config("Invalid value maybe for configuration schemas.enable: Expected value to be either true or false")) {
            try JsonConverter(configs: ["schemas.enable": "maybe"], isKey: false)
        }
        #expect(throws: ConnectError.config("Invalid value octal for configuration decimal.format: String must be one of (case insensitive): BASE64, NUMERIC")) {
            try JsonConverter(configs: ["decimal.format": "octal"], isKey: false)
        }
        let numeric = try? JsonConverter(configs: ["decimal.format": "numeric", "schemas.enable": "FALSE", "schemas.cache.size": "5"], isKey: true)
        #expect(numeric?.config == JsonConverterConfig(schemasEnabled: false, decimalFormat: .numeric))
    }
}

func decimalSchema(scale: Int) -> ConnectSchema {
    SchemaBuilder(type: .bytes).name(ConnectSchema.Logical.decimal).version(1).parameter("scale", String(scale)).build()
}

/// A tree with every object's members sorted by key (Jackson compares ObjectNodes without order).
func sortedKeys(_ json: JSONValue) -> JSONValue {
    switch json {
    case .array(let a): .array(a.map(sortedKeys))
    case .object(let o): .object(JSONObject(o.entries.sorted { $0.key < $1.key }.map { ($0.key, sortedKeys($0.value)) }))
    default: json
    }
}
