import Foundation
import Synchronization

/// A flag `stop()` raises from another thread so a source task's `poll` stops waiting (Kafka's tasks are
/// woken by `notify()` in `stop()`); waits are short naps that check it, so `poll` returns within about a second.
final class StopSignal: Sendable {
    private let raised = Mutex(false)

    var isRaised: Bool { raised.withLock { $0 } || Task.isCancelled }

    func raise() { raised.withLock { $0 = true } }

    /// Naps until `deadline`, the signal, or `ready()` turning true (checked every `step`); true when ready.
    @discardableResult
    func wait(until deadline: ContinuousClock.Instant, step: Duration = .milliseconds(50),
              ready: () -> Bool = { false }) async -> Bool {
        while !isRaised {
            if ready() { return true }
            let now = ContinuousClock.now
            if now >= deadline { return false }
            try? await Task.sleep(for: min(step, deadline - now))
        }
        return false
    }

    /// Naps for `duration` unless stopped first.
    func wait(for duration: Duration) async {
        await wait(until: .now + duration)
    }
}
