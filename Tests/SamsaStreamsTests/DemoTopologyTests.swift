import SamsaProtocol
import Testing
@testable import SamsaStreams

/// The `samsa streams` demo topologies, driven without a broker, against hand-computed outputs.
@Suite struct DemoTopologyTests {
    @Test func wordCountCountsKafkasQuickStartLines() throws {
        let driver = try TopologyTestDriver(try WordCountDemo.topology(), applicationId: WordCountDemo.applicationId)
        let input = driver.inputTopic(WordCountDemo.inputTopic, key: Serdes.string, value: Serdes.string)
        let output = driver.outputTopic(WordCountDemo.outputTopic, key: Serdes.string, value: Serdes.long)
        // Kafka's quick start: these three lines, then the word counts it documents.
        try input.pipe("all streams lead to kafka", timestamp: 1)
        try input.pipe("hello kafka streams", timestamp: 2)
        try input.pipe("join kafka summit", timestamp: 3)
        #expect(try output.readKeyValues() == [
            KeyValue("all", 1), KeyValue("streams", 1), KeyValue("lead", 1), KeyValue("to", 1), KeyValue("kafka", 1),
            KeyValue("hello", 1), KeyValue("kafka", 2), KeyValue("streams", 2),
            KeyValue("join", 1), KeyValue("kafka", 3), KeyValue("summit", 1),
        ])
        let store = try #require(driver.keyValueStore(WordCountDemo.storeName))
        #expect(try store.get(Array("kafka".utf8)) == [0, 0, 0, 0, 0, 0, 0, 3])
        // Its changelog is the one Kafka's demo has.
        let changelog = driver.outputTopic("streams-wordcount-counts-store-changelog", key: Serdes.string, value: Serdes.long)
        #expect(try changelog.readKeyValuesToMap() == ["all": 1, "streams": 2, "lead": 1, "to": 1, "kafka": 3, "hello": 1, "join": 1, "summit": 1])
    }

    @Test func wordCountTopologyHasKafkasShape() throws {
        let topology = try WordCountDemo.topology()
        #expect(topology.subtopologies.map(\.sourceTopics) == [["streams-plaintext-input"], ["counts-store-repartition"]])
        #expect(topology.subtopologies[1].sinkTopics == ["streams-wordcount-output"])
        #expect(topology.internalTopics.map(\.name).sorted() == ["counts-store-changelog", "counts-store-repartition"])
        let custom = try WordCountDemo.topology(input: "lines", output: "counts")
        #expect(custom.subtopologies[0].sourceTopics == ["lines"] && custom.subtopologies[1].sinkTopics == ["counts"])
    }

    /// Java's `\W` is ASCII-only: é and ü split words; digits and _ are word characters.
    @Test func wordsSplitLikeJavasNonWordPattern() {
        #expect(WordCountDemo.words(in: "Hello, World!  hello-world") == ["hello", "world", "hello", "world"])
        #expect(WordCountDemo.words(in: "Grüße an KAFKA_2") == ["gr", "e", "an", "kafka_2"])
        #expect(WordCountDemo.words(in: "  ...  ") == [])
        #expect(WordCountDemo.words(in: "") == [])
        #expect(WordCountDemo.words(in: "x1 Y2\tz3\n") == ["x1", "y2", "z3"])
    }

    @Test func pipeCopiesKeysValuesAndNulls() throws {
        let driver = try TopologyTestDriver(try PipeDemo.topology())
        let input = driver.inputTopic(PipeDemo.inputTopic, key: Serdes.bytes, value: Serdes.bytes)
        try input.pipe([1, 2], [0xFF, 0x00, 0x41], timestamp: 10)
        try input.pipe(nil, Array("hello".utf8), timestamp: 11)
        let output = driver.outputTopic(PipeDemo.outputTopic, key: Serdes.bytes, value: Serdes.bytes)
        let records = try output.readRecords()
        #expect(records.map(\.key) == [[1, 2], nil])
        #expect(records.map(\.value) == [[0xFF, 0x00, 0x41], Array("hello".utf8)])
        #expect(records.map(\.timestamp) == [10, 11])
    }

    @Test func lineSplitKeepsCaseAndKey() throws {
        let driver = try TopologyTestDriver(try LineSplitDemo.topology())
        let input = driver.inputTopic(LineSplitDemo.inputTopic, key: Serdes.string, value: Serdes.string)
        try input.pipe("k1", "All streams lead to Kafka", timestamp: 1)
        try input.pipe("k2", "hello, kafka-streams", timestamp: 2)
        let output = driver.outputTopic(LineSplitDemo.outputTopic, key: Serdes.string, value: Serdes.string)
        #expect(try output.readKeyValues() == [
            KeyValue("k1", "All"), KeyValue("k1", "streams"), KeyValue("k1", "lead"), KeyValue("k1", "to"), KeyValue("k1", "Kafka"),
            KeyValue("k2", "hello"), KeyValue("k2", "kafka"), KeyValue("k2", "streams"),
        ])
    }

    @Test func statusLineShowsStateTasksRateAndRestore() {
        let changelog = TopicPartition("streams-wordcount-counts-store-changelog", 0)
        let snapshot = StreamsSnapshot(
            applicationId: "streams-wordcount", state: .rebalancing, topology: TopologyDescription(subtopologies: [], globalStores: []),
            tasks: [
                .init(id: TaskId(subtopology: 1, partition: 0), partitions: [], thread: "t", processed: 10,
                      restoring: [.init(store: "counts-store", changelog: changelog, restored: 250, total: 1000)]),
                .init(id: TaskId(subtopology: 0, partition: 0), partitions: [], thread: "t", processed: 5, restoring: []),
            ],
            stores: [], processedTotal: 1234, processedPerSecond: 99.6, dropped: [:], inputLag: [:])
        #expect(StreamsStatusLine.text(snapshot)
                == "REBALANCING · 2 tasks (0_0, 1_0) · 1234 records processed (100/s) · restoring counts-store: 250 of 1000 records")
    }

    @Test func configLayersFileUnderFlags() throws {
        let (config, warnings) = try DemoConfig.make(
            applicationId: "streams-wordcount",
            file: ["application.id": "from-file", "commit.interval.ms": "500", "processing.guarantee": "exactly_once_v2", "no.such": "1"],
            flags: ["processing.guarantee": "at_least_once", "num.stream.threads": "2"])
        #expect(config.applicationId == "from-file" && config.commitIntervalMs == 500)
        #expect(config.processingGuarantee == .atLeastOnce && config.numStreamThreads == 2)
        #expect(warnings.count == 1 && warnings[0].contains("no.such"))
        #expect(try DemoConfig.make(applicationId: "streams-pipe").config.applicationId == "streams-pipe")
        #expect(throws: (any Error).self) { try DemoConfig.make(applicationId: "a", flags: ["processing.guarantee": "twice"]) }
    }
}

