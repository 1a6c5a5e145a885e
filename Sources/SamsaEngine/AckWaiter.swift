import SamsaProtocol
import Synchronization

/// A write waiting for the high watermark to reach `requiredOffset` (its last offset + 1): an acks=all
/// produce, an offset commit, a transaction marker. Completed exactly once, by replication, a role change
/// or its timeout; completing it cancels its timer.
final class AckWaiter: Sendable {
    let requiredOffset: Int64
    private let done: @Sendable (ErrorCode) -> Void
    private let state = Mutex<(completed: Bool, cancelTimer: (@Sendable () -> Void)?)>((false, nil))

    init(requiredOffset: Int64, _ done: @escaping @Sendable (ErrorCode) -> Void) {
        self.requiredOffset = requiredOffset
        self.done = done
    }

    /// Hands over the way to cancel the timer; cancels it at once if the wait already completed.
    func setTimer(_ cancel: @escaping @Sendable () -> Void) {
        let completed = state.withLock { s -> Bool in
            if !s.completed { s.cancelTimer = cancel }
            return s.completed
        }
        if completed { cancel() }
    }

    func complete(_ error: ErrorCode) {
        let (first, cancel) = state.withLock { s -> (Bool, (@Sendable () -> Void)?) in
            defer { s = (true, nil) }
            return (!s.completed, s.cancelTimer)
        }
        guard first else { return }
        cancel?()
        done(error)
    }
}
