/// What the config topic says at one offset (Kafka's `ClusterConfigState`): connector configs, the task
/// configs of the last committed generation of each connector, and target states.
public struct ConfigSnapshot: Sendable, Equatable {
    /// The config topic's offset read up to (the next offset to read).
    public var offset: Int64 = 0
    public var connectorConfigs: [String: [String: String]] = [:]
    /// Committed task configs only: `task-` records wait for their `commit-` record before they count.
    public var taskConfigs: [ConnectorTaskId: [String: String]] = [:]
    public var taskCounts: [String: Int] = [:]
    public var targetStates: [String: TargetState] = [:]

    public init() {}

    public var connectors: [String] { connectorConfigs.keys.sorted() }

    public func targetState(_ connector: String) -> TargetState { targetStates[connector] ?? .started }

    /// The committed tasks of a connector, in id order.
    public func tasks(_ connector: String) -> [ConnectorTaskId] {
        (0..<(taskCounts[connector] ?? 0)).map { ConnectorTaskId(connector: connector, task: $0) }
            .filter { taskConfigs[$0] != nil }
    }

    /// Connector name → committed task count, what the assignor splits.
    public var assignable: [String: Int] {
        Dictionary(uniqueKeysWithValues: connectors.map { ($0, tasks($0).count) })
    }
}
