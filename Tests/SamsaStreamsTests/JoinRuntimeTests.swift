import Foundation
import SamsaClient
import SamsaProtocol
import SamsaStreams
import Testing

/// End-to-end on a 3-broker in-process cluster: a stream-stream left join keeps an unmatched left record in its
/// shared outer store (RocksDB + changelog); after the state directory is wiped the record is restored and
/// emitted null-padded once its window closes, and a matched pair is emitted once, never null-padded.
@Suite(.serialized) struct JoinRuntimeTests {
    private func topology() throws -> Topology {
        let builder = StreamsBuilder()
        let strings = Consumed(key: Serdes.string, value: Serdes.string)
        builder.stream("left", strings)
            .leftJoin(builder.stream("right", strings), windows: try JoinWindows.ofTimeDifferenceWithNoGrace(.milliseconds(5_000))) {
                "[\($0), \($1 ?? "null")]"
            }
            .to("joined", Produced(key: Serdes.string, value: Serdes.string))
        return try builder.build()
    }

    private static func joined(_ records: [ConsumerRecord]) -> [String] {
        records.map { "\($0.keyString ?? "null")=\($0.value.map { String(buffer: $0) } ?? "null")" }.sorted()
    }

    @Test func anUnmatchedRecordWaitsAcrossARestartAndIsEmittedOnceItsWindowCloses() async throws {
        let cluster = try await RuntimeTestCluster.start()
        defer { cluster.stop() }
        for topic in ["left", "right", "joined"] { try await cluster.createTopic(topic, partitions: 2) }
        let stateDir = temporaryStateDir()
        defer { try? FileManager.default.removeItem(atPath: stateDir) }

        try await cluster.produce("left", timestamped: [("ann", "A", 1_000), ("cat", "C", 3_000)])
        try await cluster.produce("right", timestamped: [("cat", "c", 2_000)])
        let first = try KafkaStreams(topology: try topology(), config: try cluster.streamsConfig(app: "lj", stateDir: stateDir))
        try await first.start()
        var output = try await cluster.readAll("joined") { Self.joined($0) == ["cat=[C, c]"] }
        #expect(Self.joined(output) == ["cat=[C, c]"])
        // ann's record waits in the shared store (its changelog holds it).
        let shared = try await cluster.readAll("lj-KSTREAM-OUTERSHARED-0000000004-store-changelog") { !$0.isEmpty }
        #expect(!shared.isEmpty)
        #expect(await first.close())
        try first.cleanUp()

        let second = try KafkaStreams(topology: try topology(), config: try cluster.streamsConfig(app: "lj", stateDir: stateDir))
        try await second.start()
        try await cluster.produce("left", timestamped: [("ann", "A2", 20_000)])  // stream time passes 1 s + 5 s: A's window closed
        output = try await cluster.readAll("joined") { Self.joined($0).count >= 2 }
        #expect(Self.joined(output) == ["ann=[A, null]", "cat=[C, c]"])
        #expect(await second.close())
    }
}
