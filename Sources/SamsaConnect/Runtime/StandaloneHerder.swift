import Logging
import SamsaClient
import SamsaProtocol
import Synchronization

/// Kafka's `StandaloneHerder`: one worker, connectors from the command line and the REST API, statuses in
/// memory, source offsets in `offset.storage.file.filename`. Changes run one at a time.
public final class StandaloneHerder: Herder {
    public let workerId: String
    public let worker: Worker
    public let statuses: MemoryStatusStore
    let logger: Logger
    let gate = SerialGate()

    struct State {
        /// Connector configs in creation order.
        var order: [String] = []
        var configs: [String: [String: String]] = [:]
        var types: [String: ConnectorType] = [:]
        var targets: [String: TargetState] = [:]
        var taskConfigs: [String: [[String: String]]] = [:]
        var clusterId = ""
        var restURL: String?
    }

    let state = Mutex(State())

    /// A herder over a new worker; offsets go to `offsetStore`, by default the worker config's
    /// `offset.storage.file.filename`.
    public init(workerConfig: WorkerConfig, workerId: String, plugins: PluginRegistry = .builtin,
                offsetStore: (any OffsetStore)? = nil, logger: Logger = Logger(label: "samsa.connect")) {
        self.workerId = workerId
        self.logger = logger
        statuses = MemoryStatusStore(workerId: workerId)
        let store = offsetStore ?? FileOffsetStore(path: workerConfig.offsetStorageFile ?? "/tmp/connect.offsets")
        worker = Worker(workerId: workerId, config: workerConfig, plugins: plugins, offsetStore: store,
                        statusListener: statuses, logger: logger)
        worker.onTaskReconfiguration { [weak self] name in
            guard let self else { return }
            Task { try? await self.gate.run { try await self.updateTasks(name) } }
        }
    }

    /// Loads the stored offsets and learns the Kafka cluster's id (failing in one sentence when the
    /// cluster cannot be reached, as Kafka's worker does at startup).
    public func start() async throws {
        try await worker.offsetStore.start()
        let bootstrap = worker.config.bootstrapServers
        do {
            let client = KafkaClient(config: try worker.config.clientConfig(clientId: "connect-cluster-id"))
            defer { Task { await client.close() } }
            let view = try await client.refreshMetadata(topics: [])
            state.withLock { $0.clusterId = view.clusterId ?? "" }
        } catch let error as ClientError {
            switch error {
            case .connectionFailed, .connectionClosed, .noBrokers, .timedOut:
                throw ConnectError.connect("Failed to connect to and describe Kafka cluster at \(bootstrap): no broker answered there.")
            default:
                throw ConnectError.connect("Failed to connect to and describe Kafka cluster at \(bootstrap): \(error)")
            }
        }
    }

    /// Where the REST API listens, for `snapshot()`.
    public func setRestURL(_ url: String?) { state.withLock { $0.restURL = url } }

    /// Stops every task and connector, committing offsets.
    public func stop() async {
        await gate.run { await worker.stop() }
        await worker.offsetStore.stop()
    }

    public func serverInfo() async throws -> ServerInfo {
        ServerInfo(version: PluginRegistry.kafkaVersion, commit: "samsa", kafkaClusterId: state.withLock { $0.clusterId })
    }

    public func connectors() async throws -> [String] { state.withLock { $0.configs.keys.sorted() } }

    public func connectorInfo(_ name: String) async throws -> ConnectorInfo {
        try state.withLock { s in
            guard let config = s.configs[name] else { throw ConnectError.notFound("Connector \(name) not found") }
            let tasks = (0..<(s.taskConfigs[name]?.count ?? 0)).map { ConnectorTaskId(connector: name, task: $0) }
            return ConnectorInfo(name: name, config: config, tasks: tasks, type: s.types[name] ?? .unknown)
        }
    }

    public func connectorConfig(_ name: String) async throws -> [String: String] {
        try await connectorInfo(name).config
    }

    public func putConnectorConfig(_ name: String, config: [String: String], allowReplace: Bool) async throws -> (created: Bool, info: ConnectorInfo) {
        try await putConnectorConfig(name, config: config, initialState: nil, allowReplace: allowReplace)
    }

    /// Creates a connector in KIP-980's `initial_state` (a new connector only; nil: started).
    public func putConnectorConfig(_ name: String, config: [String: String], initialState: TargetState?,
                                   allowReplace: Bool) async throws -> (created: Bool, info: ConnectorInfo) {
        var config = config
        config["name"] = config["name"] ?? name
        let parsed = try ConnectorConfig(config, plugins: worker.plugins)
        let created = try await gate.run { () async throws -> Bool in
            let exists = state.withLock { $0.configs[name] != nil }
            if exists && !allowReplace { throw ConnectError.alreadyExists("Connector \(name) already exists") }
            let target = state.withLock { s -> TargetState in
                if !exists {
                    s.order.append(name)
                    s.targets[name] = initialState
                }
                s.configs[name] = config
                s.types[name] = parsed.type
                return s.targets[name] ?? .started
            }
            try await startConnectorAndTasks(name, target: target)
            return !exists
        }
        logger.info("Created connector \(name)")
        return (created, try await connectorInfo(name))
    }

    public func deleteConnector(_ name: String) async throws {
        try await gate.run {
            guard state.withLock({ $0.configs[name] != nil }) else { throw ConnectError.notFound("Connector \(name) not found") }
            await stopTasks(name)
            await worker.stopConnector(name)
            state.withLock { s in
                s.order.removeAll { $0 == name }
                s.configs[name] = nil
                s.types[name] = nil
                s.targets[name] = nil
                s.taskConfigs[name] = nil
            }
            statuses.remove(name)
        }
    }

    public func connectorStatus(_ name: String) async throws -> ConnectorStateInfo {
        let (count, type) = try state.withLock { s -> (Int, ConnectorType) in
            guard s.configs[name] != nil else { throw ConnectError.notFound("No status found for connector \(name)") }
            return (s.taskConfigs[name]?.count ?? 0, s.types[name] ?? .unknown)
        }
        let connector = statuses.connector(name) ?? .init(state: .unassigned, workerId: workerId)
        let tasks = (0..<count).map { i in
            statuses.task(ConnectorTaskId(connector: name, task: i)) ?? .init(id: i, state: .unassigned, workerId: workerId)
        }
        return ConnectorStateInfo(name: name, connector: connector, tasks: tasks, type: type)
    }

    public func taskConfigs(_ name: String) async throws -> [TaskInfo] {
        try state.withLock { s in
            guard let configs = s.taskConfigs[name] else { throw ConnectError.notFound("Connector \(name) not found") }
            return configs.enumerated().map { TaskInfo(id: ConnectorTaskId(connector: name, task: $0.offset), config: $0.element) }
        }
    }

    public func taskStatus(_ id: ConnectorTaskId) async throws -> ConnectorStateInfo.TaskState {
        guard let status = statuses.task(id), taskExists(id) else { throw ConnectError.notFound("No status found for task \(id)") }
        return status
    }

    func taskExists(_ id: ConnectorTaskId) -> Bool {
        state.withLock { id.task >= 0 && id.task < ($0.taskConfigs[id.connector]?.count ?? 0) }
    }

    /// Every plugin (the REST layer filters with `connectorsOnly`).
    public func plugins() -> [PluginDescriptor] { worker.plugins.descriptors(connectorsOnly: false) }

    public func validate(pluginClass: String, config: [String: String]) async throws -> ConfigInfos {
        var config = config
        config["connector.class"] = pluginClass
        return try ConnectorConfig.validate(config, plugins: worker.plugins)
    }
}
