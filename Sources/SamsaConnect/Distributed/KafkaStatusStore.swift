import Logging
import SamsaClient
import Synchronization

/// Connector and task states in `status.storage.topic` (compacted, `status.storage.partitions`), as Kafka's
/// `KafkaStatusBackingStore`: key `status-connector-<name>` or `status-task-<name>-<id>`, value
/// `{"state":…,"trace":…,"worker_id":…,"generation":…}` (schemaless JSON, fields in Kafka's order). Every
/// worker reads every status, so any worker answers `GET /connectors/{name}/status`.
public final class KafkaStatusStore: StatusListener {
    public struct Status: Sendable, Equatable {
        public var state: ConnectState
        public var trace: String?
        public var workerId: String
        public var generation: Int32
    }

    public let topic: String
    private let workerId: String
    private let partitions: Int32
    private let replicationFactor: Int16
    private let logger: Logger
    private let log: TopicLog
    private let generation: @Sendable () -> Int32
    private let statuses: Mutex<(connectors: [String: Status], tasks: [ConnectorTaskId: Status])> = Mutex(([:], [:]))
    private let outbox: AsyncStream<(String, [UInt8]?)>.Continuation
    private let sender: Mutex<Task<Void, Never>?> = Mutex(nil)

    public init(client: KafkaClient, topic: String, partitions: Int32, replicationFactor: Int16, workerId: String,
                logger: Logger, generation: @escaping @Sendable () -> Int32) {
        self.topic = topic
        self.partitions = partitions
        self.replicationFactor = replicationFactor
        self.workerId = workerId
        self.logger = logger
        self.generation = generation
        log = TopicLog(topic: topic, client: client, logger: logger)
        let (stream, continuation) = AsyncStream<(String, [UInt8]?)>.makeStream()
        outbox = continuation
        // One sender keeps a key's updates in the order the worker reported them.
        sender.withLock { [log, logger] task in
            task = Task {
                for await (key, value) in stream {
                    do { try await log.send(key: key, value: value) } catch { logger.warning("Writing status \(key) failed: \(error)") }
                }
            }
        }
    }

    public func start() async throws {
        try await log.start(partitions: partitions, replicationFactor: replicationFactor) { [weak self] in self?.apply($0) }
    }

    public func stop() async {
        outbox.finish()
        await sender.withLock { $0 }?.value
        await log.stop()
    }

    public func refresh() async { try? await log.readToEnd() }

    public func connectorStatus(_ name: String) -> Status? { statuses.withLock { $0.connectors[name] } }
    public func taskStatus(_ id: ConnectorTaskId) -> Status? { statuses.withLock { $0.tasks[id] } }
    public func taskStatuses(_ connector: String) -> [ConnectorTaskId: Status] {
        statuses.withLock { $0.tasks.filter { $0.key.connector == connector } }
    }

    public func connectorStateChanged(_ name: String, state: ConnectState, trace: String?) {
        put(key: "status-connector-\(name)", Status(state: state, trace: trace, workerId: workerId, generation: generation()))
    }

    public func taskStateChanged(_ id: ConnectorTaskId, state: ConnectState, trace: String?) {
        put(key: "status-task-\(id.connector)-\(id.task)", Status(state: state, trace: trace, workerId: workerId, generation: generation()))
    }

    /// Tombstones for a deleted connector's statuses.
    public func forget(connector: String, tasks: [ConnectorTaskId]) {
        outbox.yield(("status-connector-\(connector)", nil))
        for id in tasks { outbox.yield(("status-task-\(id.connector)-\(id.task)", nil)) }
    }

    static func encode(_ status: Status) -> [UInt8] {
        let json: JSONValue = ["state": .string(status.state.rawValue), "trace": status.trace.map(JSONValue.string) ?? .null,
                               "worker_id": .string(status.workerId), "generation": .integer(Int64(status.generation))]
        return json.compactBytes
    }

    static func decode(_ bytes: [UInt8]) -> Status? {
        guard let json = try? JSONValue.parse(bytes), let state = json["state"]?.stringValue.flatMap(ConnectState.init(rawValue:)),
              let worker = json["worker_id"]?.stringValue else { return nil }
        return Status(state: state, trace: json["trace"]?.stringValue, workerId: worker,
                      generation: Int32(clamping: json["generation"]?.int64Value ?? 0))
    }

    private func put(key: String, _ status: Status) {
        // Seen at once by this worker; the others see it when they read the record.
        applyLocal(key: key, status)
        outbox.yield((key, Self.encode(status)))
    }

    private func apply(_ record: ConsumerRecord) {
        guard let key = record.keyString else { return }
        applyLocal(key: key, record.value.flatMap { Self.decode(Array($0.readableBytesView)) })
    }

    private func applyLocal(key: String, _ status: Status?) {
        if let name = key.dropPrefix("status-connector-") {
            statuses.withLock { $0.connectors[name] = status }
        } else if let rest = key.dropPrefix("status-task-"), let dash = rest.lastIndex(of: "-"),
                  let task = Int(rest[rest.index(after: dash)...]) {
            statuses.withLock { $0.tasks[ConnectorTaskId(connector: String(rest[..<dash]), task: task)] = status }
        }
    }
}
