import Testing
@testable import SamsaConnect

/// Cast: Java's narrowing and parsing rules, whole-value and field casts, hand-computed expectations
/// (Kafka 3.8's CastTest covers the same cases: castWholeRecordValueWithSchema*, castFieldsWithSchema,
/// castFieldsSchemaless, castWholeRecordKeySchemaless, testConfig*).
@Suite struct TransformCastTests {
    func cast(_ spec: String, _ value: ConnectValue, schema: ConnectSchema?) throws -> ConnectRecord? {
        let xform = try TransformFixtures.configured(Cast(part: .value), ["spec": spec])
        return try xform.apply(TransformFixtures.sinkRecord(valueSchema: schema, value: value))
    }

    @Test func wholeValueWithSchemaFollowsJava() throws {
        #expect(try cast("int8", .int32(42), schema: .int32)?.value == .int8(42))
        #expect(try cast("int8", .int64(300), schema: .int64)?.value == .int8(44))       // (byte) 300
        #expect(try cast("int8", .float64(42.9), schema: .float64)?.value == .int8(42))  // (byte)(int) 42.9
        #expect(try cast("int32", .float64(1e20), schema: .float64)?.value == .int32(Int32.max)) // saturates
        #expect(try cast("int64", .boolean(true), schema: .boolean)?.value == .int64(1))
        #expect(try cast("boolean", .float32(0.5), schema: .float32)?.value == .boolean(false)) // longValue() == 0
        #expect(try cast("boolean", .string("TRUE"), schema: .string)?.value == .boolean(true))
        #expect(try cast("boolean", .string("yes"), schema: .string)?.value == .boolean(false))
        #expect(try cast("float64", .string(" 4.25 "), schema: .string)?.value == .float64(4.25))
        let out = try #require(try cast("string", .int32(42), schema: .optionalInt32))
        #expect(out.value == .string("42"))
        #expect(out.valueSchema == ConnectSchema.optionalString)
    }

    @Test func numbersBecomeJavasStrings() throws {
        #expect(try cast("string", .float64(1e10), schema: .float64)?.value == .string("1.0E10"))
        #expect(try cast("string", .float64(1e-5), schema: .float64)?.value == .string("1.0E-5"))
        #expect(try cast("string", .float64(12345678.9), schema: .float64)?.value == .string("1.23456789E7"))
        #expect(try cast("string", .float64(1234567.0), schema: .float64)?.value == .string("1234567.0"))
        #expect(try cast("string", .float64(0.001), schema: .float64)?.value == .string("0.001"))
        #expect(try cast("string", .float32(1.5), schema: .float32)?.value == .string("1.5"))
        #expect(try cast("string", .float64(-100), schema: .float64)?.value == .string("-100.0"))
        #expect(try cast("string", .bytes([1, 2, 3]), schema: .bytes)?.value == .string("AQID"))
        #expect(try cast("string", .boolean(false), schema: nil)?.value == .string("false"))
    }

    @Test func logicalTypesToString() throws {
        let ts = ConnectSchema(type: .int64, name: ConnectSchema.Logical.timestamp, version: 1)
        #expect(try cast("string", .int64(1_483_425_001_864), schema: ts)?.value == .string("2017-01-03T06:30:01.864Z"))
        let date = ConnectSchema(type: .int32, name: ConnectSchema.Logical.date, version: 1)
        #expect(try cast("string", .int32(17169), schema: date)?.value == .string("2017-01-03"))
        let decimal = ConnectSchema(type: .bytes, name: ConnectSchema.Logical.decimal, version: 1, parameters: ["scale": "2"])
        #expect(try cast("string", .bytes([0x30, 0x39]), schema: decimal)?.value == .string("123.45"))
        #expect(try cast("float64", .bytes([0x30, 0x39]), schema: decimal)?.value == .float64(123.45))
        #expect(try cast("int32", .bytes([0x30, 0x39]), schema: decimal)?.value == .int32(123))
        #expect(try cast("int64", .int64(1_483_425_001_864), schema: ts)?.value == .int64(1_483_425_001_864))
    }

    @Test func structFieldsKeepOptionalityAndDefaults() throws {
        let schema = SchemaBuilder.struct().name("rec")
            .field("a", .int32)
            .field("b", SchemaBuilder(type: .string).optional().defaultValue(.string("7")).build())
            .field("c", .boolean).build()
        let value = ConnectStruct(schema: schema, values: [.int32(1), .string("12"), .boolean(true)])
        let out = try #require(try cast("a:string,b:int16", .structure(value), schema: schema))
        let s = try #require(out.valueSchema)
        #expect(s.name == "rec")
        #expect(s.field("a")?.schema == ConnectSchema.string)
        #expect(s.field("b")?.schema == ConnectSchema(type: .int16, optional: true, defaultValue: .int16(7)))
        #expect(s.field("c")?.schema == ConnectSchema.boolean)
        #expect(out.value["a"] == .string("1") && out.value["b"] == .int16(12) && out.value["c"] == .boolean(true))
    }

