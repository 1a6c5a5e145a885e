import Foundation
import Logging
import NIOCore
import SamsaProtocol
import Synchronization

/// One broker's transaction coordinator (KIP-98): it serves the transactional ids whose
/// `__transaction_state` partition this broker leads, keeps their producer ids, epochs and open
/// transactions in that partition, and completes each transaction by writing COMMIT or ABORT markers to
/// every partition in it. Kafka's TransactionCoordinator, TransactionStateManager and marker channel in one.
///
/// Thread-safety: all state sits behind one mutex; methods may be called from any thread. Log writes wait
/// for replication outside the lock; their callbacks, promises and marker writes run after it is released.
/// Timers (timed-out transactions, expired ids, marker retries) run on the cluster's scheduler.
public final class TransactionCoordinator: Sendable {
    public let brokerId: Int32
    let config: TransactionCoordinatorConfig
    let controller: Controller
    let logger: Logger
    let state: Mutex<State> = Mutex(State())

    struct LoadedPartition {
        let partition: Partition
        /// The leader epoch at load time: stamped on markers so a deposed coordinator's are refused.
        let coordinatorEpoch: Int32
    }

    struct State: VersionedState {
        var timers: BackgroundScheduler?
        weak var cluster: Cluster?
        var partitions: [Int32: LoadedPartition] = [:]
        /// Partitions being replayed: their ids answer COORDINATOR_LOAD_IN_PROGRESS.
        var loading: Set<Int32> = []
        var transactions: [String: TransactionMetadata] = [:]
        /// Bumped on every change a snapshot reader could see.
        var version: UInt64 = 0
    }

    typealias Effects = CoordinatorEffects

    init(brokerId: Int32, config: TransactionCoordinatorConfig, controller: Controller, logger: Logger) {
        self.brokerId = brokerId
        self.config = config
        self.controller = controller
        self.logger = logger
    }

    /// Runs `body` under the lock, then the effects it queued.
    func mutate<T: Sendable>(_ body: (inout State, inout Effects) throws -> T) rethrows -> T {
        try state.mutate(body)
    }

    /// Arms the periodic aborts of timed-out transactions and removals of expired ids, and completes the
    /// transactions loaded in PrepareCommit/PrepareAbort before the cluster started.
    func start(scheduler: BackgroundScheduler, cluster: Cluster) {
        let preparing = mutate { state, _ -> [String] in
            state.timers = scheduler
            state.cluster = cluster
            return state.transactions.values.filter { $0.state.isPreparing && $0.pending == nil }.map(\.transactionalId)
        }
        for id in preparing { resumeMarkers(id) }
        scheduler.every(ms: config.abortTimedOutIntervalMs) { [weak self] in
            self?.abortTimedOutTransactions(now: currentTimeMillis())
        }
        scheduler.every(ms: config.removeExpiredIntervalMs) { [weak self] in
            self?.removeExpiredTransactionalIds(now: currentTimeMillis())
        }
    }

    /// Changes since the last call are visible through this counter (the TUI redraws when it moves).
    public var version: UInt64 { state.withLock { $0.version } }

    // MARK: Which transactional ids are ours

    /// Kafka's choice of `__transaction_state` partition: Java's String.hashCode, sign bit cleared.
    public static func partition(for transactionalId: String, partitions: Int) -> Int32 {
        GroupCoordinator.partition(for: transactionalId, partitions: partitions)
    }

    func partition(for transactionalId: String) -> Int32 {
        let count = controller.topic(TransactionLog.name)?.partitions.count ?? config.logPartitions
        return Self.partition(for: transactionalId, partitions: count)
    }

    /// Nil if this broker coordinates `transactionalId` now, else the error the client should see.
    func coordinatorError(_ state: State, _ transactionalId: String) -> ErrorCode? {
        guard controller.topic(TransactionLog.name) != nil, state.timers != nil else { return .coordinatorNotAvailable }
        let index = partition(for: transactionalId)
        if state.loading.contains(index) { return .coordinatorLoadInProgress }
        guard let loaded = state.partitions[index], loaded.partition.isLeader else { return .notCoordinator }
        return nil
    }

    /// Runs `action` after `ms` on the scheduler.
    func schedule(_ state: State, afterMs ms: Int64, _ action: @escaping @Sendable (TransactionCoordinator) -> Void) {
        state.timers?.schedule(afterMs: max(0, ms)) { [weak self] in
            if let self { action(self) }
        }
    }

    // MARK: Loading and unloading

    /// Takes over a `__transaction_state` partition this broker now leads: replays it, then completes the
    /// transactions it finds between prepare and complete (their markers may be missing anywhere).
    public func load(_ partition: Partition) {
        let index = partition.topicPartition.partition
        let epoch = partition.leaderEpoch
        // Loading again (a new leader epoch here) starts from the log; meanwhile its ids are told to wait.
        mutate { state, _ in
            forget(&state, partition: index)
            state.loading.insert(index)
        }
        let loaded: [String: TransactionMetadata]
        do {
            loaded = try TransactionLog.replay(partition)
        } catch {
            logger.error("Could not load \(partition.topicPartition): \(error); its transactional ids start empty")
            loaded = [:]
        }
        let preparing = mutate { state, _ -> [String] in
            state.loading.remove(index)
            state.partitions[index] = LoadedPartition(partition: partition, coordinatorEpoch: epoch)
            for (id, metadata) in loaded { state.transactions[id] = metadata }
            guard state.timers != nil else { return [] }
            return loaded.values.filter(\.state.isPreparing).map(\.transactionalId)
        }
        if !loaded.isEmpty { logger.info("Loaded \(loaded.count) transactional id(s) from \(partition.topicPartition)") }
        // Off the caller's thread: loading runs inside a leadership change, and markers need the new leaders.
        state.withLock { state in
            for id in preparing { schedule(state, afterMs: 0) { $0.resumeMarkers(id) } }
        }
    }

    /// Gives up a `__transaction_state` partition (leadership moved or the broker stops): its ids are
    /// forgotten here; writes in flight for them answer NOT_COORDINATOR.
    public func unload(partition index: Int32) {
        mutate { state, _ in forget(&state, partition: index) }
    }

    private func forget(_ state: inout State, partition index: Int32) {
        guard state.partitions.removeValue(forKey: index) != nil else { return }
        state.transactions = state.transactions.filter { partition(for: $0.key) != index }
    }

    public var loadedPartitions: [Int32] { state.withLock { $0.partitions.keys.sorted() } }
}
