import NIOCore
import SamsaProtocol
import Testing
@testable import SamsaStreams

private let strings = Consumed(key: Serdes.string, value: Serdes.string)

/// Forwards "<type>@<time>" on each punctuation of its kind, and counts records into a store.
private final class Ticker: ProcessorNode {
    let type: PunctuationType
    var context: ProcessorContext!
    init(_ type: PunctuationType) { self.type = type }

    func initialize(_ context: ProcessorContext) throws {
        self.context = context
        context.schedule(intervalMs: 10, type: type) { [unowned self] time in
            try self.context.forward(AnyRecord(key: "tick", value: "\(self.type)@\(time)", timestamp: time))
        }
    }

    func process(_ record: AnyRecord) throws {
        let store = try context.stateStore("seen") as! KeyValueStore
        let count = try store.get(Array("n".utf8)).map { try Serdes.long.deserialize($0) } ?? 0
        try store.put(Array("n".utf8), try Serdes.long.serialize(count + 1))
    }
}

private func tickerTopology(_ type: PunctuationType) throws -> Topology {
    let builder = StreamsBuilder()
    builder.addStateStore(StoreSpec(name: "seen", kind: .keyValue, loggingEnabled: false))
    builder.stream("in", strings)
        .process(stores: ["seen"], keySerde: Serdes.string, valueSerde: Serdes.string) { Ticker(type) }
        .to("ticks")
    return try builder.build()
}

@Test func streamTimePunctuationsFollowRecordTimestampsOncePerPassedInterval() throws {
    let driver = try TopologyTestDriver(try tickerTopology(.streamTime))
    let input = driver.inputTopic("in", key: Serdes.string, value: Serdes.string)
    let ticks = driver.outputTopic("ticks", key: Serdes.string, value: Serdes.string)
    try input.pipe("k", "a", timestamp: 3)     // first record: fires (aligned to 0)
    try input.pipe("k", "b", timestamp: 9)     // next due at 10
    try input.pipe("k", "c", timestamp: 35)    // due, and 20/30 missed: fires once, next at 40
    try input.pipe("k", "d", timestamp: 12)    // out of order: stream time stays 35
    try input.pipe("k", "e", timestamp: 40)
    #expect(try ticks.readValues() == ["streamTime@3", "streamTime@35", "streamTime@40"])
    #expect(try driver.keyValueStore("seen")?.get(Array("n".utf8)) == (try Serdes.long.serialize(5)))
}

@Test func wallClockPunctuationsRunWhenTheDriverClockAdvances() throws {
    let driver = try TopologyTestDriver(try tickerTopology(.wallClockTime), initialWallClockMs: 1000)
    let ticks = driver.outputTopic("ticks", key: Serdes.string, value: Serdes.string)
    try driver.advanceWallClockTime(5)
    #expect(ticks.isEmpty)
    try driver.advanceWallClockTime(5)
    try driver.advanceWallClockTime(25)
    #expect(try ticks.readValues() == ["wallClockTime@1010", "wallClockTime@1035"])
}

@Test func badBytesFailTheTaskByDefaultWithOneSentence() throws {
    let builder = StreamsBuilder()
    builder.stream("numbers", Consumed(key: Serdes.string, value: Serdes.long)).to("out")
    let driver = try TopologyTestDriver(try builder.build())
    do {
        try driver.pipeInput(topic: "numbers", key: nil, value: [1, 2, 3], timestamp: 0)
        Issue.record("a 3-byte Long should not deserialize")
    } catch let error as DeserializationError {
        #expect(error.description == "Could not deserialize the value of the record at offset 0 of numbers-0 with the Long serde: Long serde expects 8 bytes, got 3.")
    }
}

@Test func logAndContinueDropsAndCountsBadRecords() throws {
    let builder = StreamsBuilder()
    builder.stream("numbers", Consumed(key: Serdes.string, value: Serdes.long)).to("out")
    let topology = try builder.build(TopologyOptions(deserializationExceptionHandler: .logAndContinue))
    let driver = try TopologyTestDriver(topology)
    try driver.pipeInput(topic: "numbers", key: nil, value: [1, 2, 3], timestamp: 0)
    try driver.inputTopic("numbers", key: Serdes.string, value: Serdes.long).pipe("k", 7, timestamp: 1)
    #expect(driver.droppedRecords[.deserializationError] == 1)
    #expect(try driver.outputTopic("out", key: Serdes.string, value: Serdes.long).readKeyValues() == [KeyValue("k", 7)])
}