    /// Kafka's CastTest.castFieldsWithSchema, value for value.
    @Test func kafkasCastFieldsWithSchema() throws {
        let date = ConnectSchema(type: .int32, name: ConnectSchema.Logical.date, version: 1)
        let ts = ConnectSchema(type: .int64, name: ConnectSchema.Logical.timestamp, version: 1)
        let decimal = ConnectSchema(type: .bytes, name: ConnectSchema.Logical.decimal, version: 1, parameters: ["scale": "0"])
        let schema = SchemaBuilder.struct()
            .field("int8", .int8).field("int16", .optionalInt16)
            .field("int32", SchemaBuilder(type: .int32).defaultValue(.int32(2)).build()).field("int64", .int64)
            .field("float32", .float32).field("float64", SchemaBuilder(type: .float64).defaultValue(.float64(-1.125)).build())
            .field("boolean", .boolean).field("string", .string).field("bigdecimal", decimal).field("date", date)
            .field("optional", .optionalFloat32).field("timestamp", ts).field("bytes", .bytes).build()
        let value = ConnectStruct(schema: schema, values: [
            .int8(8), .int16(16), .int32(32), .int64(64), .float32(32), .float64(-64), .boolean(true), .string("42"),
            .bytes([42]), .int32(1), .null, .int64(0), .bytes([0xFE, 0xDC, 0xBA, 0x98, 0x76, 0x54, 0x32, 0x10]),
        ])
        let spec = "int8:int16,int16:int32,int32:int64,int64:boolean,float32:float64,float64:boolean,boolean:int8,string:int32,bigdecimal:string,date:string,optional:int32,bytes:string"
        let out = try #require(try cast(spec, .structure(value), schema: schema))
        let s = try #require(out.valueSchema)
        #expect(out.value["int8"] == .int16(8) && s.field("int8")?.schema == ConnectSchema.int16)
        #expect(out.value["int16"] == .int32(16) && s.field("int16")?.schema == ConnectSchema.optionalInt32)
        #expect(out.value["int32"] == .int64(32) && s.field("int32")?.schema.defaultValue == .int64(2))
        #expect(out.value["int64"] == .boolean(true) && out.value["float32"] == .float64(32))
        #expect(out.value["float64"] == .boolean(true) && s.field("float64")?.schema.defaultValue == .boolean(true))
        #expect(out.value["boolean"] == .int8(1) && out.value["string"] == .int32(42))
        #expect(out.value["bigdecimal"] == .string("42") && out.value["date"] == .string("1970-01-02"))
        #expect(out.value["optional"] == .null && s.field("optional")?.schema == ConnectSchema.optionalInt32)
        #expect(out.value["timestamp"] == .int64(0) && s.field("timestamp")?.schema == ts)
        #expect(out.value["bytes"] == .string("/ty6mHZUMhA="))
    }

    @Test func schemalessFieldsAndKey() throws {
        let out = try #require(try cast("a:int64,b:float32", TransformFixtures.map(["a": .string("42"), "b": .int32(3), "c": .string("x")]), schema: nil))
        #expect(out.value == TransformFixtures.map(["a": .int64(42), "b": .float32(3), "c": .string("x")]))
        let key = try TransformFixtures.configured(Cast(part: .key), ["spec": "int32"])
        let rec = try #require(try key.apply(TransformFixtures.sinkRecord(key: .int64(42), valueSchema: nil, value: .string("v"))))
        #expect(rec.key == .int32(42) && rec.keySchema == nil && rec.value == .string("v"))
    }

    @Test func badValuesAndSpecsGiveKafkasSentences() throws {
        #expect(TransformFixtures.message { _ = try cast("int32", .string("4.2"), schema: .string) }
            == "Value (4.2) was out of range for requested data type")
        #expect(TransformFixtures.message { _ = try cast("int32", .array([]), schema: SchemaBuilder.array(.int32).build()) }
            == "Cast transformation does not support casting from ARRAY; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES]")
        #expect(TransformFixtures.message { _ = try cast("int32", .bytes([1]), schema: .bytes) }
            == "Unexpected type in Cast transformation: class [B")
        #expect(TransformFixtures.message { _ = try cast("foo:bar", .null, schema: nil) } == "Invalid type found in casting spec: bar")
        #expect(TransformFixtures.message { _ = try cast("foo:array", .null, schema: nil) }
            == "Cast transformation does not support casting to ARRAY; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING]")
        #expect(TransformFixtures.message { _ = try cast("int8,foo:int16", .null, schema: nil) }
            == "Cast transformations that specify a type to cast the entire value to may only specify a single cast in their spec")
        #expect(TransformFixtures.message { _ = try cast("", .null, schema: nil) } == "Must specify at least one field to cast.")
        #expect(TransformFixtures.message { try Cast(part: .value).configure([:]) } == "Missing required configuration \"spec\" which has no default value.")
    }
}
