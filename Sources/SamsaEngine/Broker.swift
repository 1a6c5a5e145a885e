import Foundation
import Logging
import NIOCore
import SamsaProtocol
import SamsaStorage
import Synchronization

/// Whether a broker is serving, and if not, how it went away.
public enum BrokerStatus: String, Sendable, Equatable {
    /// Serving clients and peers.
    case online
    /// Shutting down cleanly: its leaderships have moved and it still answers, so clients hear
    /// NOT_LEADER_OR_FOLLOWER and find the new leaders before its listener closes.
    case stopping
    /// Shut down cleanly: logs flushed, leadership handed over first.
    case stopped
    /// Killed: no flush, no clean shutdown; its logs are recovered when it starts again.
    case crashed
    /// Running but cut off from clients and peers (a network partition); fenced by the controller.
    case isolated

    public var isRunning: Bool { self == .online || self == .stopping || self == .isolated }
}

/// One broker of the embedded cluster: an id, a listener address, a data directory and the partition
/// replicas it hosts. The server's listener for this broker dispatches requests here.
///
/// Thread-safety: the replica table and status sit behind mutexes; each `Partition` synchronizes itself.
public final class Broker: Sendable {
    public let id: Int32
    public let host: String
    public let dataDirectory: String
    let logger: Logger
    /// Serves the consumer groups whose `__consumer_offsets` partition this broker leads.
    public let coordinator: GroupCoordinator
    /// Serves the transactional ids whose `__transaction_state` partition this broker leads.
    public let transactions: TransactionCoordinator
    /// Pulls the partitions this broker follows from their leaders.
    let fetcher: ReplicaFetcher
    private let replicas: Mutex<[TopicPartition: Partition]> = Mutex([:])
    private let statusValue = Mutex(BrokerStatus.online)
    /// Extra delay before each replica fetch: a slow follower, for fault injection.
    let fetchDelayMs = Atomic<Int>(0)
    /// Set while `Cluster.startBroker` recovers this broker's logs, so two starts cannot overlap.
    private let starting = Atomic<Bool>(false)
    private let listenerPort: Atomic<Int>

    public init(id: Int32, host: String, port: Int, dataDirectory: String, controller: Controller,
                groupConfig: GroupCoordinatorConfig, transactionConfig: TransactionCoordinatorConfig = TransactionCoordinatorConfig(),
                logger: Logger) {
        self.id = id
        self.host = host
        listenerPort = Atomic(port)
        self.dataDirectory = dataDirectory
        var logger = logger
        logger[metadataKey: "broker"] = "\(id)"
        self.logger = logger
        coordinator = GroupCoordinator(brokerId: id, config: groupConfig, controller: controller, logger: logger)
        transactions = TransactionCoordinator(brokerId: id, config: transactionConfig, controller: controller, logger: logger)
        fetcher = ReplicaFetcher(brokerId: id, logger: logger)
    }

    public var status: BrokerStatus { statusValue.withLock { $0 } }
    /// The port clients reach this broker on. Configured as 0, it is the one the listener was given.
    public var port: Int { listenerPort.load(ordering: .acquiring) }
    /// The server records the port its listener bound (for a configured port 0), once, before serving.
    public func setListenerPort(_ port: Int) { listenerPort.store(port, ordering: .releasing) }
    /// Ports bound per listener name (the server records each, for a configured port 0 the one it was given).
    private let boundPorts: Mutex<[String: Int]> = Mutex([:])
    /// The port this broker's listener `name` is bound to; nil before the server bound it.
    public func port(listener name: String) -> Int? { boundPorts.withLock { $0[name] } }
    /// The server records the port listener `name` bound.
    public func setListenerPort(_ port: Int, listener name: String) { boundPorts.withLock { $0[name] = port } }

    func beginStart() -> Bool { !starting.exchange(true, ordering: .acquiringAndReleasing) }
    func endStart() { starting.store(false, ordering: .releasing) }
    /// The fault-injected delay before each of this broker's replica fetches.
    public var replicationDelayMs: Int { fetchDelayMs.load(ordering: .relaxed) }
    func setStatus(_ status: BrokerStatus) { statusValue.withLock { $0 = status } }
    /// Reachable by clients and peers.
    public var isReachable: Bool { status == .online || status == .stopping }

