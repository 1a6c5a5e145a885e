import Testing
@testable import SamsaConnect

@Suite struct ConnectDataTests {
    @Test func structPutRejectsUnknownFieldsAndValidatesRequiredOnes() throws {
        let schema = SchemaBuilder.struct().name("user").field("id", .int64).field("email", .optionalString).build()
        var value = ConnectStruct(schema: schema)
        #expect(throws: ConnectError.self) { try value.validate() }
        try value.put("id", .int64(7))
        try value.validate()
        #expect(value["id"] == .int64(7))
        #expect(throws: ConnectError.dataException("nope is not a valid field name")) { try value.put("nope", .null) }
    }

    @Test func newStructLeavesFieldsNullAndGetFallsBackToTheDefault() throws {
        // Kafka's StructTest: `new Struct(schema)` stores nulls; `get` gives a null field's default,
        // `getWithoutDefault` the null; `validate` passes null fields that are optional or have a default.
        let withDefault = SchemaBuilder(type: .int32).defaultValue(.int32(42)).build()
        let schema = SchemaBuilder.struct().field("id", .int64).field("count", withDefault).field("email", .optionalString).build()
        var value = ConnectStruct(schema: schema)
        #expect(value.values == [.null, .null, .null])
        #expect(value["count"] == .int32(42))
        #expect(value.rawValue("count") == .null)
        #expect(value["email"] == .null)
        #expect(value["nope"] == nil && value.rawValue("nope") == nil)
        #expect(throws: ConnectError.dataException("Invalid value: null used for required field: \"id\", schema type: INT64")) { try value.validate() }
        try value.put("id", .int64(7))
        try value.validate()
        try value.put("count", .int32(3))
        #expect(value["count"] == .int32(3) && value.rawValue("count") == .int32(3))
    }

    @Test func configDefNamesEveryMissingRequiredKey() throws {
        let def = ConfigDef([
            .init(name: "file", type: .string, defaultValue: nil, importance: .high, documentation: "the file"),
            .init(name: "topic", type: .string, defaultValue: nil, importance: .high, documentation: "the topic"),
            .init(name: "batch.size", type: .int, defaultValue: "2000", importance: .low, documentation: "lines per poll"),
        ])
        #expect(throws: ConnectError.config("Missing required configurations \"file\", \"topic\" which have no default value.")) {
            try def.parse([:])
        }
        let parsed = try def.parse(["file": "a", "topic": "t"])
        #expect(parsed["batch.size"] == "2000")
        #expect(throws: ConnectError.self) { try def.parse(["file": "a", "topic": "t", "batch.size": "many"]) }
    }

    @Test func pluginNamesMatchKafkasAliases() {
        #expect(PluginRegistry.matches("org.apache.kafka.connect.file.FileStreamSourceConnector", "FileStreamSource", suffix: "Connector"))
        #expect(PluginRegistry.matches("org.apache.kafka.connect.file.FileStreamSourceConnector", "FileStreamSourceConnector", suffix: "Connector"))
        #expect(!PluginRegistry.matches("org.apache.kafka.connect.file.FileStreamSourceConnector", "FileStreamSink", suffix: "Connector"))
    }
}
