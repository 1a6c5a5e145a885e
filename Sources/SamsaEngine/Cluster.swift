import Foundation
import Logging
import NIOCore
import SamsaProtocol
import SamsaStorage
import Synchronization

/// The embedded cluster: the controller's metadata, the brokers and their replicas, and the periodic
/// work (retention) that keeps logs within their limits. The server exposes it to clients; the TUI
/// observes it.
///
/// Thread-safety: every method may be called from any thread.
public final class Cluster: Sendable {
    public let config: ClusterConfig
    public let controller: Controller
    public let brokers: [Broker]
    public let logger: Logger
    private let lock: DataDirectoryLock
    private let timers: Mutex<[RepeatedTask]> = Mutex([])
    private let closed = Atomic<Bool>(false)

    /// Opens the data directory (creating it, or recovering what is there) and every hosted replica.
    public init(config: ClusterConfig, logger: Logger = Logger(label: "samsa")) throws {
        self.config = config
        self.logger = logger
        lock = try DataDirectoryLock(directory: config.dataDirectory)
        do {
            let ids = (0..<config.brokerCount).map { Int32($0) }
            controller = try Controller(metadataPath: config.dataDirectory + "/samsa-metadata.json", brokerIds: ids,
                                        settings: config.settings, logger: logger)
            let groupConfig = GroupCoordinatorConfig(settings: config.settings)
            brokers = ids.map { [controller] id in
                Broker(id: id, host: config.advertisedHost ?? config.host, port: config.ports[Int(id)],
                       dataDirectory: config.brokerDirectory(id), controller: controller, groupConfig: groupConfig,
                       logger: logger)
            }
            try writeMetaProperties()
            for topic in controller.snapshot().topics.values.sorted(by: { $0.name < $1.name }) {
                try openReplicas(of: topic)
            }
            if let offsets = controller.topic(OffsetsTopic.name) { loadCoordinators(offsets) }
        } catch {
            lock.release()
            throw error
        }
    }

    public func broker(_ id: Int32) -> Broker? { brokers.first { $0.id == id } }
    public var clusterId: String { controller.clusterId }
    /// The broker acting as controller (the lowest id while all are up).
    public var controllerId: Int32 { brokers.first?.id ?? -1 }

    /// Creates a topic and opens its replicas on their brokers.
    @discardableResult
    public func createTopic(name: String, partitions: Int? = nil, replicationFactor: Int? = nil,
                            assignment: [[Int32]]? = nil, configs: [String: String] = [:],
                            validateOnly: Bool = false) throws -> TopicState {
        try createTopic(name: name, partitions: partitions, replicationFactor: replicationFactor, assignment: assignment,
                        configs: configs, validateOnly: validateOnly, isInternal: false)
    }

    private func createTopic(name: String, partitions: Int?, replicationFactor: Int?, assignment: [[Int32]]?,
                             configs: [String: String], validateOnly: Bool, isInternal: Bool) throws -> TopicState {
        if TopicName.isInternal(name) && !isInternal {
            throw EngineError(.invalidRequest, "Topic '\(name)' is internal; the broker creates it when it is needed.")
        }
        let topic = try controller.createTopic(name: name, partitions: partitions, replicationFactor: replicationFactor,
                                               assignment: assignment, configs: configs, validateOnly: validateOnly,
                                               isInternal: isInternal)
        if !validateOnly {
            try openReplicas(of: topic)
            if name == OffsetsTopic.name { loadCoordinators(topic) }
        }
        return topic
    }

    /// Deletes a topic and all its data.
    public func deleteTopic(_ name: String) throws {
        if !config.settings.bool("delete.topic.enable") {
            throw EngineError(.topicDeletionDisabled, "Topic deletion is disabled (delete.topic.enable=false).")
        }
        if TopicName.isInternal(name) {
            throw EngineError(.invalidTopicException, "Internal topic '\(name)' cannot be deleted.")
        }
        let topic = try controller.deleteTopic(name)
        for (index, state) in topic.partitions.enumerated() {
            for id in state.replicas { broker(id)?.closeReplica(TopicPartition(name, Int32(index)), delete: true) }
        }
    }

    /// Creates `name` with broker defaults if auto-creation is on and the name is valid; returns the topic.
    public func autoCreate(_ name: String) -> TopicState? {
        guard config.settings.bool("auto.create.topics.enable"), TopicName.problem(with: name) == nil else { return nil }
        do {
            return try createTopic(name: name)
        } catch let error as EngineError where error.code == .topicAlreadyExists {
            return controller.topic(name)
        } catch {
            logger.warning("Auto-creating topic \(name) failed: \(error)")
            return nil
        }
    }

