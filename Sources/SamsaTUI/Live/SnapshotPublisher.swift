import Synchronization

/// Holds the latest snapshot for the UI thread and numbers each one that differs from the last, so the
/// workbench redraws only on change. Sources build snapshots off the UI thread and publish them here.
///
/// Thread-safety: internally synchronized; `latest` never blocks on a build in progress.
final class SnapshotPublisher: Sendable {
    private let state: Mutex<(snapshot: WorkbenchSnapshot, content: WorkbenchSnapshot?)>

    init(mode: WorkbenchMode) {
        state = Mutex((WorkbenchSnapshot(version: 0, clusterId: "", mode: mode), nil))
    }

    var latest: WorkbenchSnapshot { state.withLock { $0.snapshot } }

    /// Publishes `content` (its version is ignored) under the next version if anything changed.
    func publish(_ content: WorkbenchSnapshot) {
        state.withLock { state in
            guard state.content != content else { return }
            state.content = content
            state.snapshot = WorkbenchSnapshot(
                version: state.snapshot.version + 1, clusterId: content.clusterId, mode: content.mode,
                brokers: content.brokers, topics: content.topics, groups: content.groups, events: content.events,
                tail: content.tail, consumers: content.consumers)
        }
    }
}
