import SamsaProtocol

/// Whether a connector brings data into Kafka or takes it out.
public enum ConnectorType: String, Sendable, Hashable {
    case source, sink, unknown
}

/// A connector, as Kafka's `Connector`: it validates its settings and splits the work into task configs;
/// the tasks move the data. Instances are created by the runtime from a `PluginRegistry` factory and used from
/// one task at a time (hence not `Sendable`).
public protocol Connector: AnyObject {
    /// The plugin's version, shown by `GET /connector-plugins` and `GET /`.
    var version: String { get }
    var type: ConnectorType { get }
    /// The settings this connector takes, for validation and `PUT /connector-plugins/{plugin}/config/validate`.
    var configDef: ConfigDef { get }
    /// Starts with the connector's settings (after `ConfigDef` validation); throws `ConnectError.config` for a bad one.
    func start(_ props: [String: String], context: ConnectorContext) throws
    /// Up to `maxTasks` task configs; each becomes one task.
    func taskConfigs(maxTasks: Int) throws -> [[String: String]]
    /// Makes a task of this connector's kind (a `SourceTask` for source connectors, `SinkTask` for sinks).
    func makeTask() -> AnyConnectTask
    func stop()
}

/// What a connector can ask of the runtime.
public protocol ConnectorContext: Sendable {
    /// Asks the runtime to call `taskConfigs` again (the external system changed shape).
    func requestTaskReconfiguration()
    /// Fails the connector with this error (the status becomes FAILED with its message as trace).
    func raiseError(_ error: Error)
}

/// A task of either kind.
public enum AnyConnectTask {
    case source(any SourceTask)
    case sink(any SinkTask)
}

/// Kafka's `SourceTask`: `poll` returns records read from the external system (an empty array or nil when
/// there is nothing yet; it may wait briefly but should return within about a second so the task can stop).
public protocol SourceTask: AnyObject {
    var version: String { get }
    func start(_ props: [String: String], context: SourceTaskContext) throws
    func poll() async throws -> [ConnectRecord]?
    /// Called after the offsets of the records polled so far were committed.
    func commit() throws
    /// Called for each record once Kafka acknowledged it (metadata nil when the record was dropped by a transform or filter).
    func commitRecord(_ record: ConnectRecord, metadata: RecordAck?) throws
    func stop()
}

extension SourceTask {
    public func commit() throws {}
    public func commitRecord(_ record: ConnectRecord, metadata: RecordAck?) throws {}
}

/// Where a produced record landed.
public struct RecordAck: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public init(topic: String, partition: Int32, offset: Int64) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }
}

public protocol SourceTaskContext: Sendable {
    var configs: [String: String] { get }
    /// Reads this connector's committed source offsets (Kafka's `OffsetStorageReader`).
    func offset(for partition: SourceMap) -> SourceMap?
    func offsets(for partitions: [SourceMap]) -> [SourceMap: SourceMap]
}

/// Kafka's `SinkTask`: `put` receives records consumed from Kafka; `flush` makes everything put so far
/// durable before the runtime commits the consumer offsets.
public protocol SinkTask: AnyObject {
    var version: String { get }
    func start(_ props: [String: String], context: SinkTaskContext) throws
    func open(_ partitions: [TopicPartition]) throws
    func put(_ records: [ConnectRecord]) async throws
    func flush(_ currentOffsets: [TopicPartition: Int64]) async throws
    /// The offsets safe to commit (by default, what `flush` was given after flushing).
    func preCommit(_ currentOffsets: [TopicPartition: Int64]) async throws -> [TopicPartition: Int64]
    func close(_ partitions: [TopicPartition]) throws
    func stop()
}

extension SinkTask {
    public func open(_ partitions: [TopicPartition]) throws {}
    public func flush(_ currentOffsets: [TopicPartition: Int64]) async throws {}
    public func preCommit(_ currentOffsets: [TopicPartition: Int64]) async throws -> [TopicPartition: Int64] {
        try await flush(currentOffsets)
        return currentOffsets
    }
    public func close(_ partitions: [TopicPartition]) throws {}
}

public protocol SinkTaskContext: Sendable {
    var configs: [String: String] { get }
    var assignment: [TopicPartition] { get }
    /// Rewinds a partition (Kafka's `SinkTaskContext.offset`).
    func offset(_ partition: TopicPartition, _ offset: Int64)
    func pause(_ partitions: [TopicPartition])
    func resume(_ partitions: [TopicPartition])
    func requestCommit()
    /// Kafka's errant record reporter: sends a bad record to the DLQ / error log under the connector's
    /// `errors.*` settings, or throws when errors are not tolerated.
    func report(_ record: ConnectRecord, error: Error) async throws
}
