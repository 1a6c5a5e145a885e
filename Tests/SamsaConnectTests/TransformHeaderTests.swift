import Testing
@testable import SamsaConnect

/// InsertHeader, DropHeaders and HeaderFrom (Kafka 3.8's InsertHeaderTest, DropHeadersTest, HeaderFromTest).
@Suite struct TransformHeaderTests {
    static func header(_ k: String, _ v: String) -> ConnectHeader { ConnectHeader(key: k, schema: .string, value: .string(v)) }

    @Test func insertHeaderParsesTheLiteral() throws {
        let xform = try TransformFixtures.configured(InsertHeader(), ["header": "inserted", "value.literal": "42"])
        let out = try #require(try xform.apply(TransformFixtures.sourceRecord(valueSchema: nil, value: .null, headers: [Self.header("a", "1")])))
        #expect(out.headers == [Self.header("a", "1"), ConnectHeader(key: "inserted", schema: .int8, value: .int8(42))])
        #expect(InsertHeader.parseScalar("70000") == SchemaAndValue(schema: .int32, value: .int32(70000)))
        #expect(InsertHeader.parseScalar("1.5") == SchemaAndValue(schema: .float32, value: .float32(1.5)))
        #expect(InsertHeader.parseScalar("TRUE") == SchemaAndValue(schema: .boolean, value: .boolean(true)))
        #expect(InsertHeader.parseScalar("hello") == SchemaAndValue(schema: .string, value: .string("hello")))
    }

    @Test func dropHeadersRemovesEveryNamedHeader() throws {
        let xform = try TransformFixtures.configured(DropHeaders(), ["headers": "a, c"])
        let record = TransformFixtures.sourceRecord(valueSchema: nil, value: .null, headers: [Self.header("a", "1"), Self.header("b", "2"), Self.header("a", "3"), Self.header("c", "4")])
        #expect(try xform.apply(record)?.headers == [Self.header("b", "2")])
        #expect(TransformFixtures.message { try DropHeaders().configure(["headers": ""]) } == "Invalid value [] for configuration headers: Empty list")
    }

    @Test func headerFromMovesAndCopies() throws {
        let schema = SchemaBuilder.struct().name("rec").field("a", .int32).field("b", .string).build()
        let value = ConnectStruct(schema: schema, values: [.int32(1), .string("x")])
        let move = try TransformFixtures.configured(HeaderFrom(part: .value), ["fields": "a", "headers": "h-a", "operation": "move"])
        let moved = try #require(try move.apply(TransformFixtures.sinkRecord(valueSchema: schema, value: .structure(value))))
        #expect(moved.valueSchema?.fields.map(\.name) == ["b"] && moved.valueSchema?.name == "rec")
        #expect(moved.value["b"] == .string("x"))
        #expect(moved.headers == [ConnectHeader(key: "h-a", schema: .int32, value: .int32(1))])

        let copy = try TransformFixtures.configured(HeaderFrom(part: .value), ["fields": "a,b", "headers": "h1,h2", "operation": "copy"])
        let copied = try #require(try copy.apply(TransformFixtures.sinkRecord(valueSchema: nil, value: TransformFixtures.map(["a": .int32(1), "b": .string("x")]))))
        #expect(copied.value == TransformFixtures.map(["a": .int32(1), "b": .string("x")]))
        #expect(copied.headers == [ConnectHeader(key: "h1", schema: nil, value: .int32(1)), ConnectHeader(key: "h2", schema: nil, value: .string("x"))])

        #expect(TransformFixtures.message { try HeaderFrom(part: .value).configure(["fields": "a,b", "headers": "h", "operation": "copy"]) }
            == "'fields' config must have the same number of elements as 'headers' config.")
        #expect(TransformFixtures.message { try HeaderFrom(part: .value).configure(["fields": "a", "headers": "h", "operation": "swap"]) }
            == "Invalid value swap for configuration operation: String must be one of: move, copy")
    }
}
