import Foundation
import Logging
import NIOCore
import SamsaProtocol
import SamsaStorage
import Synchronization

/// One broker of the embedded cluster: an id, a listener address, a data directory and the partition
/// replicas it hosts. The server's listener for this broker dispatches requests here.
///
/// Thread-safety: the replica table sits behind a mutex; each `Partition` synchronizes itself.
public final class Broker: Sendable {
    public let id: Int32
    public let host: String
    public let port: Int
    public let dataDirectory: String
    let logger: Logger
    /// Serves the consumer groups whose `__consumer_offsets` partition this broker leads.
    public let coordinator: GroupCoordinator
    private let replicas: Mutex<[TopicPartition: Partition]> = Mutex([:])

    public init(id: Int32, host: String, port: Int, dataDirectory: String, controller: Controller,
                groupConfig: GroupCoordinatorConfig, logger: Logger) {
        self.id = id
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        var logger = logger
        logger[metadataKey: "broker"] = "\(id)"
        self.logger = logger
        coordinator = GroupCoordinator(brokerId: id, config: groupConfig, controller: controller, logger: logger)
    }

    public func partition(_ tp: TopicPartition) -> Partition? { replicas.withLock { $0[tp] } }
    public var partitions: [Partition] { replicas.withLock { Array($0.values) } }

    func directory(for tp: TopicPartition) -> String { "\(dataDirectory)/\(tp.topic)-\(tp.partition)" }

    /// Opens (creating or recovering) this broker's replica of a partition.
    @discardableResult
    func openReplica(_ tp: TopicPartition, topic: TopicState, settings: BrokerSettings) throws -> Partition {
        if let existing = partition(tp) { return existing }
        let state = topic.partitions[Int(tp.partition)]
        let config = settings.logConfig(overrides: topic.configs)
        let log: PartitionLog
        do {
            log = try DiskLog.open(directory: directory(for: tp), config: config, logger: logger)
        } catch {
            throw EngineError(.kafkaStorageError, "Could not open the log of \(tp) in \(directory(for: tp)): \(error)")
        }
        let replica = Partition(
            topicPartition: tp, topicId: topic.id, log: log, isLeader: state.leader == id,
            leaderEpoch: state.leaderEpoch,
            logAppendTime: settings.topicValue("message.timestamp.type", overrides: topic.configs) == "LogAppendTime")
        replicas.withLock { $0[tp] = replica }
        return replica
    }

    /// Closes a replica; with `delete`, removes its files (topic deletion).
    func closeReplica(_ tp: TopicPartition, delete: Bool) {
        guard let replica = replicas.withLock({ $0.removeValue(forKey: tp) }) else { return }
        replica.wakeAll()
        do {
            if delete { try replica.log.delete() } else { try replica.log.close() }
        } catch {
            logger.error("Closing the log of \(tp) failed: \(error)")
        }
    }

    /// Closes every log cleanly (flushes and marks a clean shutdown).
    func shutdown() {
        let all = replicas.withLock { table -> [Partition] in
            defer { table.removeAll() }
            return Array(table.values)
        }
        for replica in all {
            replica.wakeAll()
            do { try replica.log.close() } catch { logger.error("Closing the log of \(replica.topicPartition) failed: \(error)") }
        }
    }
}
