import Foundation
import Logging
import NIOCore
import SamsaProtocol
import SamsaStorage
import Synchronization

/// The embedded cluster: the controller's metadata, the brokers and their replicas, replication between
/// them, fault injection, and the periodic work (retention, in-sync checks, checkpoints). The server
/// exposes it to clients; the TUI observes it through snapshots and events.
///
/// Thread-safety: every method may be called from any thread. Changes of broker liveness and
/// leadership are serialized by one lock, so the controller's decisions reach brokers in order.
public final class Cluster: Sendable {
    public let config: ClusterConfig
    public let controller: Controller
    public let brokers: [Broker]
    public let logger: Logger
    public let events = ClusterEvents(highWatermarkIntervalMs: 2000)
    private let lock: DataDirectoryLock
    /// Runs every timer and periodic task of the cluster, its brokers and their group coordinators.
    public let scheduler: BackgroundScheduler
    /// ACLs and who may do what (Kafka's StandardAuthorizer), configured from `config.securityProperties`.
    public let authorizer: Authorizer
    /// SCRAM logins' salted credentials.
    public let scramCredentials = ScramCredentialStore()
    /// SASL logins accepted and refused, per mechanism.
    public let logins = LoginStats()
    private let closed = Atomic<Bool>(false)
    /// Brokers the controller counts as alive (not stopped, crashed or fenced).
    let live: Mutex<Set<Int32>>
    /// Serializes liveness and leadership changes.
    let changeLock = Mutex<Void>(())
    /// Called when a broker's listener must open (true) or close (false); set by the server.
    let listenerHook: Mutex<(@Sendable (Int32, Bool) -> Void)?> = Mutex(nil)
    let loops: Mutex<(any EventLoopGroup)?> = Mutex(nil)
    /// Killed brokers stay registered (listed in metadata, leading nothing) until their session would
    /// have expired, as in Kafka; clients then switch leaders without tearing down broker connections.
    let crashedUntil: Mutex<[Int32: Int64]> = Mutex([:])
    /// The last high watermark narrated per partition.
    let lastHighWatermarks: Mutex<[TopicPartition: Int64]> = Mutex([:])
    /// The broker holding the controller role (-1: none alive); see Cluster+ControllerElection.
    let activeController: Mutex<Int32>

    /// Opens the data directory (creating it, or recovering what is there) and every hosted replica.
    /// `scheduler` runs the cluster's timers (tests pass one driven by an `EmbeddedEventLoop`).
    public init(config: ClusterConfig, logger: Logger = Logger(label: "samsa"),
                scheduler: BackgroundScheduler = BackgroundScheduler()) throws {
        self.config = config
        self.logger = logger
        self.scheduler = scheduler
        authorizer = Authorizer(settings: Authorizer.Settings(properties: config.securityProperties))
        lock = try DataDirectoryLock(directory: config.dataDirectory)
        do {
            let ids = (0..<config.brokerCount).map { Int32($0) }
            live = Mutex(Set(ids))
            activeController = Mutex(ids.min() ?? -1)
            controller = try Controller(metadataPath: config.dataDirectory + "/samsa-metadata.json", brokerIds: ids,
                                        settings: config.settings, logger: logger,
                                        syncEveryChange: config.settings.int64("log.flush.interval.messages") == 1)
            authorizer.replaceAll(controller.acls)
            scramCredentials.replaceAll(controller.scramCredentials)
            let groupConfig = GroupCoordinatorConfig(settings: config.settings)
            let transactionConfig = TransactionCoordinatorConfig(settings: config.settings)
            brokers = ids.map { [controller] id in
                Broker(id: id, host: config.advertisedHost ?? config.host, port: config.ports[Int(id)],
                       dataDirectory: config.brokerDirectory(id), controller: controller, groupConfig: groupConfig,
                       transactionConfig: transactionConfig, logger: logger)
            }
            try writeMetaProperties()
            // Partitions left offline by the last run get leaders now that every broker is back.
            for id in ids { _ = try controller.brokerReturned(id, live: Set(ids)) }
            for broker in brokers {
                let checkpoint = broker.loadHighWatermarks()
                for topic in controller.snapshot().topics.values.sorted(by: { $0.name < $1.name }) {
                    try openReplicas(of: topic, on: broker, checkpoint: checkpoint)
                }
            }
            if let offsets = controller.topic(OffsetsTopic.name) { loadCoordinators(offsets) }
            if let log = controller.topic(TransactionLog.name) { loadTransactionCoordinators(log) }
        } catch {
            lock.release()
            throw error
        }
    }

