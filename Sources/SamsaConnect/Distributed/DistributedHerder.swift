import Logging
import SamsaClient
import Synchronization

/// Kafka Connect's distributed mode (Kafka's `DistributedHerder`): workers with the same `group.id` form a
/// group of protocol type "connect" on the cluster; the leader splits connectors and tasks among them; configs,
/// source offsets and statuses live in compacted topics every worker reads, so any worker answers the REST API
/// and a dead worker's connectors move to the survivors at the next rebalance (its session timing out).
///
/// Each worker offers the protocols its `connect.protocol` allows and the coordinator picks one every member
/// offers. Under `default` (eager) every worker stops all its work before rejoining and the leader splits
/// everything afresh (`EagerAssignor`); under `compatible`/`sessioned` (KIP-415) work keeps running through a
/// rebalance, the leader (`IncrementalCooperativeAssignor`) only says what to start and what to stop, a worker
/// stops what it is told to and then rejoins at once, and a departed worker's work waits
/// `scheduled.rebalance.max.delay.ms` for it to come back (a rebalance follows when the delay ends).
public final class DistributedHerder: Herder, Sendable {
    public let workerId: String
    /// This worker's REST URL, as it advertises it to the group (`http://host:port/`).
    public let restURL: String
    public let config: WorkerConfig
    public let groupId: String
    public let worker: Worker
    /// Behind a REST server: config writes asked of a follower are forwarded to the leader (Kafka's
    /// `NotLeaderException` → `HerderRequestHandler`), so the leader alone decides, e.g., which of two
    /// simultaneous creates of one name gets 409. In-process callers (tests, the workbench) write directly.
    let forwardsWritesToLeader: Bool
    let client: KafkaClient
    let compatibility: ConnectProtocol.Compatibility
    let configStore: KafkaConfigStore
    let offsetStore: KafkaOffsetStore
    let statusStore: KafkaStatusStore
    let logger: Logger
    let queue = SerialQueue()
    let state: Mutex<State> = Mutex(State())
    private let memberBox: Mutex<GroupMember?> = Mutex(nil)
    /// Shared with the status store, which stamps each status with it.
    let currentGeneration = SharedGeneration()
    private let background: Mutex<Task<Void, Never>?> = Mutex(nil)
    /// The leader's memory between incremental cooperative rebalances (what it assigned last, the pending delay).
    let cooperativeAssignor: Mutex<IncrementalCooperativeAssignor>
    /// The rejoin an assignment's delay asks for (cancelled by the next assignment).
    let scheduledRebalance: Mutex<Task<Void, Never>?> = Mutex(nil)

    struct State {
        /// Everything this worker is to run (under an incremental protocol: what it ran, minus the revoked, plus the new).
        var assignment: ConnectProtocol.Assignment?
        /// The protocol the coordinator chose at the last join (`default` until the first).
        var negotiated: ConnectProtocol.Compatibility = .eager
        var generation: Int32 = -1
        var isLeader = false
        /// The connectors the config topic had when this worker last got an assignment: a new one means a rebalance.
        var knownConnectors: Set<String> = []
        var running: Set<String> = []
        var runningTasks: Set<ConnectorTaskId> = []
        /// Every worker of the group (REST URL by member id), from the coordinator's description.
        var workers: [String: String] = [:]
        var leaderUrl = ""
        var stopped = false
    }

    /// Makes the worker and its stores; `start` joins the group.
    public init(config: WorkerConfig, client: KafkaClient, restURL: String, plugins: PluginRegistry = .builtin,
                forwardsWritesToLeader: Bool = false, logger: Logger = Logger(label: "samsa.connect.distributed")) throws {
        guard let groupId = config.groupId, !groupId.isEmpty else {
            throw ConnectError.config("Missing required configuration \"group.id\" which has no default value.")
        }
        guard let configTopic = config.configStorageTopic, let offsetTopic = config.offsetStorageTopic,
              let statusTopic = config.statusStorageTopic else {
            let missing = [("config.storage.topic", config.configStorageTopic), ("offset.storage.topic", config.offsetStorageTopic),
                           ("status.storage.topic", config.statusStorageTopic)].first { $0.1 == nil }!.0
            throw ConnectError.config("Missing required configuration \"\(missing)\" which has no default value.")
        }
        guard let compatibility = ConnectProtocol.Compatibility(rawValue: config.connectProtocol.lowercased()) else {
            throw ConnectError.config("Invalid value \(config.connectProtocol) for configuration connect.protocol: String must be one of: eager, compatible, sessioned")
        }
        self.config = config
        self.groupId = groupId
        self.client = client
        self.restURL = restURL
        self.forwardsWritesToLeader = forwardsWritesToLeader
        self.workerId = Self.workerId(fromURL: restURL)
        self.compatibility = compatibility
        self.logger = logger
        configStore = KafkaConfigStore(client: client, topic: configTopic, replicationFactor: config.configStorageReplicationFactor, logger: logger)
        offsetStore = KafkaOffsetStore(client: client, topic: offsetTopic, partitions: config.offsetStoragePartitions,
                                       replicationFactor: config.offsetStorageReplicationFactor, logger: logger)
        let generation = currentGeneration
        statusStore = KafkaStatusStore(client: client, topic: statusTopic, partitions: config.statusStoragePartitions,
                                       replicationFactor: config.statusStorageReplicationFactor, workerId: Self.workerId(fromURL: restURL),
                                       logger: logger, generation: { generation.value })
        cooperativeAssignor = Mutex(IncrementalCooperativeAssignor(maxDelayMs: config.scheduledRebalanceMaxDelayMs))
        worker = Worker(workerId: workerId, config: config, plugins: plugins, offsetStore: offsetStore,
                        statusListener: statusStore, logger: logger)
    }

