import Foundation
import SamsaClient
import SamsaProtocol
import SamsaStreams
import Testing

final class Transitions: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [String] = []
    func add(_ s: String) { lock.lock(); seen.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return seen }
}

/// End-to-end with the DSL: Kafka's WordCountDemo on three brokers.
@Suite(.serialized) struct RuntimeDSLTests {
    static func wordCount(input: String, output: String) throws -> Topology {
        let builder = StreamsBuilder()
        builder.stream(input, Consumed(key: Serdes.string, value: Serdes.string))
            .flatMapValues { line in line.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init) }
            .groupBy { _, word in word }
            .count(Materialized.as("counts-store"))
            .toStream()
            .to(output, Produced(key: Serdes.string, value: Serdes.long))
        return try builder.build()
    }

    @Test func wordCountWithTwoThreadsExactlyOnce() async throws {
        let cluster = try await RuntimeTestCluster.start()
        defer { cluster.stop() }
        try await cluster.createTopic("plaintext", partitions: 3)
        try await cluster.createTopic("wordcount", partitions: 3)
        let stateDir = temporaryStateDir()
        defer { try? FileManager.default.removeItem(atPath: stateDir) }
        var config = StreamsConfig(applicationId: "dsl-wc")
        let warnings = try config.apply(["bootstrap.servers": cluster.bootstrap, "state.dir": stateDir, "num.stream.threads": "2",
                                         "processing.guarantee": "exactly_once_v2", "consumer.heartbeat.interval.ms": "500"])
        #expect(warnings.isEmpty)
        let streams = try KafkaStreams(topology: try Self.wordCount(input: "plaintext", output: "wordcount"), config: config)
        let transitions = Transitions()
        streams.setStateListener { new, old in transitions.add("\(old.rawValue)->\(new.rawValue)") }
        try await streams.start()
        try await cluster.produce("plaintext", [(nil, "all streams lead to kafka"), (nil, "hello kafka streams"),
                                                (nil, "join kafka summit")])
        let expected: [String: Int64] = ["all": 1, "streams": 2, "lead": 1, "to": 1, "kafka": 3, "hello": 1, "join": 1, "summit": 1]
        let output = try await cluster.readAll("wordcount", readCommitted: true) { latestCounts($0) == expected }
        #expect(latestCounts(output) == expected)
        let snapshot = await streams.snapshot()
        // Two subtopologies over three partitions, split between the two threads.
        #expect(snapshot.tasks.count == 6)
        #expect(Set(snapshot.tasks.map(\.thread)).count == 2)
        try await runtimeEventually { streams.state == .running }
        let store = try streams.keyValueStore("counts-store", key: Serdes.string, value: Serdes.long)
        #expect(try store.get("kafka") == 3)
        #expect(try store.all().count == 8)
        #expect(throws: StreamsError.self) { try streams.keyValueStore("nope", key: Serdes.string, value: Serdes.long) }
        await streams.close()
        // A rebalance may pass through REBALANCING again in between; the ends are fixed.
        #expect(transitions.all.first == "CREATED->REBALANCING")
        #expect(transitions.all.contains("REBALANCING->RUNNING"))
        #expect(transitions.all.suffix(2) == ["RUNNING->PENDING_SHUTDOWN", "PENDING_SHUTDOWN->NOT_RUNNING"])
        let topics = try await Admin(client: try cluster.client()).listTopics()
        #expect(topics.contains("dsl-wc-counts-store-changelog"))
        #expect(topics.contains { $0.hasPrefix("dsl-wc-") && $0.hasSuffix("-repartition") })
    }

    /// A GlobalKTable: every partition of its topic is read before processing starts, then kept up to date;
    /// interactive queries read the global store.
    @Test func globalTableIsBootstrappedAndKeptUp() async throws {
        let cluster = try await RuntimeTestCluster.start()
        defer { cluster.stop() }
        try await cluster.createTopic("gt-lines", partitions: 2)
        try await cluster.createTopic("gt-out", partitions: 2)
        try await cluster.createTopic("countries", partitions: 3)
        try await cluster.produce("countries", [("de", "Germany"), ("fr", "France"), ("nl", "Netherlands"), ("de", "Deutschland")])
        let stateDir = temporaryStateDir()
        defer { try? FileManager.default.removeItem(atPath: stateDir) }
        let builder = StreamsBuilder()
        _ = builder.globalTable("countries", Consumed(key: Serdes.string, value: Serdes.string), Materialized.as("countries-store"))
        builder.stream("gt-lines", Consumed(key: Serdes.string, value: Serdes.string)).to("gt-out")
        var config = StreamsConfig(applicationId: "gt")
        _ = try config.apply(["bootstrap.servers": cluster.bootstrap, "state.dir": stateDir])
        let streams = try KafkaStreams(topology: try builder.build(), config: config)
        try await streams.start()
        // start() returns after the bootstrap: the whole topic is in the store.
        let countries = try streams.keyValueStore("countries-store", key: Serdes.string, value: Serdes.string)
        #expect(try countries.get("de") == "Deutschland")
        #expect(try countries.all().map(\.key) == ["de", "fr", "nl"])
        try await cluster.produce("countries", [("it", "Italy")])
        try await runtimeEventually { try countries.get("it") == "Italy" }
        let snapshot = await streams.snapshot()
        #expect(snapshot.tasks.contains { $0.id == TaskId(subtopology: -1, partition: -1) && $0.partitions.count == 3 })
        #expect(snapshot.stores.contains { $0.name == "countries-store" && $0.approximateCount == 4 })
        // The published stream delivers snapshots while running, and ends with the final one after close.
        var published = streams.snapshots().makeAsyncIterator()
        #expect(await published.next()?.applicationId == "gt")
        await streams.close()
        // Periodic snapshots buffered before the close may come first; the final one is NOT_RUNNING and last.
        var last: StreamsSnapshot?
        while let next = await published.next() {
            last = next
            if next.state == .notRunning { break }
        }
        #expect(last?.state == .notRunning)
        #expect(await published.next() == nil)
    }

    /// default.deserialization.exception.handler reaches the topology's sources through the task context.
    @Test func logAndContinueSkipsARecordThatDoesNotDecode() async throws {
        let cluster = try await RuntimeTestCluster.start(brokers: 1)
        defer { cluster.stop() }
        try await cluster.createTopic("des-in", partitions: 1)
        try await cluster.createTopic("des-out", partitions: 1)
        try await cluster.createTopic("des-last", partitions: 3)
        let stateDir = temporaryStateDir()
        defer { try? FileManager.default.removeItem(atPath: stateDir) }
        let builder = StreamsBuilder()
        let input = builder.stream("des-in", Consumed(key: Serdes.string, value: Serdes.long))
        input.mapValues { $0 * 2 }.to("des-out", Produced(key: Serdes.string, value: Serdes.long))
        // A custom partitioner gets the sink's partition count from the runtime: all output to the last one.
        input.to("des-last", Produced(key: Serdes.string, value: Serdes.long, partitioner: { _, _, _, count in count - 1 }))
        var config = try cluster.streamsConfig(app: "des", stateDir: stateDir)
        _ = try config.apply(["default.deserialization.exception.handler": "org.apache.kafka.streams.errors.LogAndContinueExceptionHandler"])
        let streams = try KafkaStreams(topology: try builder.build(), config: config)
        try await streams.start()
        try await cluster.produce("des-in", bytes: [("a", try Serdes.long.serialize(5)), ("b", Array("xyz".utf8)), ("c", try Serdes.long.serialize(7))])
        let output = try await cluster.readAll("des-out") { $0.count >= 2 }
        #expect(latestCounts(output) == ["a": 10, "c": 14])
        let last = try await cluster.readAll("des-last") { $0.count >= 2 }
        #expect(last.map(\.partition) == [2, 2])
        try await runtimeEventually { await streams.snapshot().dropped[.deserializationError] == 1 }
        #expect(streams.state != .error)
        await streams.close()
    }
}
