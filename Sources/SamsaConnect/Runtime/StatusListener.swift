/// Where a worker reports connector and task state changes: the standalone herder keeps them in memory, the
/// distributed herder writes them to `status.storage.topic` as Kafka's `status-connector-<name>` /
/// `status-task-<name>-<id>` records.
public protocol StatusListener: Sendable {
    func connectorStateChanged(_ name: String, state: ConnectState, trace: String?)
    func taskStateChanged(_ id: ConnectorTaskId, state: ConnectState, trace: String?)
}
