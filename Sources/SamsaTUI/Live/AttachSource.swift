import Foundation
import SamsaClient
import SamsaProtocol
import Synchronization

/// The workbench attached to any Kafka-protocol cluster, using the wire protocol only: metadata for
/// brokers, leaders and in-sync sets, ListOffsets for high watermarks, the group APIs for consumer groups.
/// Events are told by comparing successive views. No faults can be injected.
///
/// Thread-safety: `snapshot()` returns the last published value; a background task polls the cluster.
public final class AttachSource: WorkbenchSource {
    let clients: WorkbenchClients
    private let publisher: SnapshotPublisher
    private let poller: Mutex<Task<Void, Never>?> = Mutex(nil)
    /// The latest look at the cluster and the build that took it.
    private let observed: Mutex<(build: UInt64, view: ObservedCluster?)> = Mutex((0, nil))
    private let events: Mutex<[ClusterEvent]> = Mutex([])
    /// Whether the cluster answers, and since when it does not.
    private let reachability: Mutex<AttachReachability> = Mutex(AttachReachability())
    /// Events kept before folding (``EventDigest``): a restart of a broker tells one event per partition.
    static let eventCapacity = 2000
    private let lastView: Mutex<WorkbenchSnapshot?> = Mutex(nil)
    let bootstrap: String

    /// The Connect worker keeps its offsets (and the forms' relative file names) in `connectDirectory`.
    public init(bootstrap: String, streamsLauncher: @escaping StreamsLauncher = StreamsDemoLauncher.launch,
                connectDirectory: String = ConnectWorkerLauncher.temporaryDirectory,
                connectLauncher: @escaping ConnectLauncher = ConnectWorkerLauncher.launch,
                security: ClientSecurity = .plaintext) throws {
        self.bootstrap = bootstrap
        clients = try WorkbenchClients(bootstrap: bootstrap, streamsLauncher: streamsLauncher, connectDirectory: connectDirectory,
                                       connectLauncher: connectLauncher, security: security)
        publisher = SnapshotPublisher(mode: .attached(bootstrap: bootstrap))
    }

    /// Polls the cluster every `intervalMs` until `close()`, or until the source is dropped.
    @discardableResult
    public func start(intervalMs: Int = 1000) -> Task<Void, Never> {
        let task = repeatWhileAlive(self, every: .milliseconds(intervalMs)) { await $0.poll() }
        poller.withLock { $0 = task }
        return task
    }

    public func close() async {
        poller.withLock { $0 }?.cancel()
        await clients.close()
    }

    public func snapshot() -> WorkbenchSnapshot { publisher.latest }

    /// One look at the cluster over the wire. A failed look keeps the last view (or, before any look
    /// succeeded, an empty one) and says why once in the event log, so an unreachable cluster is never
    /// just a silent, empty screen.
    func poll() async {
        let build = publisher.beginBuild()
        do {
            let view = try await ObservedCluster.read(clients.admin)
            // A look that finishes after a later one is stale: it would tell changes backwards.
            guard case .kept(let previous) = keep(view, build: build) else { return }
            if let previous { record(view.changes(since: previous)) }
            let bootstrap = bootstrap
            if let back = reachability.withLock({ $0.answered(build: build, at: Date(), bootstrap: bootstrap) }) { record([back]) }
            publish(view, build: build)
        } catch {
            // A refused login says so with Kafka's error name (SASL_AUTHENTICATION_FAILED).
            let reason = AccessAttempt(operation: "Describe").sentence(for: error)
            guard reachability.withLock({ $0.failed(build: build, at: Date(), reason: reason) }) else { return }
            record([ClusterEvent(time: Date(), kind: .other, text: "Cannot read the cluster at \(bootstrap): \(reason)")])
            let last = observed.withLock { $0.view } ?? ObservedCluster(clusterId: "", brokers: [], topics: [], groups: [])
            publish(last, build: build)
        }
    }

    private enum Kept {
        /// Kept; the look it replaced, nil before the first.
        case kept(ObservedCluster?)
        case stale
    }

    private func keep(_ view: ObservedCluster, build: UInt64) -> Kept {
        observed.withLock { latest in
            guard build > latest.build else { return .stale }
            defer { latest = (build, view) }
            return .kept(latest.view)
        }
    }

    private func record(_ new: [ClusterEvent]) {
        guard !new.isEmpty else { return }
        events.withLock { events in
            if let last = events.last, new.count == 1, last.kind == .other, last.text == new[0].text { return }
            events.append(contentsOf: new)
            if events.count > Self.eventCapacity { events.removeFirst(events.count - Self.eventCapacity) }
        }
    }

    private func publish(_ view: ObservedCluster, build: UInt64) {
        let merged = EventDigest.fold((events.withLock { $0 } + clients.localEvents).sorted { $0.time < $1.time })
        publisher.publish(WorkbenchSnapshot(
            version: 0, clusterId: view.clusterId, mode: .attached(bootstrap: bootstrap), brokers: view.brokers,
            topics: view.topics, groups: view.groups, events: Array(merged.suffix(300)), tail: clients.tailRecords,
            consumers: clients.runningConsumers, transactions: view.transactions,
            streams: clients.streams.statuses, connect: clients.connect.status,
            notAnswering: reachability.withLock { $0.notAnswering }), build: build)
    }

    // MARK: Actions over the wire

    public func createTopic(name: String, partitions: Int, replicationFactor: Int) async throws {
        try await clients.createTopic(name: name, partitions: partitions, replicationFactor: replicationFactor)
        await poll()
    }

    public func deleteTopic(name: String) async throws {
        try await clients.deleteTopic(name: name)
        await poll()
    }

    public func addPartitions(topic: String, totalPartitions: Int) async throws {
        try await clients.addPartitions(topic: topic, totalPartitions: totalPartitions)
        await poll()
    }

    public func produce(_ request: ProduceRequest) async throws -> ProduceReceipt { try await clients.produce(request) }

    public func startConsumer(group: String, topic: String, isolation: IsolationLevel) async throws -> String {
        try await clients.startConsumer(group: group, topic: topic, isolation: isolation)
    }

    public func beginTransaction(transactionalId: String) async throws -> TransactionReceipt {
        try await clients.beginTransaction(transactionalId: transactionalId)
    }

    public func commitTransaction(transactionalId: String) async throws -> TransactionReceipt {
        try await clients.commitTransaction(transactionalId: transactionalId)
    }

    public func abortTransaction(transactionalId: String) async throws -> TransactionReceipt {
        try await clients.abortTransaction(transactionalId: transactionalId)
    }

    public func startStreams(_ launch: StreamsLaunch) async throws {
        try await clients.startStreams(launch)
        await poll()
    }
    public func stopStreams(applicationId: String) async throws {
        try await clients.streams.stop(applicationId: applicationId)
        await poll()
    }

    public func stopConsumer(memberId: String) async throws { try await clients.stopConsumer(memberId: memberId) }

    public func createConnector(name: String, config: [String: String]) async throws {
        try await clients.createConnector(name: name, config: config)
        await poll()
    }
    public func controlConnector(_ name: String, _ command: ConnectorCommand) async throws {
        try await clients.connect.control(name, command)
        await poll()
    }
    public func appendLines(_ lines: [String], to path: String) async throws {
        try clients.connect.append(lines, to: path)
        await poll()
    }

    public func resetOffsets(group: String, topic: String, to target: OffsetResetTarget) async throws {
        try await clients.resetOffsets(group: group, topic: topic, to: target)
    }
}
