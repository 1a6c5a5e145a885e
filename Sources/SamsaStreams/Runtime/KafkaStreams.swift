import Foundation
import Logging
import SamsaClient
import SamsaProtocol
import Synchronization

/// A running Streams application (Kafka's `KafkaStreams`): `num.stream.threads` threads share the
/// topology's tasks with every other instance of the same `application.id` through the consumer group.
///
/// `start()` checks the topology against the cluster (source topics, co-partitioning), creates the internal
/// topics and starts the threads; `close()` commits, flushes and closes the stores, writes checkpoints and
/// leaves the group. `snapshot()` shows tasks, stores, rates and restore progress; `keyValueStore` and
/// friends read the local stores of a running application (interactive queries).
public final class KafkaStreams: Sendable {
    public typealias State = StreamsSnapshot.State

    public let topology: Topology
    public let config: StreamsConfig
    /// This instance's id, part of its client ids and transactional ids; kept in the state directory across
    /// restarts (as Kafka does), so a restarted instance fences the transactions its crashed self left open.
    public let processId: UUID
    let stateDirectory: StateDirectory
    let logger: Logger
    let clientId: String
    private let machine: Mutex<Machine>
    let threads: Mutex<[StreamThread]> = Mutex([])
    let globalThread: Mutex<GlobalStreamThread?> = Mutex(nil)
    let rate: Mutex<RateTracker> = Mutex(RateTracker())

    struct Machine {
        var state: State = .created
        var listeners: [@Sendable (State, State) -> Void] = []
        var continuations: [UUID: AsyncStream<StreamsSnapshot>.Continuation] = [:]
        var publisher: Task<Void, Never>?
    }

    public init(topology: Topology, config: StreamsConfig, logger: Logger = Logger(label: "samsa.streams")) throws {
        try config.validate()
        self.topology = topology
        self.config = config
        self.logger = logger
        stateDirectory = try StateDirectory(root: config.stateDir, applicationId: config.applicationId)
        processId = try stateDirectory.processId()
        clientId = config.clientId.isEmpty ? "\(config.applicationId)-\(processId.uuidString.lowercased())" : config.clientId
        machine = Mutex(Machine())
    }

    /// Kafka's `KafkaStreams.state()`.
    public var state: State { machine.withLock { $0.state } }

    /// Called on every state change with (new, old), as Kafka's `StateListener`.
    public func setStateListener(_ listener: @escaping @Sendable (_ new: State, _ old: State) -> Void) {
        machine.withLock { $0.listeners.append(listener) }
    }

    /// Prepares the cluster and starts the threads. Throws (one sentence) when a source topic is missing,
    /// topics are not co-partitioned or internal topics cannot be created; the application is then in ERROR.
    public func start() async throws {
        guard transition(to: .rebalancing, from: [.created]) else {
            throw StreamsError(.illegalState, "The client is either already started or already stopped, cannot re-start")
        }
        do {
            let admin = Admin(client: KafkaClient(config: try config.clientConfig(clientId: "\(clientId)-admin")))
            defer { Task { await admin.client.close() } }
            _ = try await InternalTopicManager(topology: topology, config: config, admin: admin, logger: logger).prepare()
            if !topology.globalStores.isEmpty {
                let global = try GlobalStreamThread(topology: topology, config: config, clientId: clientId, logger: logger)
                globalThread.withLock { $0 = global }
                try await global.bootstrap()
                global.start()
            }
            var sources: [Int: [String]] = [:]
            for sub in topology.subtopologies { sources[sub.id] = sub.sourceTopics.map { topology.resolve($0, applicationId: config.applicationId) } }
            let directory = stateDirectory, pid = processId.uuidString.lowercased()
            let applicationId = config.applicationId, description = topology.description
            let assignor = StreamsPartitionAssignor(sourceTopics: sources) {
                StreamsSubscriptionInfo(processId: pid, tasksWithState: directory.taskDirectories().map(\.description),
                                        applicationId: applicationId, topology: description)
            }
            let created = try (0..<config.numStreamThreads).map {
                try StreamThread(index: $0, processId: pid, clientId: clientId, topology: topology, config: config,
                                 assignor: assignor, stateDirectory: stateDirectory, logger: logger)
            }
            threads.withLock { $0 = created }
            for thread in created { thread.start() }
        } catch {
            _ = transition(to: .error, from: [.rebalancing])
            throw error
        }
        startPublishing()
    }

