import Foundation
import SamsaClient
import SamsaStreams
import Synchronization

/// The Streams applications the workbench runs in-process. Each is a real client of the cluster (over
/// loopback in embedded mode); a background task pulls their snapshots, so the UI thread only reads the
/// last ones, and tells rebalances and restores in the event log.
///
/// Thread-safety: every method may be called from any task; state sits behind a mutex.
final class StreamsHost: Sendable {
    private struct Running: Sendable {
        let launch: StreamsLaunch
        let handle: any StreamsAppHandle
        var snapshot: StreamsSnapshot?
        var lastProgress: Date?
    }

    private let bootstrap: String
    /// The workbench's TLS and SASL settings, which every app it starts uses too.
    private let security: ClientSecurity
    private let launcher: StreamsLauncher
    private let notes: Mutex<[ClusterEvent]> = Mutex([])
    private let apps: Mutex<[String: Running]> = Mutex([:])
    /// Ids being started, so two starts of one id cannot both launch.
    private let starting: Mutex<Set<String>> = Mutex([])
    private let poller: Mutex<Task<Void, Never>?> = Mutex(nil)

    init(bootstrap: String, security: ClientSecurity = .plaintext, launcher: @escaping StreamsLauncher) {
        self.bootstrap = bootstrap
        self.security = security
        self.launcher = launcher
    }

    /// What happened to the apps, oldest first (the last hundred).
    var events: [ClusterEvent] { notes.withLock { $0 } }

    private func note(_ kind: ClusterEvent.Kind, _ text: String) {
        notes.withLock { notes in
            notes.append(ClusterEvent(time: Date(), kind: kind, text: text))
            if notes.count > 100 { notes.removeFirst(notes.count - 100) }
        }
    }

    var statuses: [WorkbenchStreamsApp] {
        apps.withLock { $0.values.map { WorkbenchStreamsApp(launch: $0.launch, snapshot: $0.snapshot, lastProgress: $0.lastProgress) } }
            .sorted { $0.applicationId < $1.applicationId }
    }

    func start(_ launch: StreamsLaunch) async throws {
        let id = launch.applicationId
        let refusal = WorkbenchError("Streams app \(id) is already running here; stop it first or choose another application id.")
        // Only the start that marked the id unmarks it.
        guard starting.withLock({ $0.insert(id).inserted }) else { throw refusal }
        defer { starting.withLock { _ = $0.remove(id) } }
        guard apps.withLock({ $0[id] == nil }) else { throw refusal }
        let handle = try await launcher(launch, bootstrap, security)
        apps.withLock { $0[id] = Running(launch: launch, handle: handle) }
        note(.streamsStarted, "Streams app \(id) started (\(launch.demo.title), \(launch.guarantee.rawValue)) reading \(launch.inputTopics.joined(separator: ", "))")
        startPolling()
        await poll()
    }

    func stop(applicationId id: String) async throws {
        guard let running = apps.withLock({ $0.removeValue(forKey: id) }) else {
            throw WorkbenchError("No Streams app \(id) runs in this workbench.")
        }
        await running.handle.close()
        note(.streamsStopped, "Streams app \(id) stopped")
    }

    func close() async {
        poller.withLock { $0 }?.cancel()
        let running = apps.withLock { apps in
            defer { apps.removeAll() }
            return Array(apps.values)
        }
        for app in running { await app.handle.close() }
    }

    private func startPolling() {
        poller.withLock { task in
            guard task == nil else { return }
            task = repeatWhileAlive(self, every: .seconds(1)) { await $0.poll() }
        }
    }

    /// Pulls every app's snapshot and tells what changed.
    func poll() async {
        let handles = apps.withLock { $0.mapValues(\.handle) }
        for (id, handle) in handles.sorted(by: { $0.key < $1.key }) {
            let snapshot = await handle.snapshot()
            let previous: StreamsSnapshot?? = apps.withLock { apps in
                guard var running = apps[id] else { return .none }
                let before = running.snapshot
                if snapshot.processedTotal > (before?.processedTotal ?? 0) { running.lastProgress = Date() }
                running.snapshot = snapshot
                apps[id] = running
                return .some(before)
            }
            guard case .some(let before) = previous else { continue }
            for (kind, text) in StreamsNarration.changes(id, from: before, to: snapshot) { note(kind, text) }
        }
    }
}
