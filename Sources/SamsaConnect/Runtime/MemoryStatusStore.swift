import Synchronization

/// Connector and task states kept in memory (Kafka's `MemoryStatusBackingStore`, what standalone mode uses).
public final class MemoryStatusStore: StatusListener {
    struct State {
        var connectors: [String: ConnectorStateInfo.ConnectorState] = [:]
        var tasks: [ConnectorTaskId: ConnectorStateInfo.TaskState] = [:]
    }

    public let workerId: String
    let state = Mutex(State())

    public init(workerId: String) {
        self.workerId = workerId
    }

    public func connectorStateChanged(_ name: String, state connectorState: ConnectState, trace: String?) {
        state.withLock { $0.connectors[name] = .init(state: connectorState, workerId: workerId, trace: trace) }
    }

    public func taskStateChanged(_ id: ConnectorTaskId, state taskState: ConnectState, trace: String?) {
        state.withLock { $0.tasks[id] = .init(id: id.task, state: taskState, workerId: workerId, trace: trace) }
    }

    public func connector(_ name: String) -> ConnectorStateInfo.ConnectorState? { state.withLock { $0.connectors[name] } }
    public func task(_ id: ConnectorTaskId) -> ConnectorStateInfo.TaskState? { state.withLock { $0.tasks[id] } }

    /// Forgets a deleted connector and its tasks.
    public func remove(_ name: String) {
        state.withLock { s in
            s.connectors[name] = nil
            s.tasks = s.tasks.filter { $0.key.connector != name }
        }
    }

    /// Forgets tasks beyond `count` (the connector now has fewer).
    func removeTasks(of name: String, from count: Int) {
        state.withLock { s in s.tasks = s.tasks.filter { $0.key.connector != name || $0.key.task < count } }
    }
}
