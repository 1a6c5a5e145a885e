import Foundation
import SamsaClient
import SamsaProtocol
import SamsaStreams
import Testing

/// End-to-end: the record cache in front of a DSL count on an in-process cluster. The commit interval is an
/// hour, so whatever reaches the output before a close or rebalance was forwarded by the cache itself.
@Suite(.serialized) struct RecordCacheRuntimeTests {
    static func keyCount(input: String, output: String) throws -> Topology {
        let builder = StreamsBuilder()
        builder.stream(input, Consumed(key: Serdes.string, value: Serdes.string))
            .groupByKey()
            .count(Materialized.as("counts"))
            .toStream()
            .to(output, Produced(key: Serdes.string, value: Serdes.long))
        return try builder.build()
    }

    static func config(_ cluster: RuntimeTestCluster, app: String, stateDir: String, cacheBytes: Int) throws -> StreamsConfig {
        var config = try cluster.streamsConfig(app: app, stateDir: stateDir)
        _ = try config.apply(["commit.interval.ms": "3600000", "cache.max.bytes.buffering": "\(cacheBytes)"])
        return config
    }

    static func endOffsets(_ cluster: RuntimeTestCluster, _ topic: String, partitions: Int32) async throws -> Int64 {
        let client = try cluster.client()
        defer { Task { await client.close() } }
        let ends = try await Admin(client: client).listOffsets((0..<partitions).map { TopicPartition(topic, $0) }, spec: -1)
        return ends.values.reduce(0, +)
    }

    /// 200 updates of 4 keys: nothing forwarded or logged while cached; the rebalance a second instance
    /// causes flushes each key once, with its final count.
    @Test func repeatedKeysCollapseAndFlushOnRebalance() async throws {
        let cluster = try await RuntimeTestCluster.start(brokers: 1)
        defer { cluster.stop() }
        try await cluster.createTopic("rc-in", partitions: 2)
        try await cluster.createTopic("rc-out", partitions: 2)
        let dirs = [temporaryStateDir(), temporaryStateDir()]
        defer { for dir in dirs { try? FileManager.default.removeItem(atPath: dir) } }
        let records = (0..<200).map { i in ("k\(i % 4)", "x") }
        let expected: [String: Int64] = ["k0": 50, "k1": 50, "k2": 50, "k3": 50]
        let topology = try Self.keyCount(input: "rc-in", output: "rc-out")
        let first = try KafkaStreams(topology: topology, config: try Self.config(cluster, app: "rc", stateDir: dirs[0], cacheBytes: 10_485_760))
        try await first.start()
        try await cluster.produce("rc-in", records)
        try await runtimeEventually { await first.snapshot().processedTotal == 200 }
        #expect(try await Self.endOffsets(cluster, "rc-out", partitions: 2) == 0)
        #expect(try await Self.endOffsets(cluster, "rc-counts-changelog", partitions: 2) == 0)
        // Queries read through the cache.
        #expect(try first.keyValueStore("counts", key: Serdes.string, value: Serdes.long).get("k1") == 50)

        let second = try KafkaStreams(topology: topology, config: try Self.config(cluster, app: "rc", stateDir: dirs[1], cacheBytes: 10_485_760))
        try await second.start()
        let output = try await cluster.readAll("rc-out") { latestCounts($0) == expected }
        #expect(latestCounts(output) == expected)
        #expect(output.count == 4, "one record per key, not one per update")
        #expect(await first.close())
        #expect(await second.close())
        let changelog = try await cluster.readAll("rc-counts-changelog") { $0.count >= 4 }
        #expect(latestCounts(changelog) == expected)
        #expect(changelog.count == 4)
        #expect(try await Self.endOffsets(cluster, "rc-out", partitions: 2) == 4)
    }

