import Logging
import SamsaClient
import Synchronization

/// Runs connectors and tasks on this process: converters, transforms, error handling, offset commits. The
/// herders decide what runs where; the worker only runs it.
public final class Worker: Sendable {
    public let workerId: String
    public let config: WorkerConfig
    public let plugins: PluginRegistry
    public let offsetStore: any OffsetStore
    public let statusListener: any StatusListener
    public let logger: Logger

    struct RunningConnector {
        var runner: WorkerConnector
        var config: ConnectorConfig
        var target: TargetState
    }

    struct RunningTask {
        var control: TaskControl
        var handle: Task<Void, Never>
    }

    struct State {
        var connectors: [String: RunningConnector] = [:]
        var tasks: [ConnectorTaskId: RunningTask] = [:]
        var onReconfigure: (@Sendable (String) -> Void)?
    }

    let state = Mutex(State())

    public init(workerId: String, config: WorkerConfig, plugins: PluginRegistry = .builtin, offsetStore: any OffsetStore,
                statusListener: any StatusListener, logger: Logger = Logger(label: "samsa.connect")) {
        self.workerId = workerId
        self.config = config
        self.plugins = plugins
        self.offsetStore = offsetStore
        self.statusListener = statusListener
        self.logger = logger
    }

    /// Who hears a connector's `requestTaskReconfiguration()` (the herder, which asks for task configs again).
    public func onTaskReconfiguration(_ handler: @escaping @Sendable (String) -> Void) {
        state.withLock { $0.onReconfigure = handler }
    }

    /// Starts (or restarts) a connector instance; reports RUNNING/PAUSED/STOPPED/FAILED to the listener.
    /// A bad config throws (nothing started); a connector whose `start` fails is reported FAILED.
    public func startConnector(_ name: String, config: [String: String], targetState: TargetState) async throws {
        await stopConnector(name)
        let parsed = try ConnectorConfig(config, plugins: plugins)
        guard let plugin = plugins.connector(parsed.connectorClass) else { return }
        let runner = WorkerConnector(name: name, plugin: plugin)
        state.withLock { $0.connectors[name] = RunningConnector(runner: runner, config: parsed, target: targetState) }
        if targetState == .stopped {
            statusListener.connectorStateChanged(name, state: .stopped, trace: nil)
            return
        }
        let context = WorkerConnectorContext(name: name, statusListener: statusListener) { [weak self] name in
            self?.state.withLock { $0.onReconfigure }?(name)
        }
        do {
            try await runner.start(config, context: context)
            logger.info("Finished creating connector \(name)")
            statusListener.connectorStateChanged(name, state: targetState == .paused ? .paused : .running, trace: nil)
        } catch {
            logger.error("Failed to start connector \(name): \(ConnectTrace.trace(error))")
            statusListener.connectorStateChanged(name, state: .failed, trace: ConnectTrace.trace(error))
        }
    }

    /// The connector's current task configs (calls `taskConfigs(maxTasks:)` with `tasks.max`). Sink tasks
    /// get the connector's `topics`/`topics.regex`, as Kafka's worker adds them.
    public func connectorTaskConfigs(_ name: String) async throws -> [[String: String]] {
        guard let running = state.withLock({ $0.connectors[name] }) else {
            throw ConnectError.notFound("Connector \(name) not found")
        }
        var configs = try await running.runner.taskConfigs(maxTasks: running.config.tasksMax)
        if configs.count > running.config.tasksMax {
            throw ConnectError.connect("Connector \(name) generated \(configs.count) tasks, which is greater than \(running.config.tasksMax), the maximum number of tasks it is configured to create. ")
        }
        if running.config.type == .sink {
            for i in configs.indices {
                for key in ["topics", "topics.regex"] { if let v = running.config.originals[key] { configs[i][key] = v } }
            }
        }
        return configs
    }

