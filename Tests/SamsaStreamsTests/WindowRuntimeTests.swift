import Foundation
import SamsaClient
import SamsaProtocol
import SamsaStreams
import Testing

/// End-to-end on a 3-broker in-process cluster: a windowed count with emit-final keeps its window store and
/// suppression buffer in RocksDB with changelogs; after the state directory is wiped both are restored, and
/// every window's final count is written exactly once.
@Suite(.serialized) struct WindowRuntimeTests {
    private func topology() throws -> Topology {
        let builder = StreamsBuilder()
        builder.stream("clicks", Consumed(key: Serdes.string, value: Serdes.string)).groupByKey()
            .windowedBy(try TimeWindows.ofSizeWithNoGrace(.milliseconds(10_000))).count()
            .suppress(try .untilWindowCloses(.unbounded()))
            .toStream().map { key, count in ("\(key!.key)@\(key!.window.start)", count) }
            .to("final-counts", Produced(key: Serdes.string, value: Serdes.long))
        return try builder.build()
    }

    private static func finals(_ records: [ConsumerRecord]) -> [String] {
        records.compactMap { record in
            guard let key = record.keyString, let value = record.value else { return nil }
            return "\(key)=\(Array(value.readableBytesView).reduce(Int64(0)) { ($0 << 8) | Int64($1) })"
        }.sorted()
    }

    @Test func finalCountsSurviveAWipedStateDirectory() async throws {
        let cluster = try await RuntimeTestCluster.start()
        defer { cluster.stop() }
        try await cluster.createTopic("clicks", partitions: 2)
        try await cluster.createTopic("final-counts", partitions: 2)
        let stateDir = temporaryStateDir()
        defer { try? FileManager.default.removeItem(atPath: stateDir) }

        // ann and cat hash to different partitions (murmur2), so each task has its own stream time.
        try await cluster.produce("clicks", timestamped: [("ann", "/a", 1_000), ("cat", "/c", 2_000), ("ann", "/a", 3_000),
                                                          ("ann", "/a", 9_999), ("cat", "/c", 12_000)])
        let first = try KafkaStreams(topology: try topology(), config: try cluster.streamsConfig(app: "final", stateDir: stateDir))
        try await first.start()
        // Every window's count went through the buffer, whose changelog holds them (at least one per window:
        // the record cache in front of the window store may collapse a window's updates within a commit).
        let buffered = try await cluster.readAll("final-KTABLE-SUPPRESS-STATE-STORE-0000000004-changelog") { $0.count >= 3 }
        #expect(buffered.count >= 3)
        // cat's [0, 10 s) closed when cat's partition reached 12 s: its final count is out already.
        var output = try await cluster.readAll("final-counts") { Self.finals($0) == ["cat@0=1"] }
        #expect(Self.finals(output) == ["cat@0=1"])
        #expect(await first.close())
        try first.cleanUp()

        let second = try KafkaStreams(topology: try topology(), config: try cluster.streamsConfig(app: "final", stateDir: stateDir))
        try await second.start()
        // Stream time past 20 s on both partitions closes ann's [0, 10 s) and cat's [10 s, 20 s), restored.
        try await cluster.produce("clicks", timestamped: [("ann", "/a", 25_000), ("cat", "/c", 25_000)])
        let expected = ["ann@0=3", "cat@0=1", "cat@10000=1"]
        output = try await cluster.readAll("final-counts") { Self.finals($0) == expected }
        #expect(Self.finals(output) == expected)
        let restored = await second.snapshot().tasks.flatMap(\.restoring)
        #expect(restored.contains { $0.changelog.topic == "final-KTABLE-SUPPRESS-STATE-STORE-0000000004-changelog" && $0.total > 0 })
        #expect(await second.close())
    }
}
