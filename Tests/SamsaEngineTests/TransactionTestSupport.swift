import Foundation
import Logging
import NIOCore
import NIOPosix
@testable import SamsaEngine
@testable import SamsaProtocol

/// A cluster on real event loops and the real scheduler, in a temp directory that survives `restart()`,
/// with helpers that drive a transaction coordinator as a transactional producer would.
final class TransactionHarness: @unchecked Sendable {
    let directory = NSTemporaryDirectory() + "samsa-txn-\(UUID().uuidString)"
    let loops = MultiThreadedEventLoopGroup(numberOfThreads: 2)
    let brokers: Int
    let settings: [String: String]
    private(set) var cluster: Cluster

    init(brokers: Int = 1, settings: [String: String] = [:]) throws {
        self.brokers = brokers
        self.settings = ["offsets.topic.num.partitions": "3", "transaction.state.log.num.partitions": "3"].merging(settings) { $1 }
        cluster = try Self.open(directory, brokers: brokers, settings: self.settings, loops: loops)
    }

    private static func open(_ directory: String, brokers: Int, settings: [String: String], loops: EventLoopGroup) throws -> Cluster {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let config = ClusterConfig(dataDirectory: directory, ports: (0..<brokers).map { 42000 + $0 },
                                   settings: BrokerSettings(settings))
        let cluster = try Cluster(config: config, logger: logger)
        cluster.startBackgroundWork(on: loops)
        return cluster
    }

    /// Shuts the cluster down cleanly and opens it again from the same directory, as a server restart does.
    func restart() throws {
        cluster.shutdown()
        cluster = try Self.open(directory, brokers: brokers, settings: settings, loops: loops)
    }

    func close() {
        cluster.shutdown()
        try? loops.syncShutdownGracefully()
        try? FileManager.default.removeItem(atPath: directory)
    }

    var loop: EventLoop { loops.next() }

    /// The coordinator of `id` once it answers (it may still be loading or moving).
    func coordinator(_ id: String) throws -> TransactionCoordinator {
        var found: TransactionCoordinator?
        _ = eventually {
            guard let broker = try? cluster.transactionCoordinator(for: id) else { return false }
            let description = broker.transactions.describe([id])[0]
            guard description.error == .none || description.error == .transactionalIdNotFound else { return false }
            found = broker.transactions
            return true
        }
        guard let found else { throw EngineError(.coordinatorNotAvailable, "No coordinator for \(id)") }
        return found
    }

    func initProducer(_ id: String, timeoutMs: Int32 = 60000, producerId: Int64 = -1, epoch: Int16 = -1) throws -> InitProducerIdResult {
        try coordinator(id).initProducerId(transactionalId: id, transactionTimeoutMs: timeoutMs, producerId: producerId,
                                           producerEpoch: epoch, on: loop).wait()
    }

    func add(_ id: String, _ producer: InitProducerIdResult, _ partitions: [TopicPartition]) throws -> [TopicPartition: ErrorCode] {
        try coordinator(id).addPartitions(transactionalId: id, producerId: producer.producerId, producerEpoch: producer.producerEpoch,
                                          partitions: partitions, on: loop).wait()
    }

    func end(_ id: String, _ producer: InitProducerIdResult, commit: Bool) throws -> ErrorCode {
        try coordinator(id).endTransaction(transactionalId: id, producerId: producer.producerId,
                                           producerEpoch: producer.producerEpoch, commit: commit, on: loop).wait()
    }

    func describe(_ id: String) throws -> TransactionDescription {
        try coordinator(id).describe([id])[0]
    }

    /// Waits until `id`'s transaction has completed one way or the other.
    func waitForState(_ id: String, _ state: TransactionState) -> Bool {
        eventually { (try? describe(id))?.state == state }
    }

    /// The end-transaction markers in a partition's log at its leader: (producer id, epoch, marker).
    func markers(_ tp: TopicPartition) throws -> [(producerId: Int64, epoch: Int16, marker: ControlRecord)] {
        guard let leader = cluster.controller.topic(tp.topic).map({ $0.partitions[Int(tp.partition)].leader }),
              let partition = cluster.broker(leader)?.partition(tp) else { return [] }
        let read = try partition.log.read(from: partition.logStartOffset, maxBytes: 64 << 20, maxOffset: nil)
        return try RecordBatch.decodeAll(read.records).filter(\.header.isControl).compactMap { batch in
            guard let record = batch.records.first, let marker = try? ControlRecord(key: record.key, value: record.value) else { return nil }
            return (batch.header.producerId, batch.header.producerEpoch, marker)
        }
    }

    /// Writes `next` to the coordinator's log as a client request would, without acting on it afterwards
    /// (no markers): a coordinator that stopped between PrepareCommit and its markers.
    func writeOnly(_ coordinator: TransactionCoordinator, _ next: TransactionMetadata) throws {
        let promise = loop.makePromise(of: ErrorCode.self)
        coordinator.mutate { state, effects in
            coordinator.write(&state, &effects, next, now: currentTimeMillis()) { promise.succeed($0) }
        }
        let code = try promise.futureResult.wait()
        guard code == .none else { throw EngineError(code, "write failed") }
    }

    func metadata(_ id: String) throws -> TransactionMetadata? {
        try coordinator(id).state.withLock { $0.transactions[id] }
    }
}