    /// The broker coordinating `groupId`, creating `__consumer_offsets` on first use as Kafka does.
    public func coordinator(for groupId: String) throws(EngineError) -> Broker {
        let offsets = try offsetsTopic()
        let partition = GroupCoordinator.partition(for: groupId, partitions: offsets.partitions.count)
        let leader = offsets.partitions[Int(partition)].leader
        guard let broker = broker(leader) else {
            throw EngineError(.coordinatorNotAvailable, "No broker leads \(OffsetsTopic.name)-\(partition) now.")
        }
        return broker
    }

    private func offsetsTopic() throws(EngineError) -> TopicState {
        if let existing = controller.topic(OffsetsTopic.name) { return existing }
        let groupConfig = GroupCoordinatorConfig(settings: config.settings)
        do {
            let created = try createTopic(name: OffsetsTopic.name, partitions: groupConfig.offsetsTopicPartitions,
                                          replicationFactor: min(groupConfig.offsetsTopicReplicationFactor, brokers.count),
                                          assignment: nil, configs: OffsetsTopic.configs(groupConfig), validateOnly: false,
                                          isInternal: true)
            return created
        } catch let error as EngineError where error.code == .topicAlreadyExists {
            if let existing = controller.topic(OffsetsTopic.name) { return existing }
            throw EngineError(.coordinatorNotAvailable, error.message)
        } catch {
            throw EngineError(.coordinatorNotAvailable, "Could not create \(OffsetsTopic.name): \(error)")
        }
    }

    /// Each leader of an offsets partition loads the groups stored there.
    private func loadCoordinators(_ offsets: TopicState) {
        for (index, state) in offsets.partitions.enumerated() {
            guard let leader = broker(state.leader), let partition = leader.partition(TopicPartition(offsets.name, Int32(index)))
            else { continue }
            leader.coordinator.load(partition)
        }
    }

    /// Committed offsets, log-end offsets (high watermarks) and lag of every group, without network I/O.
    public func groupLag() -> [GroupLag] {
        brokers.flatMap { $0.coordinator.offsetsSnapshot() }.map { group in
            GroupLag(groupId: group.groupId, state: group.state, generationId: group.generationId,
                     memberCount: group.memberCount,
                     partitions: group.offsets.sorted { $0.key < $1.key }.map { tp, committed in
                         PartitionLag(topicPartition: tp, committedOffset: committed, logEndOffset: highWatermark(of: tp) ?? committed)
                     })
        }.sorted { $0.groupId < $1.groupId }
    }

    /// The high watermark of a partition at its leader, if it has one.
    public func highWatermark(of tp: TopicPartition) -> Int64? {
        guard let state = controller.topic(tp.topic), tp.partition >= 0, Int(tp.partition) < state.partitions.count,
              let leader = broker(state.partitions[Int(tp.partition)].leader) else { return nil }
        return leader.partition(tp)?.highWatermark
    }

    private func openReplicas(of topic: TopicState) throws {
        for (index, state) in topic.partitions.enumerated() {
            for id in state.replicas {
                try broker(id)?.openReplica(TopicPartition(topic.name, Int32(index)), topic: topic, settings: config.settings)
            }
        }
    }

    private func writeMetaProperties() throws {
        for broker in brokers {
            let text = "# Written by samsa\nversion=1\ncluster.id=\(clusterId)\nnode.id=\(broker.id)\n"
            try FileManager.default.createDirectory(atPath: broker.dataDirectory, withIntermediateDirectories: true)
            try AtomicFile.write(Data(text.utf8), to: broker.dataDirectory + "/meta.properties")
        }
    }

    /// Runs retention on every log now; returns the number of segments deleted.
    @discardableResult
    public func applyRetention(now: Int64 = currentTimeMillis()) -> Int {
        var deleted = 0
        for broker in brokers {
            for partition in broker.partitions {
                do {
                    deleted += try partition.log.applyRetention(now: now)
                } catch {
                    logger.error("Retention on \(partition.topicPartition) failed: \(error)")
                }
            }
        }
        if deleted > 0 { logger.info("Retention deleted \(deleted) segment(s)") }
        return deleted
    }

    /// Starts periodic work (retention) on `eventLoop`.
    public func startBackgroundWork(on eventLoop: EventLoop) {
        let interval = TimeAmount.milliseconds(config.settings.int64("log.retention.check.interval.ms"))
        let task = eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { [weak self] _ in
            self?.applyRetention()
        }
        timers.withLock { $0.append(task) }
        for broker in brokers { broker.coordinator.start(timers: eventLoop) }
    }

    /// Flushes and closes every log and releases the data directory. Idempotent.
    public func shutdown() {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let pending = timers.withLock { list -> [RepeatedTask] in
            defer { list.removeAll() }
            return list
        }
        for timer in pending { timer.cancel() }
        for broker in brokers { broker.shutdown() }
        lock.release()
    }
}
