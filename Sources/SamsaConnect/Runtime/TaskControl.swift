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
        var rateIn: RateWindow
        var rateOut: RateWindow
    }

    let id: ConnectorTaskId
    private let state: Mutex<State>
    private let errors = Mutex<ErrorHandler?>(nil)
    /// The clock the rates are measured with (a test's own clock in tests).
    private let clock: @Sendable () -> ContinuousClock.Instant

    init(id: ConnectorTaskId, target: TargetState, clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.id = id
        self.clock = clock
        let start = clock()
        state = Mutex(State(target: target, rateIn: RateWindow(origin: start), rateOut: RateWindow(origin: start)))
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

    func countIn(_ n: Int) {
        let now = clock()
        state.withLock { $0.recordsIn += Int64(n); $0.rateIn.add(Int64(n), at: now) }
    }

    func countOut(_ n: Int) {
        let now = clock()
        state.withLock { $0.recordsOut += Int64(n); $0.rateOut.add(Int64(n), at: now) }
    }

    func setSourceOffsets(_ lines: [String]) { state.withLock { $0.sourceOffsets = lines } }
    func setLag(_ lag: Int64?) { state.withLock { $0.lag = lag } }

    /// The counters and their rates over the last ~5 s (`RateWindow`); reading them changes nothing.
    func metrics(workerId: String) -> ConnectSnapshot.TaskEntry {
        let failed = errors.withLock { $0?.failureCount } ?? 0
        let now = clock()
        return state.withLock { s in
            ConnectSnapshot.TaskEntry(id: id.task, state: s.target == .paused ? .paused : .running, workerId: workerId,
                                      recordsIn: s.recordsIn, recordsOut: s.recordsOut, recordsInPerSecond: s.rateIn.perSecond(at: now),
                                      recordsOutPerSecond: s.rateOut.perSecond(at: now), recordsFailed: failed,
                                      sourceOffsets: s.sourceOffsets, lag: s.lag)
        }
    }
}
