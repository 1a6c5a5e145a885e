import Foundation
import Logging
import SamsaProtocol
import SamsaStorage
import Synchronization

/// Owns the cluster metadata: topics, their partitions' replicas, leaders, epochs and in-sync sets.
/// Every change is journaled (`MetadataStore`) before it is visible.
///
/// Thread-safety: all state sits behind one mutex; methods may be called from any thread.
public final class Controller: Sendable {
    private let state: Mutex<ClusterMetadata>
    private let producerIds: Mutex<(next: Int64, blockEnd: Int64)> = Mutex((0, 0))
    private let store: MetadataStore
    public let brokerIds: [Int32]
    public let settings: BrokerSettings
    private let logger: Logger

    /// Opens the metadata in `metadataPath` (with its journal beside it), or starts a new cluster there.
    /// `syncEveryChange` fsyncs each change before it is visible (`--fsync`).
    public init(metadataPath: String, brokerIds: [Int32], settings: BrokerSettings, logger: Logger,
                syncEveryChange: Bool = false) throws {
        self.brokerIds = brokerIds
        self.settings = settings
        self.logger = logger
        let journalPath = (metadataPath as NSString).deletingPathExtension + ".log"
        let loaded = try MetadataStore.load(snapshotPath: metadataPath, journalPath: journalPath, logger: logger)
            ?? ClusterMetadata(clusterId: KafkaUUID.random().description)
        var checked = loaded
        let highestReplica = loaded.topics.values.flatMap { $0.partitions.flatMap(\.replicas) }.max().map { Int($0) + 1 } ?? 0
        let recorded = loaded.brokerCount ?? (highestReplica > brokerIds.count ? highestReplica : nil)
        if let recorded, recorded != brokerIds.count {
            throw EngineError(.invalidRequest, "The data directory \((metadataPath as NSString).deletingLastPathComponent) holds a "
                              + "cluster of \(recorded) broker(s); start it with --brokers \(recorded), or use another --data-dir.")
        }
        checked.brokerCount = brokerIds.count
        state = Mutex(checked)
        store = try MetadataStore(snapshotPath: metadataPath, journalPath: journalPath, metadata: checked,
                                  syncEveryChange: syncEveryChange, logger: logger)
    }

    /// Syncs journaled changes every second on `scheduler` (unless each change is synced already).
    func startFlushing(on scheduler: BackgroundScheduler) {
        guard !store.syncEveryChange else { return }
        scheduler.every(ms: 1000) { [store] in store.flush() }
    }

    /// Syncs what is journaled; the cluster calls it when it shuts down.
    func close() { store.flush() }

    public var clusterId: String { state.withLock { $0.clusterId } }
    public func snapshot() -> ClusterMetadata { state.withLock { $0 } }
    public func topic(_ name: String) -> TopicState? { state.withLock { $0.topics[name] } }
    public func topic(id: KafkaUUID) -> TopicState? { state.withLock { $0.topics.values.first { $0.id == id } } }
    public var topicNames: [String] { state.withLock { $0.topics.keys.sorted() } }

    public var defaultReplicationFactor: Int {
        if let explicit = settings.explicit["default.replication.factor"], let value = Int(explicit) { return value }
        return min(3, brokerIds.count)
    }

    public var defaultPartitions: Int { Int(settings.int64("num.partitions")) }