    /// `http://host:8083/` → `host:8083` (Kafka's worker id is the advertised REST host and port).
    static func workerId(fromURL url: String) -> String {
        var id = Substring(url)
        if let scheme = id.range(of: "://") { id = id[scheme.upperBound...] }
        while id.hasSuffix("/") { id = id.dropLast() }
        return String(id)
    }

    var member: GroupMember? { memberBox.withLock { $0 } }

    /// Reads the three topics (creating them if needed), then joins the group.
    public func start() async throws {
        try await configStore.start()
        try await offsetStore.start()
        try await statusStore.start()
        configStore.onChange { [weak self] change in self?.configChanged(change) }
        var memberConfig = GroupMember.Config(groupId: groupId, protocolType: ConnectProtocol.protocolType)
        memberConfig.sessionTimeoutMs = config.sessionTimeoutMs
        memberConfig.rebalanceTimeoutMs = config.rebalanceTimeoutMs
        memberConfig.heartbeatIntervalMs = config.heartbeatIntervalMs
        let member = try GroupMember(client: client, config: memberConfig, delegate: MemberDelegate(herder: self))
        memberBox.withLock { $0 = member }
        member.start()
        background.withLock { task in
            task = Task { [weak self] in
                while !Task.isCancelled {
                    await self?.refreshWorkers()
                    try? await Task.sleep(for: .seconds(2))
                }
            }
        }
        logger.info("Worker \(workerId) joining Connect group \(groupId) (connect.protocol=\(compatibility.rawValue))")
    }

    /// Stops connectors and tasks (committing what can be), leaves the group, and closes the stores.
    public func stop() async {
        let wasStopped = state.withLock { s in defer { s.stopped = true }; return s.stopped }
        if wasStopped { return }
        background.withLock { $0 }?.cancel()
        scheduledRebalance.withLock { $0 }?.cancel()
        await queue.run { [self] in await stopEverything() }
        await member?.close()
        await queue.finish()
        await worker.stop()
        await statusStore.stop()
        await offsetStore.stop()
        await configStore.stop()
    }


    private func refreshWorkers() async {
        guard let member, let described = try? await member.describeMembers() else { return }
        var workers: [String: String] = [:]
        for (id, metadata) in described {
            if let url = try? ConnectProtocol.decodeMetadata(metadata).url { workers[id] = url }
        }
        if !workers.isEmpty || described.isEmpty { state.withLock { $0.workers = workers } }
    }
}

/// The group member's callbacks, forwarded to the herder's serial queue (a separate object so the member does
/// not keep the herder alive through a cycle of strong references until `stop`).
struct MemberDelegate: GroupMemberDelegate {
    let herder: DistributedHerder

    func protocols() async -> [(name: String, metadata: [UInt8])] {
        await herder.queue.run { [herder] in herder.joinProtocols() }
    }

    func assign(_ generation: GroupMember.Generation) async throws -> [String: [UInt8]] {
        try await herder.leaderAssignments(generation)
    }

    func revoked() async {
        await herder.queue.run { [herder] in await herder.prepareRejoin() }
    }

    func assigned(_ assignment: [UInt8], generation: GroupMember.Generation) async {
        await herder.queue.run { [herder] in await herder.apply(assignment, generation: generation) }
    }

    func failed(_ error: Error) async {
        herder.logger.error("Worker \(herder.workerId) left Connect group \(herder.groupId): \(error)")
    }
}

/// The group generation, readable from the status store's writer.
final class SharedGeneration: Sendable {
    private let storage = Mutex<Int32>(-1)
    var value: Int32 {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
