import Synchronization

/// Holds the latest snapshot for the UI thread and numbers each one that differs from the last, so the
/// workbench redraws only on change. Sources build snapshots off the UI thread and publish them here.
///
/// Builds may run at once (the refresher's, and one after each action), and a slower build of older state
/// can finish last. So each build takes a number before it reads anything, and a build numbered below the
/// last one published is dropped: once a snapshot shows a change, no snapshot read before it replaces it.
///
/// Thread-safety: internally synchronized; `latest` never blocks on a build in progress.
final class SnapshotPublisher: Sendable {
    private struct State {
        var snapshot: WorkbenchSnapshot
        var content: WorkbenchSnapshot?
        var publishedBuild: UInt64 = 0
    }

    private let state: Mutex<State>
    private let builds = Atomic<UInt64>(0)

    init(mode: WorkbenchMode) {
        state = Mutex(State(snapshot: WorkbenchSnapshot(version: 0, clusterId: "", mode: mode)))
    }

    var latest: WorkbenchSnapshot { state.withLock { $0.snapshot } }

    /// The number of a build about to read the cluster; take it before reading anything.
    func beginBuild() -> UInt64 {
        builds.add(1, ordering: .sequentiallyConsistent).newValue
    }

    /// Publishes `content` (its version is ignored) under the next version if anything changed, unless a
    /// build begun after `build` was published already.
    func publish(_ content: WorkbenchSnapshot, build: UInt64) {
        state.withLock { state in
            guard build >= state.publishedBuild else { return }
            state.publishedBuild = build
            guard state.content != content else { return }
            state.content = content
            state.snapshot = content.numbered(state.snapshot.version + 1)
        }
    }
}