    public func broker(_ id: Int32) -> Broker? { brokers.first { $0.id == id } }
    var isShutDown: Bool { closed.load(ordering: .acquiring) }
    public var clusterId: String { controller.clusterId }
    public var liveBrokerIds: Set<Int32> { live.withLock { $0 } }
    /// The brokers Metadata lists: running and unfenced, shutting down cleanly, or killed less than
    /// broker.session.timeout.ms ago (a real controller would not have noticed yet).
    public var registeredBrokerIds: Set<Int32> {
        let live = liveBrokerIds
        let now = currentTimeMillis()
        let recentlyCrashed = crashedUntil.withLock { $0.filter { $0.value > now }.map(\.key) }
        return Set(brokers.filter { broker in
            switch broker.status {
            case .online, .stopping: true
            case .isolated: live.contains(broker.id)
            case .crashed: recentlyCrashed.contains(broker.id)
            case .stopped: false
            }
        }.map(\.id))
    }

    /// The broker acting as controller. It keeps the role while it is alive, as a KRaft quorum leader does;
    /// a returning broker does not take it back.
    public var controllerId: Int32 { activeController.withLock { $0 } }

    /// Creates a topic and opens its replicas on their brokers.
    @discardableResult
    public func createTopic(name: String, partitions: Int? = nil, replicationFactor: Int? = nil,
                            assignment: [[Int32]]? = nil, configs: [String: String] = [:],
                            validateOnly: Bool = false) throws -> TopicState {
        try createTopic(name: name, partitions: partitions, replicationFactor: replicationFactor, assignment: assignment,
                        configs: configs, validateOnly: validateOnly, isInternal: false)
    }

    func createTopic(name: String, partitions: Int?, replicationFactor: Int?, assignment: [[Int32]]?,
                     configs: [String: String], validateOnly: Bool, isInternal: Bool) throws -> TopicState {
        if TopicName.isInternal(name) && !isInternal {
            throw EngineError(.invalidRequest, "Topic '\(name)' is internal; the broker creates it when it is needed.")
        }
        let topic = try changeLock.withLock { _ in
            let topic = try controller.createTopic(name: name, partitions: partitions, replicationFactor: replicationFactor,
                                                   assignment: assignment, configs: configs, validateOnly: validateOnly,
                                                   isInternal: isInternal, live: liveBrokerIds)
            if !validateOnly {
                for broker in brokers where broker.status.isRunning {
                    try openReplicas(of: topic, on: broker)
                    followLeaders(of: topic, on: broker)
                }
                if name == OffsetsTopic.name { loadCoordinators(topic) }
                if name == TransactionLog.name { loadTransactionCoordinators(topic) }
            }
            return topic
        }
        if !validateOnly {
            events.record(.topicCreated, nil, "Topic \(name) created: \(topic.partitions.count) partition(s), "
                          + "replication factor \(topic.replicationFactor)")
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
        try changeLock.withLock { _ in
            let topic = try controller.deleteTopic(name)
            for (index, state) in topic.partitions.enumerated() {
                for id in state.replicas { broker(id)?.closeReplica(TopicPartition(name, Int32(index)), delete: true) }
            }
        }
        events.record(.topicDeleted, nil, "Topic \(name) deleted")
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

    /// Opens `broker`'s replicas of `topic` in the roles the controller assigned.
    func openReplicas(of topic: TopicState, on broker: Broker, checkpoint: [TopicPartition: Int64] = [:]) throws {
        for (index, state) in topic.partitions.enumerated() where state.replicas.contains(broker.id) {
            try broker.openReplica(TopicPartition(topic.name, Int32(index)), topic: topic, settings: settings(for: broker.id),
                                   checkpoint: checkpoint)
        }
    }

    /// Starts `broker`'s fetchers for the partitions of `topic` it follows.
    func followLeaders(of topic: TopicState, on broker: Broker) {
        for (index, state) in topic.partitions.enumerated()
        where state.replicas.contains(broker.id) && state.leader >= 0 && state.leader != broker.id {
            broker.fetcher.follow(TopicPartition(topic.name, Int32(index)), leader: state.leader)
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
                    deleted += try partition.applyRetention(now: now)
                } catch {
                    logger.error("Retention on \(partition.topicPartition) failed: \(error)")
                }
            }
        }
        if deleted > 0 { logger.info("Retention deleted \(deleted) segment(s)") }
        return deleted
    }

