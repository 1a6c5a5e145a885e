import Synchronization

/// A coordinator's state whose changes a snapshot reader notices through `version` (the TUI redraws when
/// it moves).
protocol VersionedState: Sendable {
    var version: UInt64 { get set }
}

/// Work a coordinator runs once its lock is released: completing promises, whose callbacks may call back in.
typealias CoordinatorEffects = [() -> Void]

extension Mutex where Value: VersionedState {
    /// Runs `body` under the lock (bumping the version), then the effects it queued.
    func mutate<T: Sendable>(_ body: (inout Value, inout CoordinatorEffects) throws -> T) rethrows -> T {
        var effects: CoordinatorEffects = []
        let result = try withLock { state -> T in
            defer { state.version &+= 1 }
            return try body(&state, &effects)
        }
        for effect in effects { effect() }
        return result
    }
}
