import Synchronization
@testable import SamsaConnect

/// An in-memory Herder answering as Kafka's StandaloneHerder does (its sentences and not-found cases), so the
/// REST tests check the HTTP layer against known herder answers.
final class RestFakeHerder: Herder {
    struct Entry {
        var config: [String: String]
        var target: TargetState = .started
        var taskCount: Int
        var failedTasks: Set<Int> = []
    }

    let workerId = "127.0.0.1:8083"
    /// When set, writes throw `RestForward` to this leader (nil inside: no leader known), as a follower's would.
    let forwardWrites = Mutex<RestForward?>(nil)

    private func checkLeader() throws {
        if let target = forwardWrites.withLock({ $0 }) { throw target }
    }
    private let state = Mutex<[String: Entry]>([:])
    /// Restart calls seen, as `name includeTasks onlyFailed` or `name-task`.
    let restarts = Mutex<[String]>([])

    func add(_ name: String, config: [String: String], tasks: Int = 1, failedTasks: Set<Int> = []) {
        state.withLock { $0[name] = Entry(config: config.merging(["name": name]) { a, _ in a }, taskCount: tasks, failedTasks: failedTasks) }
    }

    func target(_ name: String) -> TargetState? { state.withLock { $0[name]?.target } }

    private func entry(_ name: String) throws -> Entry {
        guard let entry = state.withLock({ $0[name] }) else { throw ConnectError.notFound("Connector \(name) not found") }
        return entry
    }

    private static func type(_ config: [String: String]) -> ConnectorType {
        (config["connector.class"] ?? "").contains("Sink") ? .sink : .source
    }

    /// When set, `serverInfo` waits on it first (a herder call that takes its time).
    let serverInfoGate = Mutex<(@Sendable () async -> Void)?>(nil)

    func serverInfo() async throws -> ServerInfo {
        if let gate = serverInfoGate.withLock({ $0 }) { await gate() }
        return ServerInfo(version: "4.1.0", commit: "f1e2d3c4b5a69788", kafkaClusterId: "MkU3OEVBNTcwNTJENDM2Qk")
    }

    func connectors() async throws -> [String] { state.withLock { Array($0.keys) } }

    func connectorInfo(_ name: String) async throws -> ConnectorInfo {
        let e = try entry(name)
        return ConnectorInfo(name: name, config: e.config, tasks: (0..<e.taskCount).map { ConnectorTaskId(connector: name, task: $0) },
                             type: Self.type(e.config))
    }

    func connectorConfig(_ name: String) async throws -> [String: String] { try entry(name).config }

    func putConnectorConfig(_ name: String, config: [String: String], allowReplace: Bool) async throws -> (created: Bool, info: ConnectorInfo) {
        try checkLeader()
        guard config["connector.class"] != nil else {
            throw ConnectError.badRequest("Connector config {name=\(name)} contains no connector type")
        }
        let created = try state.withLock { table -> Bool in
            let exists = table[name] != nil
            if exists && !allowReplace { throw ConnectError.alreadyExists("Connector \(name) already exists") }
            let tasks = Int(config["tasks.max"] ?? "1") ?? 1
            table[name] = Entry(config: config, target: table[name]?.target ?? .started, taskCount: tasks)
            return !exists
        }
        return (created, try await connectorInfo(name))
    }

    func deleteConnector(_ name: String) async throws {
        try checkLeader()
        _ = try entry(name)
        state.withLock { _ = $0.removeValue(forKey: name) }
    }

    private func taskState(_ e: Entry, _ id: Int) -> ConnectorStateInfo.TaskState {
        if e.failedTasks.contains(id) {
            return .init(id: id, state: .failed, workerId: workerId, trace: "org.apache.kafka.connect.errors.ConnectException: boom\n\tat Task.poll")
        }
        let state: ConnectState = switch e.target { case .started: .running; case .paused: .paused; case .stopped: .stopped }
        return .init(id: id, state: state, workerId: workerId)
    }

    func connectorStatus(_ name: String) async throws -> ConnectorStateInfo {
        guard let e = state.withLock({ $0[name] }) else { throw ConnectError.notFound("No status found for connector \(name)") }
        let state: ConnectState = switch e.target { case .started: .running; case .paused: .paused; case .stopped: .stopped }
        return ConnectorStateInfo(name: name, connector: .init(state: state, workerId: workerId),
                                  tasks: (0..<e.taskCount).map { taskState(e, $0) }, type: Self.type(e.config))
    }

