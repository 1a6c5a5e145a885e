import ArgumentParser
import Foundation
import Logging
import NIOCore
import SamsaClient
import SamsaServer
import SamsaTUI
import Synchronization

/// `samsa perf tui`: how fast the workbench draws. Without options, full frames of a large synthetic
/// cluster; with --under-load, an embedded three-broker cluster taking a steady stream of records while
/// the workbench's own work (snapshots, frames, keys) is timed against it.
struct PerfTuiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Time the workbench: frames of a synthetic cluster (200 topics, 1,000 partitions, 50 groups unless told), or a live cluster under load.")

    @Option(help: "Frames to render (synthetic cluster).") var frames = 500
    @Option(help: "Rows of the frame.") var rows = 50
    @Option(help: "Columns of the frame.") var cols = 180
    @Flag(name: .customLong("under-load"), help: "Time against an embedded cluster while a producer writes to it.")
    var underLoad = false
    @Option(help: "Records per second the producer aims for (--under-load).") var rate = 100_000
    @Option(help: "Seconds to measure (--under-load).") var seconds = 10.0
    @Option(help: "Partitions: of the synthetic cluster (default 1000), or of the loaded topic (--under-load, default 6; replication factor 3).")
    var partitions: Int32?
    @Option(help: "Topics of the synthetic cluster.") var topics = 200
    @Option(help: "Consumer groups of the synthetic cluster.") var groups = 50
    @Option(name: .customLong("record-size"), help: "Bytes per record value.") var recordSize = 100
    @Option(help: "Port of the first embedded broker (--under-load).") var port = 19092

    private var loadPartitions: Int32 { partitions ?? 6 }

    func validate() throws {
        if frames < 1 || rows < 24 || cols < 80 { throw ValidationError("Use --frames ≥ 1 and a frame of at least 80×24.") }
        if rate < 1 || seconds <= 0 || (partitions ?? 1) < 1 { throw ValidationError("--rate, --seconds and --partitions must be positive.") }
        if !underLoad && (topics < 1 || groups < 0 || Int(partitions ?? 1000) < topics) {
            throw ValidationError("Give at least one topic, no fewer partitions than topics, and zero or more groups.")
        }
    }

    func run() async throws {
        guard underLoad else {
            let total = Int(partitions ?? 1000)
            print("Synthetic cluster (\(topics) topics, \(total) partitions, \(groups) groups), full frames: "
                  + measureFrameRendering(frames: frames, rows: rows, cols: cols, topics: topics, partitions: total, groups: groups).description)
            return
        }
        LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("samsa-perf-tui-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let embedded = try await EmbeddedCluster.start(options: ServerOptions(port: port, dataDirectory: dataDir, brokers: 3),
                                                       logger: Logger(label: "samsa"))
        do {
            try await measureUnderLoad(embedded)
        } catch {
            await embedded.shutdown()
            throw error
        }
        await embedded.shutdown()
    }

    private func measureUnderLoad(_ embedded: EmbeddedCluster) async throws {
        let client = KafkaClient(config: try ClientConfig(bootstrap: embedded.bootstrap, clientId: "perf-tui-load"))
        _ = try await Admin(client: client).createTopic("perf-tui", partitions: loadPartitions, replicationFactor: 3)
        let source = try EmbeddedSource(cluster: embedded.cluster, bootstrap: embedded.bootstrap)
        let load = LoadProducer(client: client, topic: "perf-tui", rate: rate, recordSize: recordSize)
        let producing = Task { await load.run(seconds: seconds + 1) }
        try await Task.sleep(for: .milliseconds(500))  // past the producer's first connections
        let probe = LiveFrameProbe(source: source, topic: "perf-tui", rows: rows, cols: cols)
        let timing = await onOwnThread { probe.run(seconds: seconds) }
        await producing.value
        await source.close()
        await client.close()
        let records = load.acknowledged.load(ordering: .relaxed)
        print(String(format: "Under load: %.0f records/s acknowledged (aiming at %d/s) into 3 brokers, %d partitions, RF 3, %d-byte records",
                     Double(records) / (seconds + 1), rate, loadPartitions, recordSize))
        print("Snapshot build (engine → workbench snapshot, every 100 ms): \(timing.snapshotBuild)")
        print("Frame (new snapshot → full \(timing.cols)×\(timing.rows) frame): \(timing.frame)")
        print("Key to frame (key handled, latest snapshot taken, frame drawn; terminal output excluded): \(timing.keyToFrame)")
    }

    /// Runs `work` on a thread of its own, as the workbench's UI runs, away from the producer's tasks.
    private func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}

/// A producer that writes `rate` records per second to a topic for a while, counting acknowledgements.
final class LoadProducer: Sendable {
    let acknowledged = Atomic<Int>(0)
    private let producer: Producer
    private let topic: String
    private let rate: Int
    private let payload: ByteBuffer

    init(client: KafkaClient, topic: String, rate: Int, recordSize: Int) {
        var config = ProducerConfig()
        config.acks = 1
        producer = Producer(client: client, config: config)
        self.topic = topic
        self.rate = rate
        payload = ByteBuffer(repeating: UInt8(ascii: "x"), count: recordSize)
    }

    func run(seconds: Double) async {
        let start = ContinuousClock.now
        let total = Int(Double(rate) * seconds)
        for i in 0..<total {
            let due = start + .nanoseconds(Int64(i) * 1_000_000_000 / Int64(rate))
            if due > ContinuousClock.now { try? await Task.sleep(until: due) }
            try? await producer.enqueue(ProducerRecord(topic: topic, value: payload)) { [self] result in
                if case .success = result { acknowledged.add(1, ordering: .relaxed) }
            }
        }
        await producer.flush()
        await producer.close()
    }
}
