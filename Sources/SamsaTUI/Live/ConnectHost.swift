import Foundation
import SamsaClient
import SamsaConnect
import Synchronization

/// The Kafka Connect worker the workbench runs in-process, started on first use (a standalone worker, a
/// real client of the cluster; its offsets in `directory`). A background task takes the herder's snapshot
/// and the tails of the connectors' files, so the UI thread only reads the last ones, and tells state
/// changes in the event log. With `--connect-url` the launcher hands a `RemoteHerder` instead: the view then
/// shows that Connect cluster through its REST API, and says when it does not answer.
///
/// Thread-safety: every method may be called from any task; state sits behind mutexes.
final class ConnectHost: Sendable {
    private let bootstrap: String
    /// The workbench's TLS and SASL settings, which the worker's clients use too.
    private let security: ClientSecurity
    let directory: String
    private let launcher: ConnectLauncher
    private let worker: Mutex<Task<any ConnectWorkerHandle, any Error>?> = Mutex(nil)
    private let current: Mutex<WorkbenchConnect>
    private let notes: Mutex<[ClusterEvent]> = Mutex([])
    /// Connector configs, read once per connector (the file a file connector reads or writes).
    private let configs: Mutex<[String: [String: String]]> = Mutex([:])
    private let poller: Mutex<Task<Void, Never>?> = Mutex(nil)
    /// Whether the remote Connect cluster (`--connect-url`) failed to answer at the last poll.
    private let remoteFailing = Mutex(false)
    /// Lines of a connector's file the view shows.
    static let fileLines = 8

    init(bootstrap: String, directory: String, security: ClientSecurity = .plaintext, launcher: @escaping ConnectLauncher) {
        self.bootstrap = bootstrap
        self.security = security
        self.directory = directory
        self.launcher = launcher
        current = Mutex(WorkbenchConnect(directory: directory))
    }

    var status: WorkbenchConnect { current.withLock { $0 } }
    /// What happened to the worker and its connectors, oldest first (the last hundred).
    var events: [ClusterEvent] { notes.withLock { $0 } }

    private func note(_ kind: ClusterEvent.Kind, _ text: String) {
        notes.withLock { notes in
            notes.append(ClusterEvent(time: Date(), kind: kind, text: text))
            if notes.count > 100 { notes.removeFirst(notes.count - 100) }
        }
    }

    /// The running worker's herder, starting the worker if none runs (two callers share one start; a failed
    /// start is tried again by the next caller).
    func herder() async throws -> any Herder {
        let task = worker.withLock { task -> Task<any ConnectWorkerHandle, any Error> in
            if let task { return task }
            let new = Task<any ConnectWorkerHandle, any Error> { [self] in
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                let handle = try await launcher(bootstrap, directory, security)
                if let remote = handle.remote {
                    note(.other, "Showing the Kafka Connect cluster at \(remote.url) through its REST API")
                } else {
                    note(.connectorCreated, "Connect worker \(handle.herder.workerId) started (standalone, offsets in \(directory))")
                }
                startPolling()
                return handle
            }
            task = new
            return new
        }
        do {
            return try await task.value.herder
        } catch {
            worker.withLock { if $0 == task { $0 = nil } }
            throw WorkbenchError("The Connect worker did not start: \(AccessAttempt.plain(error))")
        }
    }

    /// The herder if a worker runs, without starting one.
    private func runningHerder() async -> (any Herder)? {
        guard let task = worker.withLock({ $0 }) else { return nil }
        return try? await task.value.herder
    }

    func create(name: String, config: [String: String]) async throws {
        let herder = try await herder()
        _ = try await connect { try await herder.putConnectorConfig(name, config: config, allowReplace: false) }
        configs.withLock { $0[name] = config }
        note(.connectorCreated, ConnectActionText.created(name, config))
        await poll()
    }

    func control(_ name: String, _ command: ConnectorCommand) async throws {
        guard let herder = await runningHerder() else { throw WorkbenchError("Connector \(name) not found") }
        try await connect {
            switch command {
            case .pause: try await herder.pauseConnector(name)
            case .resume: try await herder.resumeConnector(name)
            case .restart: _ = try await herder.restartConnector(name, includeTasks: true, onlyFailed: false)
            case .delete: try await herder.deleteConnector(name)
            }
        }
        if command == .delete { configs.withLock { _ = $0.removeValue(forKey: name) } }
        note(command == .delete ? .connectorDeleted : .connectorChanged, ConnectActionText.done(name, command))
        await poll()
    }

    /// Appends `lines` to `path` (relative to the Connect directory), creating it if missing.
    func append(_ lines: [String], to path: String) throws {
        let file = ConnectFiles.resolve(path, in: directory)
        do {
            try ConnectFiles.append(lines, to: file)
        } catch {
            throw WorkbenchError("Cannot write to \(file): \(AccessAttempt.plain(error))")
        }
        note(.other, "Wrote \(Format.counted(lines.count, "line")) to \(file)")
    }

    func close() async {
        poller.withLock { $0 }?.cancel()
        guard let task = worker.withLock({ $0 }), let handle = try? await task.value else { return }
        await handle.close()
    }

    private func startPolling() {
        poller.withLock { task in
            guard task == nil else { return }
            task = repeatWhileAlive(self, every: .milliseconds(500)) { await $0.poll() }
        }
    }

    /// Takes the herder's snapshot and the files' tails, and tells what changed.
    func poll() async {
        guard let herder = await runningHerder() else { return }
        let remoteState = (herder as? RemoteHerder)?.current
        if let remoteState { noteAvailability(remoteState) }
        guard let snapshot = remoteState.map({ $0.snapshot }) ?? herder.snapshot() else {
            current.withLock { $0 = WorkbenchConnect(directory: directory, remote: remoteState.map(ConnectRemoteView.remote)) }
            return
        }
        var known = configs.withLock { $0 }
        for connector in snapshot.connectors where known[connector.name] == nil {
            if let config = try? await herder.connectorConfig(connector.name) { known[connector.name] = config }
        }
        let kept = known.filter { name, _ in snapshot.connectors.contains { $0.name == name } }
        configs.withLock { $0 = kept }
        var files: [String: WorkbenchConnect.FileTail] = [:]
        for (name, config) in kept {
            guard let file = config["file"], !file.isEmpty else { continue }
            let tail = ConnectFiles.tail(ConnectFiles.resolve(file, in: directory), lines: Self.fileLines)
            // A remote worker's file is on its machine: shown only when it is on this one too.
            if remoteState == nil || tail.exists { files[name] = tail }
        }
        let next = WorkbenchConnect(snapshot: snapshot, directory: directory, files: files,
                                    configuredClasses: kept.compactMapValues { $0["connector.class"] },
                                    remote: remoteState.map(ConnectRemoteView.remote))
        let previous = current.withLock { state in
            defer { state = next }
            return state.snapshot
        }
        for (kind, text) in ConnectNarration.changes(from: previous, to: snapshot) { note(kind, text) }
    }

    /// Tells in the event log when the remote Connect cluster stops answering and when it answers again.
    private func noteAvailability(_ state: RemoteHerder.State) {
        let failing = state.failingSince != nil
        let changed = remoteFailing.withLock { was in
            defer { was = failing }
            return was != failing
        }
        guard changed else { return }
        if failing {
            note(.other, ConnectRemoteView.notAnswering(state) ?? "")
        } else {
            note(.other, "Connect REST at \(state.url) answers again")
        }
    }

    /// Runs a herder call; its errors become one sentence (Kafka's own, e.g. "Connector x not found").
    private func connect<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ConnectError {
            throw WorkbenchError(error.message)
        }
    }
}
