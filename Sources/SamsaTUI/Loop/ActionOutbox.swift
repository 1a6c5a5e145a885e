import Synchronization

/// Where actions running off the UI thread post their outcomes; the event loop drains it every tick.
final class ActionOutbox: Sendable {
    private let outcomes: Mutex<[ActionOutcome]> = Mutex([])

    func post(_ outcome: ActionOutcome) {
        outcomes.withLock { $0.append(outcome) }
    }

    func drain() -> [ActionOutcome] {
        outcomes.withLock { list in
            defer { list.removeAll() }
            return list
        }
    }
}
