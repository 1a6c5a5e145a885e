/// The `ProcessorContext` a node of a `GraphTask` gets: forwards to its children, reaches its stores.
final class NodeContext: ProcessorContext {
    private unowned let task: GraphTask
    private let node: GraphTask.RuntimeNode
    private let connected: Set<String>

    init(task: GraphTask, node: GraphTask.RuntimeNode, stores: Set<String>) {
        self.task = task
        self.node = node
        self.connected = stores
    }

    var applicationId: String { task.applicationId }
    var taskId: TaskId { task.taskId }
    var streamTime: Int64 { task.streamTime }
    var recordOrigin: RecordOrigin? { task.currentOrigin }

    func forward(_ record: AnyRecord, to child: String?) throws {
        if let child {
            guard let target = node.children.first(where: { $0.name == child }) else {
                throw StreamsError(.topology, "Unknown downstream node: \(child) is not a child of \(node.name).")
            }
            try task.deliver(record, to: target)
        } else {
            for target in node.children { try task.deliver(record, to: target) }
        }
    }

    func stateStore(_ name: String) throws -> StateStore {
        try task.stateStore(name, from: node.name, connected: connected)
    }

    func schedule(intervalMs: Int64, type: PunctuationType, _ callback: @escaping (Int64) throws -> Void) {
        task.schedule(intervalMs: intervalMs, type: type, callback: callback)
    }

    func recordDropped(reason: DroppedRecordReason) { task.recordDropped(reason: reason) }
}
