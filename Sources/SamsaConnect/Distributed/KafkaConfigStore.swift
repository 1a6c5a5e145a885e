import Logging
import SamsaClient
import Synchronization

/// `config.storage.topic` (one partition, compacted), as Kafka's `KafkaConfigBackingStore`: every worker reads
/// it from the beginning and keeps following it; task configs take effect when their `commit-` record is read.
/// `onChange` is told what changed so the herder can rebalance or reconfigure.
public final class KafkaConfigStore: Sendable {
    public enum Change: Sendable, Equatable {
        case connectorConfig(String)
        case connectorRemoved(String)
        case tasksCommitted(String)
        case targetState(String)
        case restartRequested(String, includeTasks: Bool, onlyFailed: Bool)
    }

    public let topic: String
    private let replicationFactor: Int16
    private let logger: Logger
    private let log: TopicLog
    private let state: Mutex<(snapshot: ConfigSnapshot, deferred: [String: [Int: [String: String]]])> = Mutex((ConfigSnapshot(), [:]))
    private let listener: Mutex<(@Sendable (Change) -> Void)?> = Mutex(nil)

    public init(client: KafkaClient, topic: String, replicationFactor: Int16, logger: Logger) {
        self.topic = topic
        self.replicationFactor = replicationFactor
        self.logger = logger
        log = TopicLog(topic: topic, client: client, logger: logger)
    }

    /// Called (on the reader's task) for each change read from the topic.
    public func onChange(_ body: @escaping @Sendable (Change) -> Void) {
        listener.withLock { $0 = body }
    }

    public func start() async throws {
        try await log.start(partitions: 1, replicationFactor: replicationFactor) { [weak self] in self?.apply($0) }
    }

    public func stop() async { await log.stop() }

    public func snapshot() -> ConfigSnapshot { state.withLock { $0.snapshot } }

    /// Reads everything written so far (by any worker) before answering.
    public func refresh() async throws -> ConfigSnapshot {
        try await log.readToEnd()
        return snapshot()
    }

    public func putConnectorConfig(_ name: String, _ config: [String: String]) async throws {
        try await write(.connector(name, config))
    }

    /// Deletes a connector: tombstones for its config and target state, as Kafka writes.
    public func removeConnector(_ name: String) async throws {
        try await write(.connector(name, nil))
        try await write(.targetState(name, nil))
    }

    /// Writes a connector's task configs, then the commit record that makes them count.
    public func putTaskConfigs(_ name: String, _ configs: [[String: String]]) async throws {
        for (index, config) in configs.enumerated() {
            try await write(.task(ConnectorTaskId(connector: name, task: index), config))
        }
        try await write(.commit(name, tasks: configs.count))
    }

    public func putTargetState(_ name: String, _ state: TargetState) async throws {
        try await write(.targetState(name, state))
    }

    public func requestRestart(_ name: String, includeTasks: Bool, onlyFailed: Bool) async throws {
        try await write(.restart(name, includeTasks: includeTasks, onlyFailed: onlyFailed))
    }

    /// Writes one record and reads the topic up to it, so the writer's own snapshot shows it.
    private func write(_ record: ConfigRecord) async throws {
        try await log.send(key: record.key, value: record.value, partition: 0)
        try await log.readToEnd()
    }

    private func apply(_ record: ConsumerRecord) {
        guard let key = record.keyString else { return }
        let value = record.value.map { Array($0.readableBytesView) }
        let parsed = ConfigRecord(key: key, value: value)
        let change = state.withLock { s -> Change? in
            s.snapshot.offset = record.offset + 1
            guard let parsed else { return nil }
            switch parsed {
            case .connector(let name, let config?):
                s.snapshot.connectorConfigs[name] = config
                return .connectorConfig(name)
            case .connector(let name, nil):
                s.snapshot.connectorConfigs[name] = nil
                s.snapshot.taskCounts[name] = nil
                s.snapshot.targetStates[name] = nil
                s.snapshot.taskConfigs = s.snapshot.taskConfigs.filter { $0.key.connector != name }
                s.deferred[name] = nil
                return .connectorRemoved(name)
            case .task(let id, let config):
                s.deferred[id.connector, default: [:]][id.task] = config
                return nil
            case .commit(let name, let count):
                let pending = s.deferred[name] ?? [:]
                s.deferred[name] = nil
                // Kafka drops a commit whose task records are missing (an inconsistent connector).
                guard (0..<count).allSatisfy({ pending[$0] != nil }) else { return nil }
                s.snapshot.taskConfigs = s.snapshot.taskConfigs.filter { $0.key.connector != name }
                for (task, config) in pending where task < count {
                    s.snapshot.taskConfigs[ConnectorTaskId(connector: name, task: task)] = config
                }
                s.snapshot.taskCounts[name] = count
                return .tasksCommitted(name)
            case .targetState(let name, let target):
                s.snapshot.targetStates[name] = target
                return .targetState(name)
            case .restart(let name, let includeTasks, let onlyFailed):
                return .restartRequested(name, includeTasks: includeTasks, onlyFailed: onlyFailed)
            }
        }
        if parsed == nil && value != nil { logger.warning("Ignoring config record \(key) that this worker cannot read") }
        if let change { listener.withLock { $0 }?(change) }
    }
}
