import Testing
@testable import SamsaConnect

/// TimestampConverter, following Kafka 3.8's TimestampConverterTest: 2017-01-03T06:30:01.864Z
/// (1483425001864 ms, epoch day 17169, 23401864 ms into the day) through every representation.
@Suite struct TransformTimestampConverterTests {
    static let ms: Int64 = 1_483_425_001_864
    static let timestamp = TimestampConverter.schema(for: .timestamp, optional: false)

    func convert(_ props: [String: String], _ schema: ConnectSchema?, _ value: ConnectValue) throws -> ConnectRecord? {
        try TransformFixtures.configured(TimestampConverter(part: .value), props)
            .apply(TransformFixtures.sinkRecord(valueSchema: schema, value: value))
    }

    @Test func timestampToEveryTarget() throws {
        let fmt = "yyyy MM dd HH mm ss SSS z"
        #expect(try convert(["target.type": "string", "format": fmt], Self.timestamp, .int64(Self.ms))?.value == .string("2017 01 03 06 30 01 864 UTC"))
        #expect(try convert(["target.type": "unix"], Self.timestamp, .int64(Self.ms))?.value == .int64(Self.ms))
        #expect(try convert(["target.type": "unix", "unix.precision": "seconds"], Self.timestamp, .int64(Self.ms))?.value == .int64(1_483_425_001))
        #expect(try convert(["target.type": "unix", "unix.precision": "microseconds"], Self.timestamp, .int64(Self.ms))?.value == .int64(1_483_425_001_864_000))
        let date = try #require(try convert(["target.type": "Date"], Self.timestamp, .int64(Self.ms)))
        #expect(date.value == .int32(17169) && date.valueSchema?.name == ConnectSchema.Logical.date)
        #expect(try convert(["target.type": "Time"], Self.timestamp, .int64(Self.ms))?.value == .int32(23_401_864))
    }

    @Test func stringsAndUnixInSchemaless() throws {
        let fmt = "yyyy MM dd HH mm ss SSS z"
        let parsed = try #require(try convert(["target.type": "Timestamp", "format": fmt], nil, .string("2017 01 03 06 30 01 864 UTC")))
        #expect(parsed.value == .int64(Self.ms) && parsed.valueSchema == nil)
        #expect(try convert(["target.type": "unix", "format": "yyyyMMdd"], nil, .string("20170103"))?.value == .int64(1_483_401_600_000))
        #expect(try convert(["target.type": "string", "format": "yyyy-MM-dd'T'HH:mm:ssXXX"], nil, .int64(Self.ms))?.value == .string("2017-01-03T06:30:01Z"))
        #expect(try convert(["target.type": "Timestamp", "format": "yyyy-MM-dd'T'HH:mm:ssXXX"], nil, .string("2017-01-03T07:30:01+01:00"))?.value
            == .int64(Self.ms - 864))
        let field = try #require(try convert(["target.type": "Date", "field": "ts"], nil, TransformFixtures.map(["ts": .int64(Self.ms), "other": .int8(1)])))
        #expect(field.value == TransformFixtures.map(["ts": .int32(17169), "other": .int8(1)]))
    }

    @Test func structFieldGetsTheTargetSchema() throws {
        let schema = SchemaBuilder.struct().field("ts", .optionalInt64).field("other", .string).build()
        let value = ConnectStruct(schema: schema, values: [.int64(Self.ms), .string("x")])
        let out = try #require(try convert(["target.type": "Timestamp", "field": "ts"], schema, .structure(value)))
        #expect(out.valueSchema?.field("ts")?.schema == TimestampConverter.schema(for: .timestamp, optional: true))
        #expect(out.value["ts"] == .int64(Self.ms) && out.value["other"] == .string("x"))
    }

    @Test func errorsAreKafkasSentences() {
        #expect(TransformFixtures.message { _ = try convert(["target.type": "string"], nil, .null) }
            == "TimestampConverter requires format option to be specified when using string timestamps")
        #expect(TransformFixtures.message { _ = try convert(["target.type": "string", "format": "bad-pattern-q"], nil, .null) }
            == "TimestampConverter requires a SimpleDateFormat-compatible pattern for string timestamps: bad-pattern-q")
        #expect(TransformFixtures.message { _ = try convert(["target.type": "invalid"], nil, .null) }
            == "Invalid value invalid for configuration target.type: String must be one of: string, unix, Date, Time, Timestamp")
        #expect(TransformFixtures.message { _ = try convert(["target.type": "Timestamp", "format": "yyyy"], nil, .string("abc")) }
            == "Could not parse timestamp: value (abc) does not match pattern (yyyy)")
        #expect(TransformFixtures.message { _ = try convert(["target.type": "Timestamp"], nil, .int32(1)) }
            == "TimestampConverter does not support class java.lang.Integer objects as timestamps")
    }
}
