import Foundation
import Logging
import NIOCore
import NIOPosix
import SamsaClient
import SamsaEngine
import SamsaProtocol
import SamsaServer
import SamsaStreams
import Testing

/// An in-process cluster on loopback (port 0 listeners) in a temp directory, for the runtime's end-to-end tests.
final class RuntimeTestCluster: @unchecked Sendable {
    let directory: String
    let cluster: Cluster
    let server: KafkaServer
    let group: MultiThreadedEventLoopGroup

    static func start(brokers: Int = 3) async throws -> RuntimeTestCluster {
        let server = try RuntimeTestCluster(brokers: brokers)
        try await server.server.start()
        return server
    }

    private init(brokers: Int) throws {
        directory = NSTemporaryDirectory() + "samsa-streams-\(UUID().uuidString)"
        let config = ClusterConfig(dataDirectory: directory, ports: Array(repeating: 0, count: brokers),
                                   settings: BrokerSettings([:]))
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        cluster = try Cluster(config: config, logger: logger)
        group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        server = KafkaServer(cluster: cluster, group: group, logger: logger)
    }

    var bootstrap: String { cluster.brokers.map { "127.0.0.1:\($0.port)" }.joined(separator: ",") }

    func client() throws -> KafkaClient { try KafkaClient(bootstrap: bootstrap, clientId: "test") }

    func createTopic(_ name: String, partitions: Int32) async throws {
        let client = try client()
        _ = try await Admin(client: client).createTopic(name, partitions: partitions, replicationFactor: Int16(min(cluster.brokers.count, 3)))
        await client.close()
    }

    /// Sends records (key, value) to `topic`, partitioned by key.
    func produce(_ topic: String, _ records: [(String?, String)]) async throws {
        let client = try client()
        let producer = Producer(client: client)
        for (key, value) in records { try await producer.send(ProducerRecord(topic: topic, key: key, value: value)) }
        await producer.close()
        await client.close()
    }

    /// Sends records with raw value bytes, and the timestamp when given.
    func produce(_ topic: String, bytes records: [(String, [UInt8])], timestamps: [Int64]? = nil) async throws {
        let client = try client()
        let producer = Producer(client: client)
        for (i, (key, value)) in records.enumerated() {
            try await producer.send(ProducerRecord(topic: topic, key: ByteBuffer(string: key), value: ByteBuffer(bytes: value),
                                                   timestamp: timestamps?[i]))
        }
        await producer.close()
        await client.close()
    }

    /// Reads the whole topic at `isolation` until `done` holds for what was read (or the deadline passes).
    func readAll(_ topic: String, readCommitted: Bool = false, seconds: Double = 90,
                 until done: ([ConsumerRecord]) -> Bool) async throws -> [ConsumerRecord] {
        let client = try client()
        defer { Task { await client.close() } }
        var config = ConsumerConfig()
        config.isolationLevel = readCommitted ? .readCommitted : .readUncommitted
        config.fetchMaxWaitMs = 100
        let consumer = Consumer(client: client, config: config)
        let partitions = try await consumer.partitions(of: topic)
        consumer.assign(partitions, from: .beginning)
        var all: [ConsumerRecord] = []
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            all += try await consumer.poll(timeout: .milliseconds(200))
            if done(all) { break }
        }
        return all
    }

    /// A Streams config for this cluster with short commit and heartbeat intervals.
    func streamsConfig(app: String, stateDir: String, guarantee: String = "at_least_once") throws -> StreamsConfig {
        var config = StreamsConfig(applicationId: app)
        _ = try config.apply(["bootstrap.servers": bootstrap, "state.dir": stateDir, "commit.interval.ms": "200",
                              "processing.guarantee": guarantee, "consumer.session.timeout.ms": "10000",
                              "consumer.heartbeat.interval.ms": "500"])
        return config
    }

    func stop() {
        server.beginStop()
        cluster.shutdown()
        group.shutdownGracefully { _ in }
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// The latest Long value per String key of a topic's records.
func latestCounts(_ records: [ConsumerRecord]) -> [String: Int64] {
    var counts: [String: Int64] = [:]
    for record in records {
        guard let key = record.keyString, let value = record.value else { continue }
        counts[key] = Array(value.readableBytesView).reduce(Int64(0)) { ($0 << 8) | Int64($1) }
    }
    return counts
}

/// The Long values written for `key`, in log order (each count a counting topology emitted).
func countsSeen(_ records: [ConsumerRecord], key: String) -> [Int64] {
    records.filter { $0.keyString == key }.map { Array($0.value!.readableBytesView).reduce(Int64(0)) { ($0 << 8) | Int64($1) } }
}

/// Waits until `condition` holds, polling every 50 ms, with a generous deadline for a loaded machine.
func runtimeEventually(_ seconds: Double = 90, sourceLocation: SourceLocation = #_sourceLocation,
                _ condition: () async throws -> Bool) async throws {
    // A store query during a rebalance or restore throws Kafka's InvalidStateStoreException, which Kafka's
    // docs tell callers to retry: here it means "not yet", as a false condition does.
    func holds() async throws -> Bool {
        do { return try await condition() } catch let error as StreamsError where error.kind == .invalidStateStore { return false }
    }
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await holds() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    if try await holds() { return }
    Issue.record("The condition did not hold within \(seconds) s", sourceLocation: sourceLocation)
    throw StreamsError(.illegalState, "eventually timed out")
}

func temporaryStateDir() -> String {
    NSTemporaryDirectory() + "samsa-streams-state-\(UUID().uuidString)"
}