    func taskConfigs(_ name: String) async throws -> [TaskInfo] {
        let e = try entry(name)
        return (0..<e.taskCount).map {
            TaskInfo(id: ConnectorTaskId(connector: name, task: $0), config: ["task.class": "FakeTask", "file": e.config["file"] ?? ""])
        }
    }

    func taskStatus(_ id: ConnectorTaskId) async throws -> ConnectorStateInfo.TaskState {
        guard let e = state.withLock({ $0[id.connector] }), id.task < e.taskCount, id.task >= 0 else {
            throw ConnectError.notFound("No status found for task \(id)")
        }
        return taskState(e, id.task)
    }

    func restartConnector(_ name: String, includeTasks: Bool, onlyFailed: Bool) async throws -> ConnectorStateInfo? {
        try checkLeader()
        let e = try entry(name)
        restarts.withLock { $0.append("\(name) \(includeTasks) \(onlyFailed)") }
        guard includeTasks || onlyFailed else { return nil }
        var status = try await connectorStatus(name)
        status.connector.state = onlyFailed ? .running : .restarting
        status.tasks = (0..<e.taskCount).map { id in
            let restarting = includeTasks && (!onlyFailed || e.failedTasks.contains(id))
            return .init(id: id, state: restarting ? .restarting : .running, workerId: workerId)
        }
        return status
    }

    func restartTask(_ id: ConnectorTaskId) async throws {
        let e = try entry(id.connector)
        guard id.task >= 0 && id.task < e.taskCount else { throw ConnectError.notFound("Task \(id) not found") }
        restarts.withLock { $0.append(id.description) }
    }

    private func setTarget(_ name: String, _ target: TargetState) throws {
        _ = try entry(name)
        state.withLock { $0[name]?.target = target }
    }

    func pauseConnector(_ name: String) async throws { try setTarget(name, .paused) }
    func resumeConnector(_ name: String) async throws { try setTarget(name, .started) }
    func stopConnector(_ name: String) async throws { try setTarget(name, .stopped) }

    func connectorOffsets(_ name: String) async throws -> [ConnectorOffset] {
        let e = try entry(name)
        if Self.type(e.config) == .sink {
            return [ConnectorOffset(partition: ["kafka_topic": .string("connect-test"), "kafka_partition": .int32(0)],
                                    offset: ["kafka_offset": .int64(7)])]
        }
        return [ConnectorOffset(partition: ["filename": .string(e.config["file"] ?? "")], offset: ["position": .int64(8)])]
    }

    func plugins() -> [PluginDescriptor] {
        [
            PluginDescriptor(className: "org.apache.kafka.connect.json.JsonConverter", kind: .converter, version: "4.1.0"),
            PluginDescriptor(className: "org.apache.kafka.connect.file.FileStreamSourceConnector", kind: .source, version: "4.1.0"),
            PluginDescriptor(className: "org.apache.kafka.connect.transforms.InsertField$Value", kind: .transformation, version: "4.1.0"),
            PluginDescriptor(className: "org.apache.kafka.connect.file.FileStreamSinkConnector", kind: .sink, version: "4.1.0"),
            PluginDescriptor(className: "org.apache.kafka.connect.storage.SimpleHeaderConverter", kind: .headerConverter, version: "undefined"),
            PluginDescriptor(className: "org.apache.kafka.connect.transforms.predicates.TopicNameMatches", kind: .predicate, version: "4.1.0"),
        ]
    }

    func validate(pluginClass: String, config: [String: String]) async throws -> ConfigInfos {
        guard pluginClass.contains("FileStream") else {
            throw ConnectError.badRequest("Failed to find any class that implements Connector and which name matches \(pluginClass)")
        }
        let file = ConfigDef.Key(name: "file", type: .string, defaultValue: nil, importance: .high,
                                 documentation: "Source filename.", group: "Common", orderInGroup: 1, width: .long,
                                 displayName: "File")
        let batch = ConfigDef.Key(name: "batch.size", type: .int, defaultValue: "2000", importance: .low,
                                  documentation: "The maximum number of records the source task can read from the file each time it is polled")
        let fileErrors = config["file"] == nil ? ["Missing required configuration \"file\" which has no default value."] : []
        return ConfigInfos(name: "org.apache.kafka.connect.file.FileStreamSourceConnector", errorCount: fileErrors.count,
                           groups: ["Common"], configs: [
                               (file, .init(name: "file", value: config["file"], errors: fileErrors)),
                               (batch, .init(name: "batch.size", value: config["batch.size"] ?? "2000", errors: [])),
                           ])
    }

    func snapshot() -> ConnectSnapshot {
        ConnectSnapshot(workers: [], connectors: [], mode: "standalone", restURL: nil)
    }
}
