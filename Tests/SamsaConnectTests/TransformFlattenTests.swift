import Testing
@testable import SamsaConnect

/// Flatten, following Kafka 3.8's FlattenTest (testNestedStruct, testNestedMapWithDelimiter, optionality from
/// ancestors, arrays untouched).
@Suite struct TransformFlattenTests {
    @Test func nestedStructsBecomeDottedFields() throws {
        let inner = SchemaBuilder.struct().field("int8", .int8).field("string", .string).field("bytes", .bytes).build()
        let outer = SchemaBuilder.struct().name("outer").field("A", SchemaBuilder.struct().field("B", inner).optional().build())
            .field("list", SchemaBuilder.array(.int32).build()).build()
        let value = ConnectStruct(schema: outer, values: [
            .structure(ConnectStruct(schema: outer.fields[0].schema, values: [
                .structure(ConnectStruct(schema: inner, values: [.int8(8), .string("stringy"), .bytes([1])])),
            ])),
            .array([.int32(1)]),
        ])
        let xform = try TransformFixtures.configured(Flatten(part: .value), [:])
        let out = try #require(try xform.apply(TransformFixtures.sourceRecord(valueSchema: outer, value: .structure(value))))
        let s = try #require(out.valueSchema)
        #expect(s.name == "outer")
        #expect(s.fields.map(\.name) == ["A.B.int8", "A.B.string", "A.B.bytes", "list"])
        // A is optional, so everything under it is.
        #expect(s.field("A.B.int8")?.schema == ConnectSchema.optionalInt8)
        #expect(s.field("list")?.schema == SchemaBuilder.array(.int32).build())
        #expect(out.value["A.B.int8"] == .int8(8) && out.value["A.B.string"] == .string("stringy") && out.value["A.B.bytes"] == .bytes([1]))
        #expect(out.value["list"] == .array([.int32(1)]))
    }

    @Test func nestedMapsWithADelimiter() throws {
        let xform = try TransformFixtures.configured(Flatten(part: .value), ["delimiter": "#"])
        let value = TransformFixtures.map(["A": TransformFixtures.map(["B": TransformFixtures.map(["int8": .int8(8), "string": .string("s")])]), "top": .null])
        let out = try #require(try xform.apply(TransformFixtures.sourceRecord(valueSchema: nil, value: value)))
        #expect(out.value == TransformFixtures.map(["A#B#int8": .int8(8), "A#B#string": .string("s"), "top": .null]))
    }

    @Test func mapsInsideStructsAreRefused() throws {
        let schema = SchemaBuilder.struct().field("m", SchemaBuilder.map(.string, .string).build()).build()
        let xform = try TransformFixtures.configured(Flatten(part: .value), [:])
        #expect(TransformFixtures.message { _ = try xform.apply(TransformFixtures.sourceRecord(valueSchema: schema, value: .structure(ConnectStruct(schema: schema, values: [.map([])])))) }
            == "Flatten transformation does not support MAP for record with schemas (for field m).")
    }
}
