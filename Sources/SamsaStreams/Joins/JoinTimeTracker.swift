import Synchronization

/// Stream time shared by both sides of one stream-stream join within a task (Kafka's `TimeTracker`): the
/// largest timestamp either side saw, and the smallest timestamp waiting in the outer-join store. A task's two
/// join processors run on its one thread; the lock only makes the sharing safe to express.
final class JoinTimeTracker: Sendable {
    private struct Times {
        var streamTime = Int64.min
        var minTime = Int64.max
    }

    private let times = Mutex(Times())

    var streamTime: Int64 { times.withLock { $0.streamTime } }

    var minTime: Int64 {
        get { times.withLock { $0.minTime } }
        set { times.withLock { $0.minTime = newValue } }
    }

    func advanceStreamTime(_ timestamp: Int64) { times.withLock { $0.streamTime = max($0.streamTime, timestamp) } }
    func updatedMinTime(_ timestamp: Int64) { times.withLock { $0.minTime = min($0.minTime, timestamp) } }
}

/// One tracker per task, shared by the join's two processors (Kafka's `TimeTrackerSupplier`).
final class JoinTimeTrackers: Sendable {
    private let trackers = Mutex<[TaskId: JoinTimeTracker]>([:])

    func tracker(for task: TaskId) -> JoinTimeTracker {
        trackers.withLock { map in
            if let tracker = map[task] { return tracker }
            let tracker = JoinTimeTracker()
            map[task] = tracker
            return tracker
        }
    }

    func remove(_ task: TaskId) {
        _ = trackers.withLock { $0.removeValue(forKey: task) }
    }
}