@Test func pipingToATopicTheTopologyDoesNotReadIsAnError() throws {
    let builder = StreamsBuilder()
    builder.stream("in", strings).to("out")
    let driver = try TopologyTestDriver(try builder.build())
    #expect(throws: StreamsError(.topology, "Unknown topic: nope. The topology reads in.")) {
        try driver.pipeInput(topic: "nope", key: nil, value: nil, timestamp: 0)
    }
}

@Test func outputRecordsKeepTimestampsAndHeadersAndATopicReadBackIsReprocessed() throws {
    let builder = StreamsBuilder()
    builder.stream("in", strings).to("middle")
    builder.stream("middle", strings).mapValues { $0 + "!" }.to("out")
    let topology = try builder.build()
    #expect(topology.subtopologies.count == 2)
    let driver = try TopologyTestDriver(topology)
    let header = RecordHeader(key: "h", value: ByteBuffer(string: "v"))
    try driver.inputTopic("in", key: Serdes.string, value: Serdes.string).pipe("k", "v", timestamp: 42, headers: [header])
    let out = try driver.outputTopic("out", key: Serdes.string, value: Serdes.string).readRecords()
    #expect(out == [TestRecord(key: "k", value: "v!", timestamp: 42, headers: [header])])
    #expect(driver.producedTopicNames == ["middle", "out"])
}

@Test func aTimestampExtractorGivesEventTimeAndSeesThePartitionTime() throws {
    let builder = StreamsBuilder()
    // Event time from the value ("<ms>"), or the partition time when the value is not a number.
    let consumed = Consumed(key: Serdes.string, value: Serdes.string, timestampExtractor: { _, value, _, partitionTime in
        value.flatMap { Int64($0) } ?? partitionTime
    })
    builder.stream("in", consumed).to("out")
    let driver = try TopologyTestDriver(try builder.build())
    let input = driver.inputTopic("in", key: Serdes.string, value: Serdes.string)
    try input.pipe("a", "500", timestamp: 1)
    try input.pipe("b", "x", timestamp: 2)
    try input.pipe("c", "300", timestamp: 3)
    try input.pipe("d", "y", timestamp: 4)
    let out = try driver.outputTopic("out", key: Serdes.string, value: Serdes.string).readRecords()
    #expect(out.map(\.timestamp) == [500, 500, 300, 500])
}

@Test func aNegativeRecordTimestampFailsWithKafkasSentence() throws {
    let builder = StreamsBuilder()
    builder.stream("in", strings).to("out")
    let driver = try TopologyTestDriver(try builder.build())
    #expect(throws: StreamsError(.topology, "Input record at offset 0 of in-0 has invalid (negative) timestamp -5. Use a different TimestampExtractor to process this data.")) {
        try driver.pipeInput(topic: "in", key: nil, value: Array("v".utf8), timestamp: -5)
    }
}

/// Puts each record's value into a window store under the window of its timestamp (size 10).
private final class WindowWriter: ProcessorNode {
    var store: WindowStore!
    func initialize(_ context: ProcessorContext) throws { store = try context.stateStore("windows") as? WindowStore }
    func process(_ record: AnyRecord) throws {
        try store.put(Array((record.key as! String).utf8), Array((record.value as! String).utf8), windowStart: record.timestamp / 10 * 10)
    }
}

@Test func windowStoresAreReadableAndTheirChangelogIsOutput() throws {
    let builder = StreamsBuilder()
    builder.addStateStore(StoreSpec(name: "windows", kind: .window(sizeMs: 10, retentionMs: 100, retainDuplicates: false)))
    _ = builder.stream("in", strings).process(stores: ["windows"]) { WindowWriter() } as KStream<String, String>
    let topology = try builder.build()
    let changelog = try #require(topology.internalTopics.first)
    #expect(changelog.name == "windows-changelog")
    #expect(changelog.configs == ["cleanup.policy": "compact,delete", "retention.ms": "86400100", "message.timestamp.type": "CreateTime"])
    let driver = try TopologyTestDriver(topology, applicationId: "app")
    try driver.inputTopic("in", key: Serdes.string, value: Serdes.string).pipe("k", "v", timestamp: 23)
    let store = try #require(driver.windowStore("windows"))
    #expect(try store.fetch(Array("k".utf8), windowStart: 20) == Array("v".utf8))
    let logged = try driver.outputTopic("app-windows-changelog", key: Serdes.bytes, value: Serdes.string).readRecords()
    // Kafka's window changelog key: key bytes, 8-byte window start, 4-byte sequence number.
    #expect(logged.map(\.key?.count) == [1 + 8 + 4])
    #expect(logged.first?.value == "v" && logged.first?.timestamp == 23)
}
