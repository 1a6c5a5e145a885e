import Synchronization

/// What a running task shares with the worker: its target state, a stop request, and its counters for the
/// workbench. The task's own objects stay inside the Swift Task that runs it; this is the Sendable side.
final class TaskControl: Sendable {
    struct State {
        var target: TargetState
        var stopRequested = false
        var recordsIn: Int64 = 0
        var recordsOut: Int64 = 0
        var sourceOffsets: [String] = []
        var lag: Int64?
        var sample = (at: ContinuousClock.now, recordsIn: Int64(0), recordsOut: Int64(0))
        var rates = (recordsIn: 0.0, recordsOut: 0.0)
    }

    let id: ConnectorTaskId
    private let state: Mutex<State>
    private let errors = Mutex<ErrorHandler?>(nil)

    init(id: ConnectorTaskId, target: TargetState) {
        self.id = id
        state = Mutex(State(target: target))
    }

    var target: TargetState {
        get { state.withLock { $0.target } }
        set { state.withLock { $0.target = newValue } }
    }

    var stopRequested: Bool { state.withLock { $0.stopRequested } }
    func requestStop() { state.withLock { $0.stopRequested = true } }

    /// True while the task should keep running but not move data (paused).
    var isPaused: Bool { state.withLock { !$0.stopRequested && $0.target != .started } }

    /// The task's error handler, whose failure count the workbench shows.
    func attach(_ handler: ErrorHandler) { errors.withLock { $0 = handler } }

    func countIn(_ n: Int) { state.withLock { $0.recordsIn += Int64(n) } }
    func countOut(_ n: Int) { state.withLock { $0.recordsOut += Int64(n) } }
    func setSourceOffsets(_ lines: [String]) { state.withLock { $0.sourceOffsets = lines } }
    func setLag(_ lag: Int64?) { state.withLock { $0.lag = lag } }

    /// The counters and rates (over the last second or more since the previous call).
    func metrics(workerId: String) -> ConnectSnapshot.TaskEntry {
        let failed = errors.withLock { $0?.failureCount } ?? 0
        return state.withLock { s in
            let now = ContinuousClock.now
            let elapsed = now - s.sample.at
            if elapsed >= .seconds(1) {
                let seconds = Double(elapsed.milliseconds) / 1000
                s.rates = (Double(s.recordsIn - s.sample.recordsIn) / seconds, Double(s.recordsOut - s.sample.recordsOut) / seconds)
                s.sample = (now, s.recordsIn, s.recordsOut)
            }
            return ConnectSnapshot.TaskEntry(id: id.task, state: s.target == .paused ? .paused : .running, workerId: workerId,
                                             recordsIn: s.recordsIn, recordsOut: s.recordsOut, recordsInPerSecond: s.rates.recordsIn,
                                             recordsOutPerSecond: s.rates.recordsOut, recordsFailed: failed,
                                             sourceOffsets: s.sourceOffsets, lag: s.lag)
        }
    }
}