    public func partition(_ tp: TopicPartition) -> Partition? { replicas.withLock { $0[tp] } }
    public var partitions: [Partition] { replicas.withLock { Array($0.values) } }

    func directory(for tp: TopicPartition) -> String { "\(dataDirectory)/\(tp.topic)-\(tp.partition)" }

    /// Opens (creating or recovering) this broker's replica of a partition in its assigned role.
    @discardableResult
    func openReplica(_ tp: TopicPartition, topic: TopicState, settings: BrokerSettings,
                     checkpoint: [TopicPartition: Int64] = [:]) throws -> Partition {
        if let existing = partition(tp) { return existing }
        let assignment = topic.partitions[Int(tp.partition)]
        let config = settings.logConfig(overrides: topic.configs)
        let log: PartitionLog
        do {
            log = try DiskLog.open(directory: directory(for: tp), config: config, logger: logger)
        } catch {
            throw EngineError(.kafkaStorageError, "Could not open the log of \(tp) in \(directory(for: tp)): \(error)")
        }
        let replica = Partition(
            topicPartition: tp, topicId: topic.id, brokerId: id, log: log, assignment: assignment,
            checkpointedHighWatermark: checkpoint[tp] ?? (assignment.isr == [id] ? log.logEndOffset : 0),
            logAppendTime: settings.topicValue("message.timestamp.type", overrides: topic.configs) == "LogAppendTime",
            minInsyncReplicas: Int(settings.topicValue("min.insync.replicas", overrides: topic.configs)) ?? 1,
            producerExpirationMs: settings.int64("producer.id.expiration.ms"))
        replicas.withLock { $0[tp] = replica }
        return replica
    }

    /// Closes a replica; with `delete`, removes its files (topic deletion).
    func closeReplica(_ tp: TopicPartition, delete: Bool) {
        guard let replica = replicas.withLock({ $0.removeValue(forKey: tp) }) else { return }
        fetcher.remove([tp])
        replica.wakeAll()
        do {
            if delete { try replica.log.delete() } else { try replica.log.close() }
        } catch {
            logger.error("Closing the log of \(tp) failed: \(error)")
        }
    }

    /// Takes every replica offline. Clean: logs flushed and marked cleanly shut down, high watermarks
    /// checkpointed. Crash: logs abandoned as they are, recovered on the next start.
    func closeAll(clean: Bool) {
        fetcher.stop()
        let all = replicas.withLock { table -> [Partition] in
            defer { table.removeAll() }
            return Array(table.values)
        }
        if clean { saveHighWatermarks(all) }
        for replica in all {
            if replica.topicPartition.topic == OffsetsTopic.name { coordinator.unload(partition: replica.topicPartition.partition) }
            if replica.topicPartition.topic == TransactionLog.name { transactions.unload(partition: replica.topicPartition.partition) }
            replica.wakeAll()
            if clean {
                do { try replica.log.close() } catch { logger.error("Closing the log of \(replica.topicPartition) failed: \(error)") }
            } else {
                replica.log.abandon()
            }
        }
    }

    // MARK: High watermark checkpoint

    var checkpointPath: String { dataDirectory + "/replication-offset-checkpoint" }

    /// Writes every replica's high watermark in Kafka's replication-offset-checkpoint format, so a restarted
    /// leader does not expose records its followers never had nor hide ones they did.
    func saveHighWatermarks(_ replicas: [Partition]? = nil) {
        let all = (replicas ?? partitions).sorted { $0.topicPartition < $1.topicPartition }
        var text = "0\n\(all.count)\n"
        for replica in all { text += "\(replica.topicPartition.topic) \(replica.topicPartition.partition) \(replica.highWatermark)\n" }
        do {
            try AtomicFile.write(Data(text.utf8), to: checkpointPath)
        } catch {
            logger.warning("Could not write \(checkpointPath): \(error)")
        }
    }

    func loadHighWatermarks() -> [TopicPartition: Int64] {
        guard let data = try? AtomicFile.read(checkpointPath) else { return [:] }
        var result: [TopicPartition: Int64] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst(2) {
            let fields = line.split(separator: " ")
            guard fields.count == 3, let partition = Int32(fields[1]), let hw = Int64(fields[2]) else { continue }
            result[TopicPartition(String(fields[0]), partition)] = hw
        }
        return result
    }
}