    public func stopConnector(_ name: String) async {
        guard let running = state.withLock({ $0.connectors.removeValue(forKey: name) }) else { return }
        await running.runner.stop()
        logger.info("Stopped connector \(name)")
    }

    /// Starts a task with its connector's config (converters, transforms, errors.*) and its own task config.
    public func startTask(_ id: ConnectorTaskId, connectorConfig: [String: String], taskConfig: [String: String],
                          targetState: TargetState) async throws {
        await stopTask(id)
        let parsed = try ConnectorConfig(connectorConfig, plugins: plugins)
        guard let plugin = plugins.connector(parsed.connectorClass) else { return }
        let converters = try TaskConverters(worker: config, connector: parsed, plugins: plugins)
        _ = try TaskTransforms(connectorConfig, plugins: plugins)
        let control = TaskControl(id: id, target: targetState)
        let handle = Task { [self] in
            await runTask(id, plugin: plugin, connector: parsed, taskConfig: taskConfig, converters: converters,
                          control: control)
        }
        state.withLock { $0.tasks[id] = RunningTask(control: control, handle: handle) }
    }

    /// Stops a task: source tasks commit their offsets, sink tasks flush and commit, within
    /// `task.shutdown.graceful.timeout.ms`.
    public func stopTask(_ id: ConnectorTaskId) async {
        guard let running = state.withLock({ $0.tasks.removeValue(forKey: id) }) else { return }
        running.control.requestStop()
        let finished = await Self.wait(for: running.handle, timeout: .milliseconds(config.taskShutdownGracefulTimeoutMs))
        if !finished { logger.error("Graceful stop of task \(id) failed.") }
    }

    /// Pauses, resumes or stops a running connector and its tasks.
    public func setTargetState(_ connector: String, _ target: TargetState) async {
        let (found, tasks) = state.withLock { s -> (Bool, [ConnectorTaskId: RunningTask]) in
            s.connectors[connector]?.target = target
            return (s.connectors[connector] != nil, s.tasks.filter { $0.key.connector == connector })
        }
        if target == .stopped {
            for id in tasks.keys.sorted() { await stopTask(id) }
            await stopConnector(connector)
            statusListener.connectorStateChanged(connector, state: .stopped, trace: nil)
            return
        }
        let reported: ConnectState = target == .paused ? .paused : .running
        if found { statusListener.connectorStateChanged(connector, state: reported, trace: nil) }
        for (id, task) in tasks.sorted(by: { $0.key < $1.key }) {
            task.control.target = target
            statusListener.taskStateChanged(id, state: reported, trace: nil)
        }
    }

    public var runningConnectors: [String] { state.withLock { $0.connectors.keys.sorted() } }
    public var runningTasks: [ConnectorTaskId] { state.withLock { $0.tasks.keys.sorted() } }

    /// Rates and counters for the workbench (the herder adds states and worker ids).
    public func taskMetrics() -> [ConnectorTaskId: ConnectSnapshot.TaskEntry] {
        let tasks = state.withLock { $0.tasks }
        var out: [ConnectorTaskId: ConnectSnapshot.TaskEntry] = [:]
        for (id, task) in tasks {
            out[id] = task.control.metrics(workerId: workerId)
        }
        return out
    }

    /// Stops everything (tasks first), committing what can be committed.
    public func stop() async {
        let (tasks, connectors) = state.withLock { ($0.tasks.keys.sorted(), $0.connectors.keys.sorted()) }
        await withTaskGroup(of: Void.self) { group in
            for id in tasks { group.addTask { await self.stopTask(id) } }
        }
        for name in connectors { await stopConnector(name) }
    }

    /// Waits for a Swift Task; false (and the task cancelled) when the timeout passed first.
    static func wait(for handle: Task<Void, Never>, timeout: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { await handle.value; return true }
            group.addTask {
                try? await Task.sleep(for: timeout)
                if !Task.isCancelled { handle.cancel() }
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}
