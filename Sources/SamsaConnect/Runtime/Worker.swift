import Logging
import SamsaClient

/// Runs connectors and tasks on this process: converters, transforms, error handling, offset commits. The
/// herders decide what runs where; the worker only runs it. (CONTRACT: bodies are filled in by the runtime work.)
public final class Worker: Sendable {
    public let workerId: String
    public let config: WorkerConfig
    public let plugins: PluginRegistry
    public let offsetStore: any OffsetStore
    public let statusListener: any StatusListener
    public let logger: Logger

    public init(workerId: String, config: WorkerConfig, plugins: PluginRegistry = .builtin, offsetStore: any OffsetStore,
                statusListener: any StatusListener, logger: Logger = Logger(label: "samsa.connect")) {
        self.workerId = workerId
        self.config = config
        self.plugins = plugins
        self.offsetStore = offsetStore
        self.statusListener = statusListener
        self.logger = logger
    }

    /// Starts (or restarts) a connector instance; reports RUNNING/PAUSED/STOPPED/FAILED to the listener.
    public func startConnector(_ name: String, config: [String: String], targetState: TargetState) async throws {}
    /// The connector's current task configs (calls `taskConfigs(maxTasks:)` with `tasks.max`).
    public func connectorTaskConfigs(_ name: String) async throws -> [[String: String]] { [] }
    public func stopConnector(_ name: String) async {}
    /// Starts a task with its connector's config (converters, transforms, errors.*) and its own task config.
    public func startTask(_ id: ConnectorTaskId, connectorConfig: [String: String], taskConfig: [String: String],
                          targetState: TargetState) async throws {}
    /// Stops a task: source tasks commit their offsets, sink tasks flush and commit, within
    /// `task.shutdown.graceful.timeout.ms`.
    public func stopTask(_ id: ConnectorTaskId) async {}
    /// Pauses, resumes or stops a running connector and its tasks.
    public func setTargetState(_ connector: String, _ state: TargetState) async {}
    public var runningConnectors: [String] { [] }
    public var runningTasks: [ConnectorTaskId] { [] }
    /// Rates and counters for the workbench (the herder adds states and worker ids).
    public func taskMetrics() -> [ConnectorTaskId: ConnectSnapshot.TaskEntry] { [:] }
    /// Stops everything (tasks first), committing what can be committed.
    public func stop() async {}
}
