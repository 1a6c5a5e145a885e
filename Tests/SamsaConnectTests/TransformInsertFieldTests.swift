import Testing
@testable import SamsaConnect

/// InsertField, checked against Kafka 3.8's InsertFieldTest (copySchemaAndInsertConfiguredFields,
/// schemalessInsertConfiguredFields) and hand-computed expectations.
@Suite struct TransformInsertFieldTests {
    static let props = ["topic.field": "topic_field!", "partition.field": "partition_field", "timestamp.field": "timestamp_field?",
                        "static.field": "instance_id", "static.value": "my-instance-id"]

    @Test func structGainsFieldsWithKafkasOptionality() throws {
        let xform = try TransformFixtures.configured(InsertField(part: .value), Self.props)
        let schema = SchemaBuilder.struct().name("name").version(1).doc("doc").field("magic", .optionalInt64).build()
        let value = ConnectStruct(schema: schema, values: [.int64(42)])
        let out = try #require(try xform.apply(TransformFixtures.sourceRecord(valueSchema: schema, value: .structure(value), timestamp: 789)))
        let s = try #require(out.valueSchema)
        #expect(s.name == "name" && s.version == 1 && s.doc == "doc")
        #expect(s.fields.map(\.name) == ["magic", "topic_field", "partition_field", "timestamp_field", "instance_id"])
        #expect(s.field("topic_field")?.schema == ConnectSchema.string)            // "!" → required
        #expect(s.field("partition_field")?.schema == ConnectSchema.optionalInt32)  // no suffix → optional
        #expect(s.field("timestamp_field")?.schema == ConnectSchema(type: .int64, optional: true, name: ConnectSchema.Logical.timestamp, version: 1))
        #expect(s.field("instance_id")?.schema == ConnectSchema.optionalString)
        #expect(out.value["magic"] == .int64(42))
        #expect(out.value["topic_field"] == .string("test"))
        #expect(out.value["partition_field"] == .int32(0))
        #expect(out.value["timestamp_field"] == .int64(789))
        #expect(out.value["instance_id"] == .string("my-instance-id"))
        // The cached schema is reused for the next record with the same schema.
        let again = try #require(try xform.apply(TransformFixtures.sourceRecord(partition: 1, valueSchema: schema, value: .structure(ConnectStruct(schema: schema)))))
        #expect(again.valueSchema === out.valueSchema)
    }

    @Test func mapGainsEntries() throws {
        let xform = try TransformFixtures.configured(InsertField(part: .value), Self.props)
        let out = try #require(try xform.apply(TransformFixtures.sourceRecord(valueSchema: nil, value: TransformFixtures.map(["magic": .int64(42)]), timestamp: 123)))
        #expect(out.valueSchema == nil)
        #expect(out.value == TransformFixtures.map(["magic": .int64(42), "topic_field": .string("test"), "partition_field": .int32(0),
                                                    "timestamp_field": .int64(123), "instance_id": .string("my-instance-id")]))
    }

    @Test func keyVariantLeavesValueAlone() throws {
        let xform = try TransformFixtures.configured(InsertField(part: .key), ["topic.field": "t"])
        let record = TransformFixtures.sourceRecord(key: TransformFixtures.map(["id": .int32(1)]), valueSchema: .string, value: .string("v"))
        let out = try #require(try xform.apply(record))
        #expect(out.key == TransformFixtures.map(["id": .int32(1), "t": .string("test")]))
        #expect(out.value == .string("v") && out.valueSchema == ConnectSchema.string)
    }

    @Test func offsetNeedsASinkRecordAndTombstonesPassThrough() throws {
        let xform = try TransformFixtures.configured(InsertField(part: .value), ["offset.field": "off"])
        let sink = try #require(try xform.apply(TransformFixtures.sinkRecord(valueSchema: nil, value: TransformFixtures.map([:]), offset: 7)))
        #expect(sink.value["off"] == .int64(7))
        #expect(TransformFixtures.message { _ = try xform.apply(TransformFixtures.sourceRecord(valueSchema: nil, value: TransformFixtures.map([:]))) }
            == "Only SinkRecord supported for [field insertion], found: org.apache.kafka.connect.source.SourceRecord")
        let tombstone = TransformFixtures.sourceRecord(valueSchema: nil, value: .null)
        #expect(try xform.apply(tombstone) == tombstone)
        #expect(TransformFixtures.message { _ = try xform.apply(TransformFixtures.sinkRecord(valueSchema: nil, value: .string("x"))) }
            == "Only Map objects supported in absence of schema for [field insertion], found: java.lang.String")
    }

    @Test func badConfigsGiveKafkasSentences() {
        #expect(TransformFixtures.message { try InsertField(part: .value).configure([:]) } == "No field insertion configured")
        #expect(TransformFixtures.message { try InsertField(part: .value).configure(["static.field": "s"]) }
            == "Invalid value null for configuration static.value: No value specified for static field: s")
    }
}
