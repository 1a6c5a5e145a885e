import Testing
@testable import SamsaConnect

/// ValueToKey, ExtractField, HoistField, SetSchemaMetadata and Filter, following Kafka 3.8's ValueToKeyTest,
/// ExtractFieldTest, HoistFieldTest and SetSchemaMetadataTest.
@Suite struct TransformFieldMovesTests {
    static let schema = SchemaBuilder.struct().field("a", .int32).field("b", .int32).field("c", .int32).build()
    static let value = ConnectStruct(schema: schema, values: [.int32(1), .int32(2), .int32(3)])

    @Test func valueToKeyWithAndWithoutSchema() throws {
        let xform = try TransformFixtures.configured(ValueToKey(), ["fields": "a,b"])
        let out = try #require(try xform.apply(TransformFixtures.sinkRecord(valueSchema: Self.schema, value: .structure(Self.value))))
        #expect(out.keySchema == SchemaBuilder.struct().field("a", .int32).field("b", .int32).build())
        #expect(out.key["a"] == .int32(1) && out.key["b"] == .int32(2))
        #expect(out.value == .structure(Self.value))
        let schemaless = try #require(try xform.apply(TransformFixtures.sinkRecord(valueSchema: nil, value: TransformFixtures.map(["a": .int32(1), "b": .int32(2), "c": .int32(3)]))))
        #expect(schemaless.key == TransformFixtures.map(["a": .int32(1), "b": .int32(2)]) && schemaless.keySchema == nil)
        let missing = try TransformFixtures.configured(ValueToKey(), ["fields": "not_exist"])
        #expect(TransformFixtures.message { _ = try missing.apply(TransformFixtures.sinkRecord(valueSchema: Self.schema, value: .structure(Self.value))) }
            == "Field does not exist: not_exist")
    }

    @Test func extractFieldTopLevelAndNested() throws {
        let key = try TransformFixtures.configured(ExtractField(part: .key), ["field": "magic"])
        let keySchema = SchemaBuilder.struct().field("magic", .int32).build()
        let out = try #require(try key.apply(TransformFixtures.sinkRecord(keySchema: keySchema, key: .structure(ConnectStruct(schema: keySchema, values: [.int32(42)])),
                                                                         valueSchema: nil, value: .null)))
        #expect(out.keySchema == ConnectSchema.int32 && out.key == .int32(42))
        let schemaless = try #require(try key.apply(TransformFixtures.sinkRecord(key: TransformFixtures.map(["magic": .int32(42)]), valueSchema: nil, value: .null)))
        #expect(schemaless.key == .int32(42))
        #expect(try key.apply(TransformFixtures.sinkRecord(key: .null, valueSchema: nil, value: .null))?.key == .null)
        #expect(TransformFixtures.message { _ = try key.apply(TransformFixtures.sinkRecord(keySchema: Self.schema, key: .structure(Self.value), valueSchema: nil, value: .null)) }
            == "Unknown field: magic")

        let nested = try TransformFixtures.configured(ExtractField(part: .value), ["field": "`x.y`.z", "field.syntax.version": "v2"])
        let inner = TransformFixtures.map(["z": .string("deep")])
        #expect(try nested.apply(TransformFixtures.sinkRecord(valueSchema: nil, value: TransformFixtures.map(["x.y": inner])))?.value == .string("deep"))
        #expect(TransformFixtures.message { try ExtractField(part: .value).configure(["field": "`a.b", "field.syntax.version": "V2"]) }
            == "Incomplete backtick pair in path: [`a.b], consider adding a backslash before backtick at position 0 to escape it")
        #expect(TransformFixtures.message { try ExtractField(part: .value).configure(["field": "a", "field.syntax.version": "V3"]) }
            == "Invalid value V3 for configuration field.syntax.version: String must be one of (case insensitive): V1, V2")
    }

    @Test func hoistFieldWrapsValue() throws {
        let xform = try TransformFixtures.configured(HoistField(part: .value), ["field": "magic"])
        let out = try #require(try xform.apply(TransformFixtures.sinkRecord(valueSchema: .int32, value: .int32(42))))
        #expect(out.valueSchema == SchemaBuilder.struct().field("magic", .int32).build())
        #expect(out.value["magic"] == .int32(42))
        #expect(try xform.apply(TransformFixtures.sinkRecord(valueSchema: nil, value: .int32(42)))?.value == TransformFixtures.map(["magic": .int32(42)]))
    }

    @Test func setSchemaMetadataRenamesAndVersions() throws {
        let xform = try TransformFixtures.configured(SetSchemaMetadata(part: .value), ["schema.name": "foo", "schema.version": "42"])
        let out = try #require(try xform.apply(TransformFixtures.sinkRecord(valueSchema: Self.schema, value: .structure(Self.value))))
        #expect(out.valueSchema?.name == "foo" && out.valueSchema?.version == 42)
        #expect(out.value.structValue?.schema.name == "foo" && out.value["b"] == .int32(2))
        #expect(TransformFixtures.message { try SetSchemaMetadata(part: .value).configure([:]) } == "Neither schema name nor version configured")
        #expect(TransformFixtures.message { try SetSchemaMetadata(part: .value).configure(["schema.version": "x"]) }
            == "Invalid value x for configuration schema.version: Not a number of type INT")
        #expect(TransformFixtures.message { _ = try xform.apply(TransformFixtures.sinkRecord(valueSchema: nil, value: .int32(1))) }
            == "Schema required for [updating schema metadata]")
    }

    @Test func filterDropsEverything() throws {
        #expect(try Filter().apply(TransformFixtures.sinkRecord(valueSchema: nil, value: .int32(1))) == nil)
    }
}
