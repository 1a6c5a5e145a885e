import Dispatch
import NIOCore
import Synchronization

/// Kafka's KafkaScheduler: the cluster's delayed and periodic work (retention, in-sync checks,
/// checkpoints, group timers, producer-id expiry, fencing an isolated broker) on background threads,
/// never on an event loop. Every task is owned: `shutdown()` drops what has not started and waits for
/// what is running, so nothing touches a log after the cluster closed it.
///
/// Thread-safety: every method may be called from any thread, except `shutdown()` from one of its own
/// tasks (it would wait for itself).
public final class BackgroundScheduler: Sendable {
    private let driver: Driver
    private let running = DispatchGroup()
    private let state = Mutex(State())

    private struct State {
        var stopped = false
        var next: UInt64 = 0
        /// Tasks scheduled and not yet run or cancelled.
        var pending: Set<UInt64> = []
    }

    /// A scheduled task; cancelling one that already ran does nothing.
    public struct Task: Sendable {
        fileprivate let id: UInt64
        fileprivate weak var scheduler: BackgroundScheduler?

        public func cancel() { scheduler?.cancel(id) }
    }

    private enum Driver {
        case dispatch(DispatchQueue)
        case loop(EventLoop)
    }

    public init(label: String = "samsa.scheduler") {
        driver = .dispatch(DispatchQueue(label: label, qos: .utility, attributes: .concurrent))
    }

    /// Runs every task on `eventLoop` itself: for tests that move time by hand (`EmbeddedEventLoop`).
    public init(eventLoop: EventLoop) {
        driver = .loop(eventLoop)
    }

    /// Runs `work` once after `ms` milliseconds (at once for 0 or less). Nil once shut down.
    @discardableResult
    public func schedule(afterMs ms: Int64, _ work: @escaping @Sendable () -> Void) -> Task? {
        let id = state.withLock { s -> UInt64? in
            guard !s.stopped else { return nil }
            s.next += 1
            s.pending.insert(s.next)
            return s.next
        }
        guard let id else { return nil }
        let fire: @Sendable () -> Void = { [weak self] in
            guard let self, self.begin(id) else { return }
            defer { self.running.leave() }
            work()
        }
        let delay = Int(min(max(ms, 0), Int64(Int32.max)))
        switch driver {
        case .dispatch(let queue) where delay == 0:
            queue.async(execute: fire)
        case .dispatch(let queue):
            queue.asyncAfter(deadline: .now() + .milliseconds(delay), execute: fire)
        case .loop(let loop):
            loop.scheduleTask(in: .milliseconds(Int64(delay)), fire)
        }
        return Task(id: id, scheduler: self)
    }

    /// Runs `work` every `ms` milliseconds, measured from the end of one run to the start of the next,
    /// so a slow run never overlaps the next.
    public func every(ms: Int64, _ work: @escaping @Sendable () -> Void) {
        let interval = max(1, ms)
        schedule(afterMs: interval) { [weak self] in
            work()
            self?.every(ms: interval, work)
        }
    }

    /// Cancels every task that has not started and waits for the running ones to finish. Idempotent.
    public func shutdown() {
        state.withLock { s in
            s.stopped = true
            s.pending.removeAll()
        }
        running.wait()
    }

    public var isShutDown: Bool { state.withLock { $0.stopped } }

    /// Tasks scheduled that have neither run nor been cancelled.
    public var pendingCount: Int { state.withLock { $0.pending.count } }

    /// The event loop a test drives this scheduler with, if any.
    var testLoop: EventLoop? {
        if case .loop(let loop) = driver { return loop }
        return nil
    }

    private func cancel(_ id: UInt64) {
        _ = state.withLock { $0.pending.remove(id) }
    }

    /// Claims a due task; entering the group under the lock means `shutdown` waits for it.
    private func begin(_ id: UInt64) -> Bool {
        state.withLock { s in
            guard !s.stopped, s.pending.remove(id) != nil else { return false }
            running.enter()
            return true
        }
    }
}