    /// `cache.max.bytes.buffering=0`: every update is forwarded and logged, as before the cache.
    @Test func withoutTheCacheEveryUpdateIsForwarded() async throws {
        let cluster = try await RuntimeTestCluster.start(brokers: 1)
        defer { cluster.stop() }
        try await cluster.createTopic("nc-in", partitions: 2)
        try await cluster.createTopic("nc-out", partitions: 2)
        let dir = temporaryStateDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let streams = try KafkaStreams(topology: try Self.keyCount(input: "nc-in", output: "nc-out"),
                                       config: try Self.config(cluster, app: "nc", stateDir: dir, cacheBytes: 0))
        try await streams.start()
        try await cluster.produce("nc-in", (0..<60).map { i in ("k\(i % 3)", "x") })
        let output = try await cluster.readAll("nc-out") { $0.count >= 60 }
        for key in ["k0", "k1", "k2"] { #expect(countsSeen(output, key: key) == Array(1...20)) }
        #expect(await streams.close())
        let changelog = try await cluster.readAll("nc-counts-changelog") { $0.count >= 60 }
        #expect(changelog.count == 60)
    }

    /// A cache with room for one entry: each update of another key evicts the previous one, which is written
    /// and forwarded long before the hour-long commit interval; the last is forwarded by the clean close.
    @Test func aFullCacheEvictsBeforeTheCommitAndCloseFlushesTheRest() async throws {
        let cluster = try await RuntimeTestCluster.start(brokers: 1)
        defer { cluster.stop() }
        try await cluster.createTopic("ev-in", partitions: 1)
        try await cluster.createTopic("ev-out", partitions: 1)
        let dir = temporaryStateDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // An entry is key (2 bytes) + Long (8) + 64: 100 bytes hold one.
        let streams = try KafkaStreams(topology: try Self.keyCount(input: "ev-in", output: "ev-out"),
                                       config: try Self.config(cluster, app: "ev", stateDir: dir, cacheBytes: 100))
        try await streams.start()
        try await cluster.produce("ev-in", (0..<100).map { i in ("k\(i % 5)", "x") })
        let evicted = try await cluster.readAll("ev-out") { $0.count >= 99 }
        #expect(evicted.count == 99)
        #expect(countsSeen(evicted, key: "k4") == Array(1...19))
        #expect(await streams.close())
        let output = try await cluster.readAll("ev-out") { $0.count >= 100 }
        #expect(latestCounts(output) == ["k0": 20, "k1": 20, "k2": 20, "k3": 20, "k4": 20])
        for key in ["k0", "k1", "k2", "k3", "k4"] { #expect(countsSeen(output, key: key) == Array(1...20)) }
    }

    /// The commit flushes the cache: with a 200 ms commit interval the final counts arrive while the instance
    /// keeps running, each key's counts rising, in fewer records than updates.
    @Test func theCommitFlushesTheCache() async throws {
        let cluster = try await RuntimeTestCluster.start(brokers: 1)
        defer { cluster.stop() }
        try await cluster.createTopic("cm-in", partitions: 2)
        try await cluster.createTopic("cm-out", partitions: 2)
        let dir = temporaryStateDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var config = try cluster.streamsConfig(app: "cm", stateDir: dir)  // commit.interval.ms=200, cache 10 MB
        #expect(config.cacheMaxBytesBuffering == 10_485_760)
        config.commitIntervalMsOverride = 200
        let streams = try KafkaStreams(topology: try Self.keyCount(input: "cm-in", output: "cm-out"), config: config)
        try await streams.start()
        try await cluster.produce("cm-in", (0..<300).map { i in ("k\(i % 3)", "x") })
        let expected: [String: Int64] = ["k0": 100, "k1": 100, "k2": 100]
        let output = try await cluster.readAll("cm-out") { latestCounts($0) == expected }
        #expect(latestCounts(output) == expected)
        #expect(output.count < 300)
        for key in expected.keys {
            let seen = countsSeen(output, key: key)
            #expect(seen == seen.sorted() && Set(seen).count == seen.count, "\(key) rises: \(seen)")
        }
        #expect(streams.state == .running)
        #expect(await streams.close())
    }
}
