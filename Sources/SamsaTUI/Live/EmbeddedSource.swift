import Foundation
import SamsaClient
import SamsaEngine
import Synchronization

/// The workbench over the embedded cluster: snapshots come from the engine itself (every replica's log
/// end, the in-sync sets, the controller's events), actions from a person go over loopback through the
/// workbench's own Kafka clients, and faults are injected through the engine.
///
/// Thread-safety: `snapshot()` returns the last published value; a background task rebuilds it.
public final class EmbeddedSource: WorkbenchSource {
    public let cluster: Cluster
    let clients: WorkbenchClients
    private let publisher = SnapshotPublisher(mode: .embedded)
    private let refresher: Mutex<Task<Void, Never>?> = Mutex(nil)
    /// How many lines of the engine's most recent events the event log shows.
    static let eventWindow = 300
    /// The engine's events as event-log lines, and the newest event they include (see EmbeddedSource+Events).
    let eventLines: Mutex<(sequence: UInt64, lines: [ClusterEvent])> = Mutex((0, []))
    /// Opens a listener on the running brokers (the security demo's SASL listener); nil: the demo is not offered.
    let addListener: ListenerAdder?

    /// `bootstrap` is where the cluster listens (the workbench's clients connect there).
    /// The Connect worker keeps its offsets (and the forms' relative file names) in `<data dir>/connect`.
    public init(cluster: Cluster, bootstrap: String, streamsLauncher: @escaping StreamsLauncher = StreamsDemoLauncher.launch,
                connectLauncher: @escaping ConnectLauncher = ConnectWorkerLauncher.launch, addListener: ListenerAdder? = nil) throws {
        self.cluster = cluster
        self.addListener = addListener
        clients = try WorkbenchClients(bootstrap: bootstrap, streamsLauncher: streamsLauncher,
                                       connectDirectory: (cluster.config.dataDirectory as NSString).appendingPathComponent("connect"),
                                       connectLauncher: connectLauncher)
        refresh()
    }

    /// Rebuilds the snapshot every `intervalMs` until `close()`, or until the source is dropped.
    @discardableResult
    public func start(intervalMs: Int = 100) -> Task<Void, Never> {
        let task = repeatWhileAlive(self, every: .milliseconds(intervalMs)) { $0.refresh() }
        refresher.withLock { $0 = task }
        return task
    }

    public func close() async {
        refresher.withLock { $0 }?.cancel()
        await clients.close()
    }

    public func snapshot() -> WorkbenchSnapshot { publisher.latest }

    /// Builds a snapshot and publishes it unless one begun later was published first (the refresher and
    /// the actions call this at the same time).
    func refresh() {
        let build = publisher.beginBuild()
        let engine = cluster.snapshot()
        let engineEvents = engineEventLines()
        let events = (engineEvents + clients.localEvents).sorted { $0.time < $1.time }.suffix(Self.eventWindow)
        publisher.publish(WorkbenchSnapshot(
            version: 0, clusterId: engine.clusterId, mode: .embedded,
            brokers: EngineSnapshotMapping.brokers(engine),
            topics: EngineSnapshotMapping.topics(engine) { [cluster] tp, leader in cluster.broker(leader)?.partition(tp)?.lastStableOffset },
            groups: EngineSnapshotMapping.groups(cluster.groupDescriptions(), lag: engine.groups, snapshot: engine),
            events: Array(events), tail: clients.tailRecords, consumers: clients.runningConsumers,
            transactions: EngineSnapshotMapping.transactions(cluster.transactions()), streams: clients.streams.statuses,
            connect: clients.connect.status), build: build)
    }

    // MARK: Actions over the wire

    public func createTopic(name: String, partitions: Int, replicationFactor: Int) async throws {
        try await clients.createTopic(name: name, partitions: partitions, replicationFactor: replicationFactor)
        refresh()
    }

    public func deleteTopic(name: String) async throws {
        try await clients.deleteTopic(name: name)
        refresh()
    }

    public func addPartitions(topic: String, totalPartitions: Int) async throws {
        try await clients.addPartitions(topic: topic, totalPartitions: totalPartitions)
        refresh()
    }

    public func produce(_ request: ProduceRequest) async throws -> ProduceReceipt {
        try await clients.produce(request)
    }

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
        refresh()
    }
    public func stopStreams(applicationId: String) async throws {
        try await clients.streams.stop(applicationId: applicationId)
        refresh()
    }

    public func stopConsumer(memberId: String) async throws {
        try await clients.stopConsumer(memberId: memberId)
    }

    public func createConnector(name: String, config: [String: String]) async throws {
        try await clients.createConnector(name: name, config: config)
        refresh()
    }
    public func controlConnector(_ name: String, _ command: ConnectorCommand) async throws {
        try await clients.connect.control(name, command)
        refresh()
    }
    public func appendLines(_ lines: [String], to path: String) async throws {
        try clients.connect.append(lines, to: path)
        refresh()
    }

    public func resetOffsets(group: String, topic: String, to target: OffsetResetTarget) async throws {
        try await clients.resetOffsets(group: group, topic: topic, to: target)
    }

    // MARK: Faults, through the engine

    public func killBroker(_ id: Int32) async throws { try engine { try cluster.killBroker(id) } }
    public func stopBroker(_ id: Int32) async throws { try engine { try cluster.stopBroker(id) } }
    public func startBroker(_ id: Int32) async throws { try engine { try cluster.startBroker(id) } }
    public func isolateBroker(_ id: Int32) async throws { try engine { try cluster.isolateBroker(id) } }

    /// Ends every isolation and starts every stopped or killed broker.
    public func heal() async throws {
        try engine {
            try cluster.heal()
            for broker in cluster.brokers where broker.status == .stopped || broker.status == .crashed {
                try cluster.startBroker(broker.id)
            }
        }
    }

    public func electLeaders() async throws {
        try engine {
            let changed = try cluster.electPreferredLeaders()
            if changed.isEmpty { throw WorkbenchError("Every partition is already led by its preferred replica.") }
        }
    }

    private func engine(_ action: () throws -> Void) throws {
        do {
            try action()
        } catch let error as EngineError {
            throw WorkbenchError(error.message)
        }
        refresh()
    }
}
