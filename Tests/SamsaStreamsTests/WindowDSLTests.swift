import Testing
@testable import SamsaStreams

/// Windowed aggregations built with the DSL and run through the TopologyTestDriver.
@Suite struct WindowDSLTests {
    private func windowedCount(_ windows: TimeWindows, _ materialized: Materialized<String, Int64>? = nil) -> StreamsBuilder {
        let builder = StreamsBuilder()
        builder.stream("clicks", windowStrings).groupByKey().windowedBy(windows).count(materialized)
            .toStream().to("counts", Produced(value: Serdes.long))
        return builder
    }

    @Test func tumblingCountWritesKafkasWindowedKeyBytesAndCountsLateDrops() throws {
        let topology = try windowedCount(try TimeWindows.ofSizeAndGrace(.milliseconds(10), grace: .milliseconds(5))).build()
        // source 0, store 1, aggregate 2, toStream 3, sink 4 — Kafka's numbering and changelog config.
        let changelog = try #require(topology.internalTopics.first)
        #expect(changelog.name == "KSTREAM-AGGREGATE-STATE-STORE-0000000001-changelog")
        #expect(changelog.configs["cleanup.policy"] == "compact,delete")
        #expect(changelog.configs["retention.ms"] == String(15 + 86_400_000))
        #expect(topology.subtopologies[0].stores.first?.kind == .window(sizeMs: 10, retentionMs: 15, retainDuplicates: false))

        let driver = try TestStores().driver(topology)
        let input = driver.inputTopic("clicks", key: Serdes.string, value: Serdes.string)
        for ts in [1, 12, 8, 16, 3] as [Int64] { try input.pipe("alice", "click", timestamp: ts) }
        let raw = try driver.outputTopic("counts", key: Serdes.bytes, value: Serdes.long).readRecords()
        let start = { (ms: UInt8) in Array("alice".utf8) + [0, 0, 0, 0, 0, 0, 0, ms] }
        #expect(raw.map(\.key) == [start(0), start(10), start(0), start(10)])
        #expect(raw.map(\.value) == [1, 1, 2, 2])
        #expect(raw.map(\.timestamp) == [1, 12, 8, 16])
        #expect(driver.droppedRecords[.lateRecord] == 1)
    }

