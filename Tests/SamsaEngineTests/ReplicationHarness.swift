import Foundation
import Logging
import NIOCore
import NIOPosix
@testable import SamsaEngine
@testable import SamsaProtocol

/// A multi-broker cluster replicating on real event loops (no sockets: replication is in-process), in a
/// temp directory, for one test.
final class ReplicationHarness: @unchecked Sendable {
    let directory = NSTemporaryDirectory() + "samsa-replication-\(UUID().uuidString)"
    let loops = MultiThreadedEventLoopGroup(numberOfThreads: 2)
    let cluster: Cluster

    init(brokers: Int = 3, settings: [String: String] = [:]) throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let config = ClusterConfig(dataDirectory: directory, ports: (0..<brokers).map { 41000 + $0 },
                                   settings: BrokerSettings(["offsets.topic.num.partitions": "3"].merging(settings) { $1 }))
        cluster = try Cluster(config: config, logger: logger)
        cluster.startBackgroundWork(on: loops)
    }

    func close() {
        cluster.shutdown()
        try? loops.syncShutdownGracefully()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func leader(of tp: TopicPartition) -> Broker? {
        guard let state = cluster.controller.topic(tp.topic)?.partitions[Int(tp.partition)], state.leader >= 0 else { return nil }
        return cluster.broker(state.leader)
    }

    func state(of tp: TopicPartition) -> PartitionState? {
        cluster.controller.topic(tp.topic)?.partitions[Int(tp.partition)]
    }

    /// Appends one batch of `values` at the partition's leader; with acks=all, waits for the in-sync replicas.
    /// Like a client, it retries while a new leader is still taking over (the controller's decision is
    /// visible a moment before the broker acts on it).
    @discardableResult
    func produce(_ tp: TopicPartition, _ values: [String], acks: Int16 = -1) throws -> ProduceResult {
        var result = try produceOnce(tp, values, acks: acks)
        for _ in 0..<100 where result.error == .notLeaderOrFollower || result.error == .leaderNotAvailable {
            Thread.sleep(forTimeInterval: 0.02)
            result = try produceOnce(tp, values, acks: acks)
        }
        return result
    }

    private func produceOnce(_ tp: TopicPartition, _ values: [String], acks: Int16) throws -> ProduceResult {
        guard let leader = leader(of: tp) else { return ProduceResult(error: .leaderNotAvailable) }
        var builder = RecordBatchBuilder()
        for value in values { builder.append(key: ByteBuffer(string: value), value: ByteBuffer(string: value), timestamp: currentTimeMillis()) }
        var result = leader.produce(tp, records: builder.build(), in: cluster, acks: acks)
        if acks == -1, result.error == .none, let partition = leader.partition(tp) {
            result.error = try partition.waitForReplication(through: result.lastOffset, timeoutMs: 30_000, on: loops.next()).wait()
        }
        return result
    }

    /// Every value in the replica's log on `broker`, in offset order.
    func values(_ tp: TopicPartition, on broker: Int32) throws -> [String] {
        guard let partition = cluster.broker(broker)?.partition(tp) else { return [] }
        let read = try partition.log.read(from: partition.logStartOffset, maxBytes: 64 << 20, maxOffset: nil)
        return try RecordBatch.decodeAll(read.records).flatMap { $0.records.compactMap { $0.value.map { String(buffer: $0) } } }
    }
}

/// Polls `condition` every 10 ms until it holds or `seconds` pass (generous: the suite must pass on a loaded
/// 2-core machine); returns whether it held.
func eventually(_ seconds: Double = 30, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.01)
    }
    return try condition()
}
