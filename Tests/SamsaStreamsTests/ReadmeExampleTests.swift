import Testing
import SamsaStreams  // not @testable: the README's example uses only the public API

/// The Swift example in README.md ("Writing a Streams application"), kept compiling and correct here.
@Suite struct ReadmeExampleTests {
    /// Clicks per user per 1-minute window, one final count per window once it closes (emit final).
    static func clicksPerMinute() throws -> Topology {
        let builder = StreamsBuilder()
        builder.stream("clicks", Consumed(key: Serdes.string, value: Serdes.string))
            .filter { _, page in !page.hasPrefix("/health") }
            .groupByKey(Grouped(key: Serdes.string, value: Serdes.string))
            .windowedBy(try TimeWindows.ofSizeAndGrace(.seconds(60), grace: .seconds(10)))
            .count(Materialized.as("clicks-per-minute"))
            .suppress(try .untilWindowCloses(.unbounded()))
            .toStream()
            .map { window, count in (window.map { "\($0.key)@\($0.window.start)" }, count) }
            .to("clicks-per-minute", Produced(key: Serdes.string, value: Serdes.long))
        return try builder.build()
    }

    /// The README's running part, compiled here so the example stays true to the API (it needs a cluster to run;
    /// the runtime's own tests run the same calls against one).
    static func readmeRun(_ topology: Topology) async throws {
        var config = StreamsConfig(applicationId: "clicks", bootstrapServers: "localhost:9092")
        _ = try config.apply(["processing.guarantee": "exactly_once_v2"])
        let streams = try KafkaStreams(topology: topology, config: config)
        try await streams.start()
        let perMinute = try streams.windowStore("clicks-per-minute", key: Serdes.string, value: Serdes.long)
        print(try perMinute.fetch("ann", from: 0, to: .max))
    }

    @Test func clicksPerMinuteEmitsOneFinalCountPerWindow() throws {
        let driver = try TopologyTestDriver(try Self.clicksPerMinute(), applicationId: "clicks")
        let clicks = driver.inputTopic("clicks", key: Serdes.string, value: Serdes.string)
        let counts = driver.outputTopic("clicks-per-minute", key: Serdes.string, value: Serdes.long)
        try clicks.pipe("ann", "/home", timestamp: 1_000)
        try clicks.pipe("ann", "/health", timestamp: 2_000)      // filtered out
        try clicks.pipe("bob", "/home", timestamp: 30_000)
        try clicks.pipe("ann", "/cart", timestamp: 59_000)
        #expect(try counts.readKeyValues().isEmpty)              // the window [0, 60 s) is still open
        try clicks.pipe("ann", "/home", timestamp: 65_000)       // within grace: stream time 65 s < 60 s + 10 s
        try clicks.pipe("ann", "/late", timestamp: 50_000)       // out of order, still within grace: counted
        #expect(try counts.readKeyValues().isEmpty)
        try clicks.pipe("bob", "/home", timestamp: 70_000)       // stream time reaches 70 s: [0, 60 s) closes
        #expect(try counts.readKeyValuesToMap() == ["ann@0": 3, "bob@0": 1])
        try clicks.pipe("ann", "/too-late", timestamp: 10_000)   // its window closed: dropped and counted
        #expect(driver.droppedRecords == [.lateRecord: 1])
        #expect(try counts.readKeyValues().isEmpty)
    }
}