    @Test func hoppingCountsMappedToPlainKeys() throws {
        let builder = StreamsBuilder()
        builder.stream("clicks", windowStrings).groupByKey()
            .windowedBy(try TimeWindows.ofSizeWithNoGrace(.milliseconds(10)).advanceBy(.milliseconds(5))).count()
            .toStream().map { key, count in ("\(key!.key)@\(key!.window.start)-\(key!.window.end)", count) }
            .to("counts", Produced(key: Serdes.string, value: Serdes.long))
        let driver = try TestStores().driver(try builder.build())
        let input = driver.inputTopic("clicks", key: Serdes.string, value: Serdes.string)
        try input.pipe("a", "x", timestamp: 7)
        try input.pipe("a", "x", timestamp: 12)
        #expect(try driver.outputTopic("counts", key: Serdes.string, value: Serdes.long).readKeyValues() == [
            KeyValue("a@0-10", 1), KeyValue("a@5-15", 1), KeyValue("a@5-15", 2), KeyValue("a@10-20", 1),
        ])
    }

    @Test func aNewKeyIsRepartitionedThroughTheStoresTopicBeforeWindowing() throws {
        let builder = StreamsBuilder()
        builder.stream("views", windowStrings).groupBy { _, page in page }
            .windowedBy(try TimeWindows.ofSizeWithNoGrace(.milliseconds(60_000))).count()
            .toStream().map { key, count in (key!.key, count) }.to("per-page", Produced(key: Serdes.string, value: Serdes.long))
        let topology = try builder.build()
        // source 0, key-select 1, store 2 (its name names the repartition topic), aggregate 3
        #expect(topology.internalTopics.contains { $0.name == "KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition" && $0.kind == .repartition })
        #expect(topology.subtopologies.count == 2)
        let driver = try TestStores().driver(topology)
        let input = driver.inputTopic("views", key: Serdes.string, value: Serdes.string)
        try input.pipe("alice", "/home", timestamp: 1_000)
        try input.pipe("bob", "/home", timestamp: 2_000)
        try input.pipe("bob", "/about", timestamp: 61_000)
        #expect(try driver.outputTopic("per-page", key: Serdes.string, value: Serdes.long).readKeyValues()
            == [KeyValue("/home", 1), KeyValue("/home", 2), KeyValue("/about", 1)])
    }

    @Test func retentionShorterThanSizePlusGraceIsRejected() throws {
        let builder = windowedCount(try TimeWindows.ofSizeAndGrace(.milliseconds(10), grace: .milliseconds(5)),
                                    Materialized.as("w").withRetention(ms: 14))
        #expect {
            try builder.build()
        } throws: { error in
            "\(error)".contains("The retention period of the window store w must be no smaller than its window size plus the grace period. Got size=[10], grace=[5], retention=[14]")
        }
    }

    @Test func retentionExpiresOldWindowsFromTheStore() throws {
        let stores = TestStores()
        let builder = windowedCount(try TimeWindows.ofSizeWithNoGrace(.milliseconds(10)), Materialized.as("w").withRetention(ms: 20))
        let driver = try stores.driver(try builder.build())
        let input = driver.inputTopic("clicks", key: Serdes.string, value: Serdes.string)
        for ts in [1, 11, 21, 31] as [Int64] { try input.pipe("a", "x", timestamp: ts) }
        let store = try #require(stores.open["w"] as? WindowStore)
        // Windows starting at or before 30 - 20 = 10 have expired.
        #expect(try store.all().map(\.windowStart) == [20, 30])
        // Values are Kafka's ValueAndTimestamp layout: the window's largest record timestamp, then the count.
        let stored = try ValueAndTimestamp.decode(try #require(try store.fetch(Array("a".utf8), windowStart: 20)))
        #expect(stored.timestamp == 21)
        #expect(try Serdes.long.deserialize(stored.value) == 1)
    }

    @Test func slidingCountThroughTheDSL() throws {
        let builder = StreamsBuilder()
        builder.stream("clicks", windowStrings).groupByKey()
            .windowedBy(try SlidingWindows.ofTimeDifferenceWithNoGrace(.milliseconds(10))).count()
            .toStream().map { key, count in ("\(key!.window.start)-\(key!.window.end)", count) }
            .to("counts", Produced(key: Serdes.string, value: Serdes.long))
        let driver = try TestStores().driver(try builder.build())
        let input = driver.inputTopic("clicks", key: Serdes.string, value: Serdes.string)
        for ts in [20, 25, 40] as [Int64] { try input.pipe("a", "x", timestamp: ts) }
        #expect(try driver.outputTopic("counts", key: Serdes.string, value: Serdes.long).readKeyValues() == [
            KeyValue("10-20", 1), KeyValue("21-31", 1), KeyValue("15-25", 2), KeyValue("30-40", 1),
        ])
    }

    @Test func sessionCountMergesAndRetractsWithSessionKeyBytes() throws {
        let builder = StreamsBuilder()
        builder.stream("clicks", windowStrings).groupByKey()
            .windowedBy(try SessionWindows.ofInactivityGapAndGrace(.milliseconds(5), grace: .milliseconds(10))).count()
            .toStream().to("sessions", Produced(value: Serdes.long))
        let topology = try builder.build()
        #expect(topology.subtopologies[0].stores.first?.kind == .session(retentionMs: 15))
        let driver = try TestStores().driver(topology)
        let input = driver.inputTopic("clicks", key: Serdes.string, value: Serdes.string)
        for ts in [0, 10, 5] as [Int64] { try input.pipe("a", "x", timestamp: ts) }
        try input.pipe("a", "x", timestamp: 30)
        try input.pipe("a", "x", timestamp: 14)  // [0,10] could only grow until stream time 10 + 5 + 10: dropped
        let out = try driver.outputTopic("sessions", key: WindowedSerdes.sessionWindowed(Serdes.string), value: Serdes.long).readRecords()
        #expect(out.map { "\($0.key!)=\($0.value.map(String.init) ?? "null")" } == [
            "[a@0/0]=1", "[a@10/10]=1", "[a@0/0]=null", "[a@10/10]=null", "[a@0/10]=3", "[a@30/30]=1",
        ])
        #expect(driver.droppedRecords[.lateRecord] == 1)
    }

    @Test func aggregateAndReduceFoldPerWindow() throws {
        let builder = StreamsBuilder()
        let windowed = builder.stream("words", windowStrings).groupByKey().windowedBy(try TimeWindows.ofSizeWithNoGrace(.milliseconds(10)))
        windowed.reduce { $0 + "+" + $1 }.toStream().map { k, v in (k!.key, v) }.to("reduced", Produced(key: Serdes.string, value: Serdes.string))
        windowed.aggregate(Materialized(value: Serdes.long), initializer: { 100 }, aggregator: { _, v, total in total + Int64(v.count) })
            .toStream().map { k, v in (k!.key, v) }.to("lengths", Produced(key: Serdes.string, value: Serdes.long))
        let driver = try TestStores().driver(try builder.build())
        let input = driver.inputTopic("words", key: Serdes.string, value: Serdes.string)
        try input.pipe("k", "ab", timestamp: 1)
        try input.pipe("k", "cde", timestamp: 2)
        try input.pipe("k", "f", timestamp: 11)
        #expect(try driver.outputTopic("reduced", key: Serdes.string, value: Serdes.string).readValues() == ["ab", "ab+cde", "f"])
        #expect(try driver.outputTopic("lengths", key: Serdes.string, value: Serdes.long).readValues() == [102, 105, 101])
    }
}