/// The windowed demo: page views joined with user regions, counted per region per 1-minute window.
@Suite struct PageViewsDemoTests {
    @Test func countsViewsPerRegionPerMinuteWithTheJoin() throws {
        let driver = try TopologyTestDriver(try PageViewsDemo.topology(), applicationId: PageViewsDemo.applicationId)
        let profiles = driver.inputTopic(PageViewsDemo.userProfileTopic, key: Serdes.string, value: Serdes.string)
        let views = driver.inputTopic(PageViewsDemo.pageViewTopic, key: Serdes.string, value: Serdes.string)
        let output = driver.outputTopic(PageViewsDemo.outputTopic, key: Serdes.string, value: Serdes.long)
        try profiles.pipe("alice", "europe", timestamp: 0)
        try profiles.pipe("bob", "asia", timestamp: 0)
        try views.pipe("alice", "/home", timestamp: 1_000)       // window [0, 60000)
        try views.pipe("bob", "/home", timestamp: 2_000)
        try views.pipe("alice", "/cart", timestamp: 59_999)
        try views.pipe("carol", "/home", timestamp: 10_000)      // no profile: unknown
        try views.pipe("alice", "/pay", timestamp: 60_000)       // window [60000, 120000)
        try profiles.pipe("alice", "asia", timestamp: 61_000)    // alice moves: later views count for asia
        try views.pipe("alice", "/home", timestamp: 62_000)
        try views.pipe("bob", "/late", timestamp: 30_000)        // out of order, within the 30 s grace: window 0 updated
        #expect(try output.readKeyValues() == [
            KeyValue("[europe@0/60000]", 1), KeyValue("[asia@0/60000]", 1), KeyValue("[europe@0/60000]", 2),
            KeyValue("[unknown@0/60000]", 1), KeyValue("[europe@60000/120000]", 1), KeyValue("[asia@60000/120000]", 1),
            KeyValue("[asia@0/60000]", 2),
        ])
        // Stream time is now 62000; window [0, 60000) closes at 60000 + 30000 = 90000.
        try views.pipe("bob", "/x", timestamp: 95_000)           // window [60000, 120000), closes window 0
        try views.pipe("alice", "/too-late", timestamp: 59_000)  // window 0 has closed: dropped
        #expect(try output.readKeyValues() == [KeyValue("[asia@60000/120000]", 2)])
    }

    @Test func pageViewsNeedCopartitionedInputs() throws {
        let topology = try PageViewsDemo.topology()
        let joinGroup = topology.subtopologies.flatMap(\.copartitionGroups).first { $0.contains(PageViewsDemo.pageViewTopic) }
        #expect(Set(joinGroup ?? []) == [PageViewsDemo.pageViewTopic, PageViewsDemo.userProfileTopic])
        #expect(topology.internalTopics.contains { $0.kind == .changelog && $0.name == "pageviews-per-region-changelog" })
    }
}
