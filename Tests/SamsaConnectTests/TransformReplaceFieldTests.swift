import Testing
@testable import SamsaConnect

/// ReplaceField, following Kafka 3.8's ReplaceFieldTest (tombstone, schemaless, withSchema, include/exclude).
@Suite struct TransformReplaceFieldTests {
    @Test func schemalessExcludeIncludeAndRename() throws {
        let xform = try TransformFixtures.configured(ReplaceField(part: .value),
                                                     ["exclude": "dont", "renames": "abc:xyz,foo:bar"])
        let value = TransformFixtures.map(["dont": .string("whatever"), "abc": .int32(42), "foo": .boolean(true), "etc": .string("etc")])
        let out = try #require(try xform.apply(TransformFixtures.sinkRecord(valueSchema: nil, value: value)))
        #expect(out.value == TransformFixtures.map(["xyz": .int32(42), "bar": .boolean(true), "etc": .string("etc")]))
    }

    @Test func structKeepsIncludedFieldsRenamed() throws {
        let xform = try TransformFixtures.configured(ReplaceField(part: .value),
                                                     ["include": "abc,foo", "renames": "abc:xyz,foo:bar"])
        let schema = SchemaBuilder.struct().name("n").field("dont", .string).field("abc", .int32).field("foo", .boolean).field("etc", .string).build()
        let value = ConnectStruct(schema: schema, values: [.string("whatever"), .int32(42), .boolean(true), .string("etc")])
        let out = try #require(try xform.apply(TransformFixtures.sinkRecord(valueSchema: schema, value: .structure(value))))
        let s = try #require(out.valueSchema)
        #expect(s.name == "n")
        #expect(s.fields.map(\.name) == ["xyz", "bar"])
        #expect(s.field("xyz")?.schema == ConnectSchema.int32)
        #expect(out.value["xyz"] == .int32(42) && out.value["bar"] == .boolean(true))
    }

    @Test func deprecatedNamesStillWork() throws {
        let xform = try TransformFixtures.configured(ReplaceField(part: .key), ["blacklist": "b", "whitelist": "a,b"])
        let out = try #require(try xform.apply(TransformFixtures.sourceRecord(key: TransformFixtures.map(["a": .int8(1), "b": .int8(2), "c": .int8(3)]),
                                                                             valueSchema: nil, value: .null)))
        #expect(out.key == TransformFixtures.map(["a": .int8(1)]))
    }

    @Test func tombstoneAndBadRename() throws {
        let xform = try TransformFixtures.configured(ReplaceField(part: .value), ["exclude": "x"])
        let tombstone = TransformFixtures.sinkRecord(valueSchema: nil, value: .null)
        #expect(try xform.apply(tombstone) == tombstone)
        #expect(TransformFixtures.message { try ReplaceField(part: .value).configure(["renames": "a:b,c"]) }
            == "Invalid value [a:b, c] for configuration renames: Invalid rename mapping: c")
    }
}
