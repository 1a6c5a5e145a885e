import Foundation
import Logging
import NIOCore
import NIOPosix
import SamsaClient
import SamsaConnect
import SamsaEngine
import SamsaProtocol
import SamsaServer
import Testing

/// An in-process cluster on loopback (port 0 listeners) in a temp directory, for Connect's end-to-end tests.
/// Other Connect test suites (REST, distributed) use it too.
final class ConnectTestCluster: @unchecked Sendable {
    let directory: String
    let cluster: Cluster
    let server: KafkaServer
    let group: MultiThreadedEventLoopGroup

    static func start(brokers: Int = 1) async throws -> ConnectTestCluster {
        let server = try ConnectTestCluster(brokers: brokers)
        try await server.server.start()
        return server
    }

    private init(brokers: Int) throws {
        directory = NSTemporaryDirectory() + "samsa-connect-\(UUID().uuidString)"
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

    func createTopic(_ name: String, partitions: Int32 = 1) async throws {
        let client = try client()
        _ = try await Admin(client: client).createTopic(name, partitions: partitions, replicationFactor: Int16(min(cluster.brokers.count, 3)))
        await client.close()
    }

    /// Sends (key, value) string records to `topic`.
    func produce(_ topic: String, _ records: [(String?, String)]) async throws {
        let client = try client()
        let producer = Producer(client: client)
        for (key, value) in records { try await producer.send(ProducerRecord(topic: topic, key: key, value: value)) }
        await producer.close()
        await client.close()
    }

    /// Reads the whole topic until `done` holds for what was read (or the deadline passes).
    func readAll(_ topic: String, seconds: Double = 90, until done: ([ConsumerRecord]) -> Bool) async throws -> [ConsumerRecord] {
        let client = try client()
        defer { Task { await client.close() } }
        var config = ConsumerConfig()
        config.fetchMaxWaitMs = 100
        let consumer = Consumer(client: client, config: config)
        let deadline = Date().addingTimeInterval(seconds)
        var partitions: [TopicPartition] = []
        while partitions.isEmpty && Date() < deadline {
            partitions = (try? await consumer.partitions(of: topic)) ?? []
            if partitions.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
        }
        consumer.assign(partitions, from: .beginning)
        var all: [ConsumerRecord] = []
        while Date() < deadline {
            all += try await consumer.poll(timeout: .milliseconds(200))
            if done(all) { break }
        }
        return all
    }

    /// A standalone worker config for this cluster: string converters by default, fast offset flushes.
    func workerConfig(offsetsFile: String, extra: [String: String] = [:]) throws -> WorkerConfig {
        try WorkerConfig(properties: [
            "bootstrap.servers": bootstrap,
            "key.converter": "org.apache.kafka.connect.storage.StringConverter",
            "value.converter": "org.apache.kafka.connect.storage.StringConverter",
            "offset.storage.file.filename": offsetsFile,
            "offset.flush.interval.ms": "200",
        ].merging(extra) { $1 }, distributed: false)
    }

    func stop() {
        server.beginStop()
        cluster.shutdown()
        group.shutdownGracefully { _ in }
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Waits until `condition` holds, polling every 50 ms, with a generous deadline for a loaded machine.
func connectEventually(_ seconds: Double = 90, sourceLocation: SourceLocation = #_sourceLocation,
                       _ condition: () async throws -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    if try await condition() { return }
    Issue.record("The condition did not hold within \(seconds) s", sourceLocation: sourceLocation)
    throw ConnectError.connect("eventually timed out")
}

func temporaryPath(_ name: String) -> String {
    NSTemporaryDirectory() + "samsa-connect-\(UUID().uuidString)-\(name)"
}

/// A logger for runtimes under test: only critical lines (tests assert on statuses, not on logs).
func quietLogger() -> Logger {
    var logger = Logger(label: "samsa.connect.test")
    logger.logLevel = .critical
    return logger
}
