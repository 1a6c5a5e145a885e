import Foundation
import SamsaClient
import SamsaProtocol
import SamsaStreams
import Testing

/// End-to-end: a word count topology on a 3-broker in-process cluster, at_least_once.
@Suite(.serialized) struct RuntimeWordCountTests {
    @Test func countsRestartAndRestoreFromChangelog() async throws {
        let cluster = try await RuntimeTestCluster.start()
        defer { cluster.stop() }
        try await cluster.createTopic("lines", partitions: 2)
        try await cluster.createTopic("counts-out", partitions: 2)
        let stateDir = temporaryStateDir()
        defer { try? FileManager.default.removeItem(atPath: stateDir) }
        let topology = RuntimeTopologies.wordCount(input: "lines", output: "counts-out")

        try await cluster.produce("lines", [("1", "Kafka streams, samsa streams"), ("2", "hello kafka"), ("3", "Hello hello")])
        // kafka 2, streams 2, samsa 1, hello 3
        var expected: [String: Int64] = ["kafka": 2, "streams": 2, "samsa": 1, "hello": 3]
        let first = try KafkaStreams(topology: topology, config: try cluster.streamsConfig(app: "wc", stateDir: stateDir))
        try await first.start()
        var output = try await cluster.readAll("counts-out") { latestCounts($0) == expected }
        #expect(latestCounts(output) == expected)
        try await runtimeEventually { first.state == .running }
        let counts = try first.keyValueStore("counts", key: Serdes.string, value: Serdes.long)
        #expect(try counts.get("hello") == 3)
        #expect(try counts.get("nothing") == nil)
        #expect(try counts.all().map(\.key) == ["hello", "kafka", "samsa", "streams"].sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        // RocksDB's key count is an estimate (it may count overwritten keys until compaction).
        #expect(try counts.approximateCount() >= 4)
        try await runtimeEventually { await first.snapshot().processedTotal == 3 + 8 }  // 3 lines, 8 words
        let snapshot = await first.snapshot()
        #expect(Set(snapshot.tasks.map(\.id)) == [TaskId(subtopology: 0, partition: 0), TaskId(subtopology: 0, partition: 1),
                                                   TaskId(subtopology: 1, partition: 0), TaskId(subtopology: 1, partition: 1)])
        #expect(snapshot.stores.reduce(0) { $0 + $1.approximateCount } >= 4)
        #expect(snapshot.stores.flatMap(\.topEntries).count == 4)
        #expect(snapshot.stores.flatMap(\.topEntries).contains { $0.key == "hello" && $0.value == "3" })
        // Everything read: no lag on the two input and two repartition partitions.
        #expect(snapshot.inputLag.count == 4)
        #expect(snapshot.inputLag.values.allSatisfy { $0 == 0 })
        #expect(await first.close())
        #expect(first.state == .notRunning)
        #expect(throws: StreamsError.self) { try first.keyValueStore("counts", key: Serdes.string, value: Serdes.long) }

        // Same state dir: counts continue where they were.
        try await cluster.produce("lines", [("4", "kafka samsa")])
        expected["kafka"] = 3
        expected["samsa"] = 2
        let second = try KafkaStreams(topology: topology, config: try cluster.streamsConfig(app: "wc", stateDir: stateDir))
        try await second.start()
        output = try await cluster.readAll("counts-out") { latestCounts($0) == expected }
        #expect(latestCounts(output) == expected)
        // The RocksDB stores were checkpointed at close: nothing to replay.
        let fromCheckpoint = await second.snapshot().tasks.flatMap(\.restoring)
        #expect(fromCheckpoint.count == 2)
        #expect(fromCheckpoint.allSatisfy { $0.total == 0 })
        await second.close()

        // State dir wiped: the store is restored from the changelog, and counts still continue.
        try second.cleanUp()
        #expect(!FileManager.default.fileExists(atPath: stateDir + "/wc"))
        try await cluster.produce("lines", [("5", "hello samsa")])
        expected["hello"] = 4
        expected["samsa"] = 3
        let third = try KafkaStreams(topology: topology, config: try cluster.streamsConfig(app: "wc", stateDir: stateDir))
        try await third.start()
        output = try await cluster.readAll("counts-out") { latestCounts($0) == expected }
        #expect(latestCounts(output) == expected)
        let restored = await third.snapshot().tasks.flatMap(\.restoring)
        // Both count tasks replayed their changelog partition completely: 4 keys before this restart.
        #expect(restored.allSatisfy { $0.done })
        #expect(restored.map(\.changelog.topic).allSatisfy { $0 == "wc-counts-changelog" })
        #expect(restored.reduce(0) { $0 + $1.total } >= 4)
        await third.close()
    }

    @Test func missingSourceTopicAndCopartitioningAreOneSentence() async throws {
        let cluster = try await RuntimeTestCluster.start(brokers: 1)
        defer { cluster.stop() }
        let stateDir = temporaryStateDir()
        let missing = try KafkaStreams(topology: RuntimeTopologies.wordCount(input: "absent", output: "out"),
                                       config: try cluster.streamsConfig(app: "m", stateDir: stateDir))
        do {
            try await missing.start()
            Issue.record("start should fail")
        } catch let error as StreamsError {
            #expect(error.kind == .missingSourceTopic)
            #expect(error.message == "Missing source topics. [absent] must exist before application 'm' starts.")
        }
        #expect(missing.state == .error)

        try await cluster.createTopic("left", partitions: 2)
        try await cluster.createTopic("right", partitions: 3)
        let mismatched = try KafkaStreams(topology: RuntimeTopologies.copartitioned(left: "left", right: "right"),
                                          config: try cluster.streamsConfig(app: "j", stateDir: stateDir))
        do {
            try await mismatched.start()
            Issue.record("start should fail")
        } catch let error as StreamsError {
            #expect(error.message == "Invalid topology: Topics not co-partitioned: [{left=2, right=3}]")
        }
    }

    /// A RocksDB store that no longer opens is destroyed and rebuilt from its whole changelog.
    @Test func aCorruptStoreIsRebuiltFromItsChangelog() async throws {
        let cluster = try await RuntimeTestCluster.start(brokers: 1)
        defer { cluster.stop() }
        try await cluster.createTopic("cor-in", partitions: 1)
        try await cluster.createTopic("cor-out", partitions: 1)
        let stateDir = temporaryStateDir()
        defer { try? FileManager.default.removeItem(atPath: stateDir) }
        let topology = RuntimeTopologies.keyCount(input: "cor-in", output: "cor-out")
        let first = try KafkaStreams(topology: topology, config: try cluster.streamsConfig(app: "cor", stateDir: stateDir))
        try await first.start()
        try await cluster.produce("cor-in", [("k", "k"), ("k", "k"), ("j", "j")])
        _ = try await cluster.readAll("cor-out") { latestCounts($0) == ["k": 2, "j": 1] }
        await first.close()
        let current = stateDir + "/cor/0_0/rocksdb/counts/CURRENT"
        #expect(FileManager.default.fileExists(atPath: current))
        try "garbage\n".write(toFile: current, atomically: true, encoding: .utf8)

        let second = try KafkaStreams(topology: topology, config: try cluster.streamsConfig(app: "cor", stateDir: stateDir))
        try await second.start()
        try await cluster.produce("cor-in", [("k", "k")])
        let output = try await cluster.readAll("cor-out") { latestCounts($0) == ["k": 3, "j": 1] }
        #expect(latestCounts(output) == ["k": 3, "j": 1])
        let restored = await second.snapshot().tasks.flatMap(\.restoring)
        #expect(restored.map(\.total) == [3])  // the whole changelog: k=1, k=2, j=1
        await second.close()

        // A corrupt checkpoint file: the state is not trusted and the whole changelog is replayed.
        try "0\nnot a count\n".write(toFile: stateDir + "/cor/0_0/.checkpoint", atomically: true, encoding: .utf8)
        let third = try KafkaStreams(topology: topology, config: try cluster.streamsConfig(app: "cor", stateDir: stateDir))
        try await third.start()
        try await cluster.produce("cor-in", [("j", "j")])
        _ = try await cluster.readAll("cor-out") { latestCounts($0) == ["k": 3, "j": 2] }
        #expect(await third.snapshot().tasks.flatMap(\.restoring).map(\.total) == [4])
        #expect(try third.keyValueStore("counts", key: Serdes.string, value: Serdes.long).get("k") == 3)
        await third.close()
    }

    /// A logged window store: queried by key and time range, and rebuilt from its changelog after cleanUp.
    @Test func windowStoreIsQueriedAndRestored() async throws {
        let cluster = try await RuntimeTestCluster.start(brokers: 1)
        defer { cluster.stop() }
        try await cluster.createTopic("win-in", partitions: 2)
        let stateDir = temporaryStateDir()
        defer { try? FileManager.default.removeItem(atPath: stateDir) }
        // Windows [0, 60000) and [60000, 120000): a is 2 then 1, b is 1 in the first.
        let keys = ["a", "a", "b", "a"], times: [Int64] = [1_000, 59_999, 30_000, 60_000]
        try await cluster.produce("win-in", bytes: keys.map { ($0, [1]) }, timestamps: times)
        // The DSL's windowed count keeps ValueAndTimestamp in its store; queries and snapshots show the counts.
        let builder = StreamsBuilder()
        _ = builder.stream("win-in", Consumed(key: Serdes.string, value: Serdes.bytes)).groupByKey()
            .windowedBy(try TimeWindows.ofSizeWithNoGrace(.seconds(60)))
            .count(Materialized.as("windowed").withRetention(ms: 86_400_000))  // keeps [0, 60000) past stream time 60000
        let topology = try builder.build()
        func check(_ streams: KafkaStreams) async throws {
            try await runtimeEventually { streams.state == .running }
            let windows = try streams.windowStore("windowed", key: Serdes.string, value: Serdes.long)
            try await runtimeEventually { try windows.fetch("a", from: 0, to: 120_000).map(\.value) == [2, 1] }
            #expect(try windows.fetch("a", from: 0, to: 120_000).map(\.windowStart) == [0, 60_000])
            #expect(try windows.fetch("a", from: 60_000, to: 60_000).map(\.value) == [1])
            #expect(try windows.fetchAll(from: 0, to: 0).map { "\($0.key)=\($0.value)" } == ["a=2", "b=1"])
            let shown = await streams.snapshot().stores.filter { $0.name == "windowed" }.flatMap(\.topEntries)
            #expect(Set(shown.map { "\($0.key)=\($0.value)" }) == ["a@0=2", "a@60000=1", "b@0=1"])
        }
        // Without the record cache every update is logged, so the changelog holds exactly 4 records.
        var config = try cluster.streamsConfig(app: "win", stateDir: stateDir)
        _ = try config.apply(["cache.max.bytes.buffering": "0"])
        let first = try KafkaStreams(topology: topology, config: config)
        try await first.start()
        try await check(first)
        await first.close()
        let admin = Admin(client: try cluster.client())
        let configs = try await admin.describeConfigs(topic: "win-windowed-changelog")
        #expect(configs.first { $0.name == "cleanup.policy" }?.value == "compact,delete")
        try first.cleanUp()

        let second = try KafkaStreams(topology: topology, config: config)
        try await second.start()
        try await check(second)
        #expect(await second.snapshot().tasks.flatMap(\.restoring).reduce(0) { $0 + $1.total } == 4)
        await second.close()
    }
}
