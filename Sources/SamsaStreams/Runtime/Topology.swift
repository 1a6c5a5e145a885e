import SamsaProtocol

/// An input record as the runtime hands it to a task: bytes, from one of the task's source partitions.
public struct InputRecord: Sendable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var timestamp: Int64
    public var key: [UInt8]?
    public var value: [UInt8]?
    public var headers: [RecordHeader]

    public init(topic: String, partition: Int32, offset: Int64, timestamp: Int64, key: [UInt8]?, value: [UInt8]?,
                headers: [RecordHeader] = []) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.timestamp = timestamp
        self.key = key
        self.value = value
        self.headers = headers
    }
}

/// A topic the topology creates and owns: repartition and changelog topics, named
/// `<application.id>-<name>` on the cluster.
public struct InternalTopicSpec: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case repartition, changelog }
    /// Without the application id: `counts-store-repartition`, `counts-store-changelog`.
    public var name: String
    public var kind: Kind
    /// nil: as many partitions as the source topics of the subtopology that reads or writes it.
    public var partitions: Int32?
    /// Topic configs (`cleanup.policy=compact` for changelogs, `compact,delete` and `retention.ms` for windowed ones).
    public var configs: [String: String]

    public init(name: String, kind: Kind, partitions: Int32? = nil, configs: [String: String] = [:]) {
        self.name = name
        self.kind = kind
        self.partitions = partitions
        self.configs = configs
    }

    public func topicName(applicationId: String) -> String { "\(applicationId)-\(name)" }
}

/// A connected part of the topology: the runtime makes one task per partition of its sources.
public struct SubtopologySpec: Sendable, Equatable {
    public var id: Int
    /// Topics it reads: user topics by name, internal (repartition) topics by their `InternalTopicSpec.name`.
    public var sourceTopics: [String]
    public var sinkTopics: [String]
    public var stores: [StoreSpec]
    /// Sets of source topics that must have the same partition count (joins), checked before starting.
    public var copartitionGroups: [[String]]

    public init(id: Int, sourceTopics: [String], sinkTopics: [String], stores: [StoreSpec], copartitionGroups: [[String]]) {
        self.id = id
        self.sourceTopics = sourceTopics
        self.sinkTopics = sinkTopics
        self.stores = stores
        self.copartitionGroups = copartitionGroups
    }
}

/// A global store: every instance reads all partitions of `topic` into `store` (GlobalKTable).
public struct GlobalStoreSpec: Sendable, Equatable {
    public var topic: String
    public var store: StoreSpec
    public init(topic: String, store: StoreSpec) {
        self.topic = topic
        self.store = store
    }
}

/// What the runtime (or the test driver) gives a task: its stores and a way to write output.
public protocol TaskContext: AnyObject {
    var applicationId: String { get }
    /// The global task's id is `TaskId(subtopology: -1, partition: -1)`.
    var taskId: TaskId { get }
    /// Opens (and with logging, restores) the store; each spec is asked for once per task.
    func store(for spec: StoreSpec) throws -> StateStore
    /// Writes an output record to a sink or repartition topic (resolved name); nil partition: murmur2 of the key
    /// bytes (Kafka's default partitioner), round robin without a key.
    func send(topic: String, partition: Int32?, key: [UInt8]?, value: [UInt8]?, timestamp: Int64,
              headers: [RecordHeader]) throws
    func recordDropped(reason: DroppedRecordReason)
    /// Milliseconds since the epoch by the runtime's clock (the test driver's clock is advanced by hand).
    var wallClockMs: Int64 { get }
}

/// A task's processor graph, built by the topology for one task. Called from one thread at a time.
/// Kafka's order: building it registers (opens) the task's stores; the runtime then restores them from their
/// changelogs and only then calls `initialize`, so processors that read state there see the restored contents.
public protocol TaskProcessor: AnyObject {
    var stores: [StateStore] { get }
    /// Initializes the processors (`ProcessorNode.initialize`), once, after the stores are restored and before
    /// the first `process` or `punctuate`.
    func initialize() throws
    /// The largest timestamp processed so far (stream time).
    var streamTime: Int64 { get }
    /// Processes one input record; stream-time punctuations due by its timestamp run inside.
    func process(_ record: InputRecord) throws
    /// Runs wall-clock punctuations that are due.
    func punctuate(wallClockMs: Int64) throws
    /// Flushes buffers and stores before a commit.
    func flush() throws
    func close()
}

extension TaskProcessor {
    /// Graphs without processors to initialize need nothing here.
    public func initialize() throws {}
}

/// What a built topology offers the runtime: its shape, its topics, and a way to build each task.
public final class Topology: Sendable {
    public let description: TopologyDescription
    public let subtopologies: [SubtopologySpec]
    public let internalTopics: [InternalTopicSpec]
    public let globalStores: [GlobalStoreSpec]
    private let taskFactory: @Sendable (TaskId, TaskContext) throws -> TaskProcessor
    private let globalFactory: @Sendable (TaskContext) throws -> TaskProcessor?

    public init(description: TopologyDescription, subtopologies: [SubtopologySpec], internalTopics: [InternalTopicSpec],
                globalStores: [GlobalStoreSpec],
                taskFactory: @escaping @Sendable (TaskId, TaskContext) throws -> TaskProcessor,
                globalFactory: @escaping @Sendable (TaskContext) throws -> TaskProcessor?) {
        self.description = description
        self.subtopologies = subtopologies
        self.internalTopics = internalTopics
        self.globalStores = globalStores
        self.taskFactory = taskFactory
        self.globalFactory = globalFactory
    }

    /// Builds the processor graph of task `id` (its subtopology over its partition).
    public func makeTask(_ id: TaskId, context: TaskContext) throws -> TaskProcessor {
        try taskFactory(id, context)
    }

    /// Builds the global task that keeps global stores up to date, if the topology has any.
    public func makeGlobalTask(context: TaskContext) throws -> TaskProcessor? {
        try globalFactory(context)
    }

    /// The cluster name of a topic the topology mentions: internal ones get the application id prefix.
    public func resolve(_ topic: String, applicationId: String) -> String {
        internalTopics.contains { $0.name == topic } ? "\(applicationId)-\(topic)" : topic
    }
}
