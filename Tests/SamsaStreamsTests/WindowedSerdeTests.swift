import Testing
@testable import SamsaStreams

/// The windowed key formats Kafka's TimeWindowedSerializer and SessionWindowedSerializer write.
@Suite struct WindowedSerdeTests {
    @Test func timeWindowedKeyIsKeyBytesThenEightByteStart() throws {
        let serde = WindowedSerdes.timeWindowed(Serdes.string, windowSizeMs: 60_000)
        let key = Windowed(key: "alice", window: Window(start: 1_700_000_040_000, end: 1_700_000_100_000))
        let bytes = try serde.serialize(key)
        // "alice", then 1_700_000_040_000 = 0x0000_018B_CFE6_0440 big-endian
        #expect(bytes == Array("alice".utf8) + [0x00, 0x00, 0x01, 0x8B, 0xCF, 0xE6, 0x04, 0x40])
        #expect(try serde.deserialize(bytes) == key)
        #expect(throws: SerdeError.self) { try serde.deserialize([1, 2, 3]) }
    }

    @Test func sessionWindowedKeyIsKeyBytesThenEndThenStart() throws {
        let serde = WindowedSerdes.sessionWindowed(Serdes.long)
        let key = Windowed(key: Int64(7), window: Window(start: 1, end: 258))
        let bytes = try serde.serialize(key)
        #expect(bytes == [0, 0, 0, 0, 0, 0, 0, 7] + [0, 0, 0, 0, 0, 0, 1, 2] + [0, 0, 0, 0, 0, 0, 0, 1])
        #expect(try serde.deserialize(bytes) == key)
        #expect(throws: SerdeError.self) { try serde.deserialize(Array(repeating: 0, count: 15)) }
    }

    @Test func windowedToStringIsKafkas() {
        #expect("\(Windowed(key: "a", window: Window(start: 0, end: 10)))" == "[a@0/10]")
    }
}

@Test func onlyWindowedAggregateStoresHoldTimestampedValues() throws {
    let builder = StreamsBuilder()
    let clicks = builder.stream("clicks", windowStrings)
    clicks.groupByKey().windowedBy(try TimeWindows.ofSizeWithNoGrace(.seconds(1))).count().toStream().to("counts")
    clicks.groupByKey().windowedBy(try SessionWindows.ofInactivityGapWithNoGrace(.seconds(1))).count().toStream().to("sessions")
    clicks.join(builder.stream("other", windowStrings), windows: try JoinWindows.ofTimeDifferenceWithNoGrace(.seconds(1))) { $0 + $1 }
        .to("joined")
    let stores = try builder.build().subtopologies.flatMap(\.stores)
    #expect(stores.filter(\.holdsTimestampedValues).map(\.name) == ["KSTREAM-AGGREGATE-STATE-STORE-0000000001"])
}
