import Synchronization

/// A level-triggered signal for one waiting task: `notify` wakes the waiter (or the next `wait` returns
/// at once), and `wait` can give up after a timeout.
final class Wakeup: Sendable {
    private let state: Mutex<(pending: Bool, waiter: CheckedContinuation<Void, Never>?)> = Mutex((false, nil))

    func notify() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            if let waiter = s.waiter {
                s.waiter = nil
                return waiter
            }
            s.pending = true
            return nil
        }
        waiter?.resume()
    }

    func wait(timeout: Duration?) async {
        if state.withLock({ s in defer { s.pending = false }; return s.pending }) { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let resumeNow = self.state.withLock { s -> Bool in
                        if s.pending {
                            s.pending = false
                            return true
                        }
                        s.waiter = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            }
            if let timeout {
                group.addTask {
                    do {
                        try await Task.sleep(for: timeout)
                        self.notify()
                    } catch {}
                }
            }
            await group.next()
            group.cancelAll()
        }
    }
}