    /// Stops the threads (each commits, closes its tasks with checkpoints, leaves the group) and waits up to
    /// `timeout`; returns false if they had not finished by then.
    @discardableResult
    public func close(timeout: Duration = .seconds(60)) async -> Bool {
        guard transition(to: .pendingShutdown, from: [.created, .rebalancing, .running, .error]) else { return true }
        // The periodic snapshot reads end offsets through the threads' clients, which close as the threads stop:
        // stop it first, and wait out one being built now (it must not be delivered after the final one either).
        let publisher = machine.withLock { $0.publisher }
        publisher?.cancel()
        await publisher?.value
        let running = threads.withLock { $0 }
        for thread in running { thread.requestStop() }
        let finished = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                for thread in running { await thread.join() }
                return true
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        await globalThread.withLock { $0 }?.stop()
        _ = transition(to: .notRunning, from: [.pendingShutdown])
        let final = await snapshot()
        // Finished outside the lock: finishing runs onTermination, which takes it.
        let continuations = machine.withLock { m in
            defer { m.continuations = [:] }
            return Array(m.continuations.values)
        }
        for c in continuations { c.yield(final); c.finish() }
        return finished
    }

    /// Kafka's `cleanUp()`: deletes this application's local state directory; only when not running.
    public func cleanUp() throws {
        guard [.created, .notRunning, .error].contains(state) else {
            throw StreamsError(.illegalState, "Cannot clean up while running.")
        }
        let dir = (config.stateDir as NSString).appendingPathComponent(config.applicationId)
        if FileManager.default.fileExists(atPath: dir) { try FileManager.default.removeItem(atPath: dir) }
    }

    /// Snapshots about once a second while the application runs (only the newest 2 are buffered for a slow
    /// reader); after `close` the last element is the final NOT_RUNNING snapshot, then the stream ends.
    public func snapshots() -> AsyncStream<StreamsSnapshot> {
        let (stream, continuation) = AsyncStream<StreamsSnapshot>.makeStream(bufferingPolicy: .bufferingNewest(2))
        let id = UUID()
        machine.withLock { $0.continuations[id] = continuation }
        continuation.onTermination = { [weak self] _ in self?.machine.withLock { _ = $0.continuations.removeValue(forKey: id) } }
        return stream
    }

    @discardableResult
    func transition(to new: State, from allowed: [State]) -> Bool {
        let (ok, old, listeners) = machine.withLock { m -> (Bool, State, [@Sendable (State, State) -> Void]) in
            guard allowed.contains(m.state) else { return (false, m.state, []) }
            let old = m.state
            m.state = new
            return (old != new, old, m.listeners)
        }
        if ok {
            logger.info("State transition from \(old.rawValue) to \(new.rawValue)")
            for listener in listeners { listener(new, old) }
        }
        return ok || old == new && allowed.contains(new)
    }

    private func startPublishing() {
        let task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                guard !Task.isCancelled, let self else { return }
                self.updateState()
                // A snapshot reads stores and end offsets: only build one when someone listens.
                let continuations = self.machine.withLock { Array($0.continuations.values) }
                guard !continuations.isEmpty else { continue }
                let snap = await self.snapshot()
                for c in continuations { c.yield(snap) }
            }
        }
        machine.withLock { $0.publisher = task }
    }

    /// RUNNING once every thread has its tasks and none is restoring; REBALANCING otherwise; ERROR when a thread
    /// failed, and then the other threads stop too (Kafka's default uncaught exception handler, SHUTDOWN_CLIENT).
    func updateState() {
        let running = threads.withLock { $0 }
        let views = running.map { thread in (thread.published.withLock { $0 }, thread.consumer.generationId) }
        if let failure = views.compactMap(\.0.failed).first {
            if transition(to: .error, from: [.rebalancing, .running]) {
                logger.error("A stream thread failed, shutting down the application's threads: \(failure)")
                for thread in running { thread.requestStop() }
            }
            return
        }
        let settled = views.allSatisfy { view, generation in generation >= 0 && view.restoringStores.isEmpty }
        _ = transition(to: settled ? .running : .rebalancing, from: [.rebalancing, .running])
    }
}