    /// Creates a topic. `partitions`/`replicationFactor` nil or -1 take the broker defaults; `assignment`
    /// gives explicit replica lists per partition. With `validateOnly`, checks everything and stores nothing.
    @discardableResult
    public func createTopic(name: String, partitions: Int? = nil, replicationFactor: Int? = nil,
                            assignment: [[Int32]]? = nil, configs: [String: String] = [:],
                            validateOnly: Bool = false, isInternal: Bool = false, live: Set<Int32>? = nil) throws -> TopicState {
        let alive = live ?? Set(brokerIds)
        if let problem = TopicName.problem(with: name) { throw EngineError(.invalidTopicException, problem) }
        if let problem = TopicConfigs.problem(with: configs) { throw EngineError(.invalidConfig, problem) }
        let replicaLists: [[Int32]]
        if let assignment, !assignment.isEmpty {
            if (partitions ?? -1) > 0 || (replicationFactor ?? -1) > 0 {
                throw EngineError(.invalidRequest, "Give either a replica assignment or partitions and replication factor, not both.")
            }
            for replicas in assignment {
                if replicas.isEmpty || Set(replicas).count != replicas.count || !replicas.allSatisfy(brokerIds.contains) {
                    throw EngineError(.invalidReplicaAssignment, "Replica assignment \(replicas) names an unknown or repeated broker.")
                }
            }
            replicaLists = assignment
        } else {
            let count = (partitions ?? -1) > 0 ? partitions! : defaultPartitions
            let factor = (replicationFactor ?? -1) > 0 ? replicationFactor! : defaultReplicationFactor
            if let requested = partitions, requested == 0 || requested < -1 {
                throw EngineError(.invalidPartitions, "Number of partitions must be at least 1, not \(requested).")
            }
            if let requested = replicationFactor, requested == 0 || requested < -1 {
                throw EngineError(.invalidReplicationFactor, "Replication factor must be at least 1, not \(requested).")
            }
            if factor > alive.count {
                throw EngineError(.invalidReplicationFactor,
                                  "Replication factor \(factor) is larger than the \(alive.count) available broker(s).")
            }
            replicaLists = ReplicaAssignment.assign(partitions: count, replicationFactor: factor, brokers: alive.sorted())
        }
        return try state.withLock { metadata in
            if metadata.topics[name] != nil { throw EngineError(.topicAlreadyExists, "Topic '\(name)' already exists.") }
            let key = TopicName.collisionKey(name)
            if let other = metadata.topics.keys.first(where: { TopicName.collisionKey($0) == key }) {
                throw EngineError(.invalidTopicException,
                                  "Topic '\(name)' collides with existing topic '\(other)': names may not differ only by '.' and '_'.")
            }
            let topic = TopicState(
                name: name, id: KafkaUUID.random(),
                partitions: replicaLists.map { replicas in
                    let running = replicas.filter(alive.contains)
                    return PartitionState(replicas: replicas, leader: running.first ?? -1, leaderEpoch: 0,
                                          isr: running.isEmpty ? [replicas[0]] : running)
                },
                configs: configs, isInternal: isInternal || TopicName.isInternal(name))
            if validateOnly { return topic }
            var next = metadata
            next.topics[name] = topic
            try store.record(from: metadata, to: next)
            metadata = next
            logger.info("Created topic \(name) with \(topic.partitions.count) partition(s), replication factor \(topic.replicationFactor)")
            return topic
        }
    }

    @discardableResult
    public func deleteTopic(_ name: String) throws -> TopicState {
        try state.withLock { metadata in
            guard let topic = metadata.topics[name] else {
                throw EngineError(.unknownTopicOrPartition, "Topic '\(name)' does not exist.")
            }
            var next = metadata
            next.topics[name] = nil
            try store.record(from: metadata, to: next)
            metadata = next
            logger.info("Deleted topic \(name)")
            return topic
        }
    }

    /// Applies `change` to one topic and persists the result.
    @discardableResult
    public func updateTopic(_ name: String, _ change: (inout TopicState) throws -> Void) throws -> TopicState {
        try state.withLock { metadata in
            guard var topic = metadata.topics[name] else {
                throw EngineError(.unknownTopicOrPartition, "Topic '\(name)' does not exist.")
            }
            try change(&topic)
            var next = metadata
            next.topics[name] = topic
            try store.record(from: metadata, to: next)
            metadata = next
            return topic
        }
    }

    /// Applies `change` to a copy of the metadata, persists it, then makes it visible; returns what `change` returns.
    func mutateMetadata<T>(_ change: (inout ClusterMetadata) throws -> T) throws -> T {
        try state.withLock { metadata in
            var next = metadata
            let result = try change(&next)
            if next != metadata {
                try store.record(from: metadata, to: next)
                metadata = next
            }
            return result
        }
    }

    /// A fresh producer id for an idempotent producer. Ids are reserved in persisted blocks of 1000, so
    /// none is reused after a restart.
    public func allocateProducerId() throws -> Int64 {
        try producerIds.withLock { ids in
            if ids.next >= ids.blockEnd {
                let start = max(ids.next, state.withLock { $0.producerIdBlockEnd ?? 0 })
                try state.withLock { metadata in
                    var next = metadata
                    next.producerIdBlockEnd = start + 1000
                    try store.record(from: metadata, to: next)
                    metadata = next
                }
                ids = (start, start + 1000)
            }
            defer { ids.next += 1 }
            return ids.next
        }
    }
}
