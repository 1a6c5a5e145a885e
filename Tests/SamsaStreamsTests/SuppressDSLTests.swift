import Testing
@testable import SamsaStreams

/// `suppress` built with the DSL: emit-final windowed counts and time-limited tables through the driver.
@Suite struct SuppressDSLTests {
    private func finalCounts() throws -> Topology {
        let builder = StreamsBuilder()
        builder.stream("clicks", windowStrings).groupByKey()
            .windowedBy(try TimeWindows.ofSizeAndGrace(.milliseconds(10), grace: .milliseconds(5))).count()
            .suppress(try .untilWindowCloses(.unbounded()))
            .toStream().map { key, count in ("\(key!.key)@\(key!.window.start)", count) }
            .to("final", Produced(key: Serdes.string, value: Serdes.long))
        return try builder.build()
    }

    @Test func emitFinalWritesOneResultPerWindowAfterItCloses() throws {
        let topology = try finalCounts()
        #expect(topology.internalTopics.map(\.name).contains("KTABLE-SUPPRESS-STATE-STORE-0000000004-changelog"))
        let driver = try TestStores().driver(topology)
        let input = driver.inputTopic("clicks", key: Serdes.string, value: Serdes.string)
        let output = driver.outputTopic("final", key: Serdes.string, value: Serdes.long)
        for (key, ts) in [("a", 1), ("a", 8), ("b", 3), ("a", 12), ("a", 14)] as [(String, Int64)] {
            try input.pipe(key, "x", timestamp: ts)
        }
        #expect(output.isEmpty)  // [0,10) closes when stream time reaches 10 + 5
        try input.pipe("a", "x", timestamp: 15)
        #expect(try output.readRecords().map { "\($0.key!)=\($0.value!)@\($0.timestamp)" } == ["a@0=2@8", "b@0=1@3"])
        try input.pipe("b", "x", timestamp: 4)  // late for [0,10): dropped, no second result
        try input.pipe("a", "x", timestamp: 40)
        #expect(try output.readKeyValues() == [KeyValue("a@10", 3)])
        #expect(driver.droppedRecords[.lateRecord] == 1)
    }

    @Test func theBufferIsChangeloggedAndSurvivesARestart() throws {
        let stores = TestStores()
        let first = try stores.driver(try finalCounts())
        let input = first.inputTopic("clicks", key: Serdes.string, value: Serdes.string)
        try input.pipe("a", "x", timestamp: 1)
        try input.pipe("a", "x", timestamp: 2)
        let changelog = first.outputTopic("test-application-KTABLE-SUPPRESS-STATE-STORE-0000000004-changelog",
                                          key: WindowedSerdes.timeWindowed(Serdes.string, windowSizeMs: 10), value: Serdes.bytes)
        #expect(try changelog.readRecords().map { "\($0.key!)" } == ["[a@0/10]", "[a@0/10]"])
        first.close()

        let second = try stores.driver(try finalCounts())
        try second.inputTopic("clicks", key: Serdes.string, value: Serdes.string).pipe("b", "x", timestamp: 20)
        #expect(try second.outputTopic("final", key: Serdes.string, value: Serdes.long).readKeyValues() == [KeyValue("a@0", 2)])
    }

    @Test func untilTimeLimitRateLimitsATable() throws {
        let builder = StreamsBuilder()
        builder.table("prices", windowStrings, Materialized.as("prices"))
            .suppress(Suppressed.untilTimeLimit(.milliseconds(10), .unbounded()).withName("limit"))
            .toStream().to("out")
        let topology = try builder.build()
        #expect(topology.internalTopics.map(\.name).contains("limit-store-changelog"))
        let driver = try TestStores().driver(topology)
        let input = driver.inputTopic("prices", key: Serdes.string, value: Serdes.string)
        try input.pipe("x", "1", timestamp: 0)
        try input.pipe("x", "2", timestamp: 4)
        try input.pipe("y", "7", timestamp: 5)
        try input.pipe("z", "0", timestamp: 10)  // x (buffered at 0) is due: its latest value goes out
        #expect(try driver.outputTopic("out", key: Serdes.string, value: Serdes.string).readKeyValues() == [KeyValue("x", "2")])
    }

    @Test func sessionsAreFinalOnceTheGapAndGraceHavePassed() throws {
        let builder = StreamsBuilder()
        builder.stream("clicks", windowStrings).groupByKey()
            .windowedBy(try SessionWindows.ofInactivityGapWithNoGrace(.milliseconds(5))).count()
            .suppress(try .untilWindowCloses(.unbounded()))
            .toStream().map { key, count in ("\(key!.key)@\(key!.window.start)-\(key!.window.end)", count) }
            .to("final", Produced(key: Serdes.string, value: Serdes.long))
        let driver = try TestStores().driver(try builder.build())
        let input = driver.inputTopic("clicks", key: Serdes.string, value: Serdes.string)
        let output = driver.outputTopic("final", key: Serdes.string, value: Serdes.long)
        try input.pipe("a", "x", timestamp: 0)
        try input.pipe("a", "x", timestamp: 3)  // [0,0] merges into [0,3]: its tombstone is never emitted
        try input.pipe("a", "x", timestamp: 7)  // within the gap of [0,3]: the session becomes [0,7]
        #expect(output.isEmpty)
        try input.pipe("b", "x", timestamp: 13)  // stream time 13 >= 7 + 5 + 0 closes [0,7]
        #expect(try output.readKeyValues() == [KeyValue("a@0-7", 3)])
    }

    @Test func untilWindowClosesNeedsAWindowedTable() throws {
        let builder = StreamsBuilder()
        builder.table("t", windowStrings).suppress(try .untilWindowCloses(.unbounded())).toStream().to("out")
        #expect { try builder.build() } throws: { "\($0)".contains("Window close time is only defined for windowed computations") }
    }
}
