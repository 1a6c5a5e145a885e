import Synchronization

/// Stream time shared by both sides of one stream-stream join within a task (Kafka's `TimeTracker`): the
/// largest timestamp either side saw, and the smallest timestamp waiting in the outer-join store.
final class JoinTimeTracker {
    var streamTime = Int64.min
    var minTime = Int64.max

    func advanceStreamTime(_ timestamp: Int64) { streamTime = max(streamTime, timestamp) }
    func updatedMinTime(_ timestamp: Int64) { minTime = min(minTime, timestamp) }
}

/// One tracker per task, shared by the join's two processors (Kafka's `TimeTrackerSupplier`). Tasks may run on
/// different threads, hence the lock; a task's two processors run on its one thread.
final class JoinTimeTrackers: Sendable {
    private struct Box: @unchecked Sendable { let tracker: JoinTimeTracker }
    private let trackers = Mutex<[TaskId: Box]>([:])

    func tracker(for task: TaskId) -> JoinTimeTracker {
        trackers.withLock { map in
            if let box = map[task] { return box.tracker }
            let tracker = JoinTimeTracker()
            map[task] = Box(tracker: tracker)
            return tracker
        }
    }

    func remove(_ task: TaskId) {
        _ = trackers.withLock { $0.removeValue(forKey: task) }
    }
}