    /// Starts replication (its long polls are timed on `loops`) and the periodic work on the scheduler:
    /// retention, in-sync checks, high watermark checkpoints, producer-id expiry, group timers, the log cleaner.
    public func startBackgroundWork(on loops: any EventLoopGroup) {
        self.loops.withLock { $0 = loops }
        func every(_ ms: Int64, _ work: @escaping @Sendable (Cluster) -> Void) {
            scheduler.every(ms: max(1, ms)) { [weak self] in
                if let self { work(self) }
            }
        }
        every(config.settings.int64("log.retention.check.interval.ms")) { $0.applyRetention() }
        every(max(50, replicaLagMaxMs / 2)) { $0.shrinkLaggingInSyncReplicas() }
        every(500) { $0.recordHighWatermarkMoves() }
        every(config.settings.int64("replica.high.watermark.checkpoint.interval.ms")) { cluster in
            for broker in cluster.brokers where broker.status.isRunning { broker.saveHighWatermarks() }
        }
        every(config.settings.int64("producer.id.expiration.check.interval.ms")) { $0.expireProducers() }
        controller.startFlushing(on: scheduler)
        startLogCleaner()
        for broker in brokers {
            broker.fetcher.start(cluster: self, loops: loops)
            broker.coordinator.start(scheduler: scheduler)
            broker.transactions.start(scheduler: scheduler, cluster: self)
            for topic in controller.snapshot().topics.values { followLeaders(of: topic, on: broker) }
        }
    }

    /// Flushes and closes every log and releases the data directory. Idempotent.
    public func shutdown() {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        scheduler.shutdown()
        for broker in brokers where broker.status.isRunning { broker.closeAll(clean: true) }
        controller.close()
        lock.release()
    }
}

extension Cluster {
    /// Grows a topic to `total` partitions and opens the new replicas (Kafka's CreatePartitions).
    @discardableResult
    public func addPartitions(_ name: String, total: Int, validateOnly: Bool = false) throws -> TopicState {
        let before = controller.topic(name)?.partitions.count ?? 0
        let topic = try changeLock.withLock { _ in
            let topic = try controller.addPartitions(name, total: total, live: liveBrokerIds, validateOnly: validateOnly)
            if !validateOnly {
                for broker in brokers where broker.status.isRunning {
                    try openReplicas(of: topic, on: broker)
                    followLeaders(of: topic, on: broker)
                }
            }
            return topic
        }
        if !validateOnly {
            events.record(.partitionsAdded, nil, "Topic \(name) grew from \(before) to \(topic.partitions.count) partitions")
        }
        return topic
    }
}

extension Cluster {
    /// `shutdown()` for async code: the flushes and closes run on a thread of their own, not on one of
    /// Swift's cooperative threads.
    public func stop() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread { [self] in
                shutdown()
                done.resume()
            }
        }
    }
}
