/// A set of connectors and tasks (Kafka's `ConnectorsAndTasks`): what a worker runs, what is configured,
/// what was lost, in the incremental cooperative assignor's set arithmetic.
public struct ConnectorsAndTasks: Sendable, Equatable {
    public var connectors: Set<String>
    public var tasks: Set<ConnectorTaskId>

    public init(connectors: some Sequence<String> = [String](), tasks: some Sequence<ConnectorTaskId> = [ConnectorTaskId]()) {
        self.connectors = Set(connectors)
        self.tasks = Set(tasks)
    }

    /// Every connector of `counts` and its tasks 0..<count.
    public init(taskCounts counts: [String: Int]) {
        self.init(connectors: counts.keys,
                  tasks: counts.flatMap { name, count in (0..<count).map { ConnectorTaskId(connector: name, task: $0) } })
    }

    public var isEmpty: Bool { connectors.isEmpty && tasks.isEmpty }

    public func subtracting(_ others: ConnectorsAndTasks...) -> ConnectorsAndTasks {
        var result = self
        for other in others {
            result.connectors.subtract(other.connectors)
            result.tasks.subtract(other.tasks)
        }
        return result
    }

    public func union(_ other: ConnectorsAndTasks) -> ConnectorsAndTasks {
        ConnectorsAndTasks(connectors: connectors.union(other.connectors), tasks: tasks.union(other.tasks))
    }

    public func intersection(_ other: ConnectorsAndTasks) -> ConnectorsAndTasks {
        ConnectorsAndTasks(connectors: connectors.intersection(other.connectors), tasks: tasks.intersection(other.tasks))
    }
}

/// One worker's allocation while the assignor works (Kafka's `WorkerLoad`), in the order the worker reported it:
/// load-balancing revocations take from the front.
struct WorkerLoad {
    let worker: String
    var connectors: [String]
    var tasks: [ConnectorTaskId]

    var isEmpty: Bool { connectors.isEmpty && tasks.isEmpty }

    mutating func remove(_ set: ConnectorsAndTasks) {
        connectors.removeAll { set.connectors.contains($0) }
        tasks.removeAll { set.tasks.contains($0) }
    }
}
