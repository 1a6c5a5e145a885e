import Foundation
import Logging
import NIOCore
import SamsaProtocol
import Synchronization

/// One broker's group coordinator: it serves the consumer groups whose `__consumer_offsets` partition
/// this broker leads, implementing Kafka's classic group protocol (join, sync, heartbeat, leave, offsets),
/// and keeps every offset commit and group change in that partition so they survive restarts and move
/// with the partition's leadership.
///
/// Thread-safety: all group state sits behind one mutex; methods may be called from any thread.
/// Responses that wait (JoinGroup, SyncGroup) are promises completed after the lock is released, and
/// timers (session expiry, rebalance deadlines) run on the cluster's scheduler given to `start(scheduler:)`.
public final class GroupCoordinator: Sendable {
    public let brokerId: Int32
    let config: GroupCoordinatorConfig
    let controller: Controller
    let logger: Logger
    let state: Mutex<State> = Mutex(State())

    struct State: VersionedState {
        var timers: BackgroundScheduler?
        /// The offsets partitions this broker leads and has loaded.
        var partitions: [Int32: Partition] = [:]
        var groups: [String: ConsumerGroup] = [:]
        var nextToken: UInt64 = 1
        /// Bumped on every change a snapshot reader could see.
        var version: UInt64 = 0

        mutating func token() -> UInt64 {
            defer { nextToken += 1 }
            return nextToken
        }
    }

    typealias Effects = CoordinatorEffects

    init(brokerId: Int32, config: GroupCoordinatorConfig, controller: Controller, logger: Logger) {
        self.brokerId = brokerId
        self.config = config
        self.controller = controller
        self.logger = logger
    }

    /// Runs `body` under the lock, then the effects it queued.
    func mutate<T: Sendable>(_ body: (inout State, inout Effects) throws -> T) rethrows -> T {
        try state.mutate(body)
    }

    /// Arms timers on the cluster's `scheduler` (session expiry, rebalance deadlines, offset retention),
    /// which cancels them when the cluster shuts down.
    func start(scheduler: BackgroundScheduler) {
        let members = mutate { state, _ -> [(String, String)] in
            state.timers = scheduler
            return state.groups.values.flatMap { group in group.members.keys.map { (group.groupId, $0) } }
        }
        for (groupId, memberId) in members { mutate { state, _ in armSession(&state, groupId, memberId) } }
        scheduler.every(ms: config.offsetsRetentionCheckIntervalMs) { [weak self] in
            self?.expireOffsets(now: currentTimeMillis())
        }
    }

    /// Changes since the last call are visible through this counter (the TUI redraws when it moves).
    public var version: UInt64 { state.withLock { $0.version } }

    // MARK: Which groups are ours

    /// Kafka's choice of offsets partition: Java's String.hashCode of the group id, sign bit cleared.
    public static func partition(for groupId: String, partitions: Int) -> Int32 {
        var hash: Int32 = 0
        for unit in groupId.utf16 { hash = hash &* 31 &+ Int32(unit) }
        return (hash & 0x7fff_ffff) % Int32(partitions)
    }

    func partition(for groupId: String) -> Int32 {
        let count = controller.topic(OffsetsTopic.name)?.partitions.count ?? config.offsetsTopicPartitions
        return Self.partition(for: groupId, partitions: count)
    }

    /// Nil if this broker coordinates `groupId` now, else the error the client should see.
    func coordinatorError(_ state: State, _ groupId: String) -> ErrorCode? {
        guard controller.topic(OffsetsTopic.name) != nil, state.timers != nil else { return .coordinatorNotAvailable }
        guard let partition = state.partitions[partition(for: groupId)], partition.isLeader else { return .notCoordinator }
        return nil
    }

    // MARK: Timers

    /// Runs `action` after `ms` on the scheduler; stale timers check a token and do nothing.
    func schedule(_ state: State, afterMs ms: Int64, _ action: @escaping @Sendable (GroupCoordinator) -> Void) {
        state.timers?.schedule(afterMs: max(0, ms)) { [weak self] in
            if let self { action(self) }
        }
    }

    /// (Re)starts a member's session: unless it is heard from again within its session timeout, it is removed.
    func armSession(_ state: inout State, _ groupId: String, _ memberId: String) {
        guard let timeout = state.groups[groupId]?.members[memberId]?.sessionTimeoutMs else { return }
        let token = state.token()
        state.groups[groupId]?.members[memberId]?.sessionToken = token
        schedule(state, afterMs: Int64(timeout)) { coordinator in
            coordinator.sessionExpired(groupId: groupId, memberId: memberId, token: token)
        }
    }

    // MARK: Loading and unloading offsets partitions

    /// Takes over an offsets partition this broker now leads: replays its log into groups and offsets.
    public func load(_ partition: Partition) {
        let index = partition.topicPartition.partition
        // Loading again (a new leader epoch on this broker) starts from the log; waiting members are told to retry.
        if state.withLock({ $0.partitions[index] != nil }) { unload(partition: index) }
        let loaded: [String: ConsumerGroup]
        do {
            loaded = try OffsetsTopic.replay(partition, now: currentTimeMillis())
        } catch {
            logger.error("Could not load \(partition.topicPartition): \(error); its groups start empty")
            mutate { state, _ in state.partitions[index] = partition }
            return
        }
        mutate { state, _ in
            state.partitions[index] = partition
            for (id, group) in loaded { state.groups[id] = group }
            for group in loaded.values {
                for memberId in group.members.keys { armSession(&state, group.groupId, memberId) }
            }
        }
        if !loaded.isEmpty { logger.info("Loaded \(loaded.count) group(s) from \(partition.topicPartition)") }
    }

    /// Gives up an offsets partition (leadership moved or the broker stops): its groups' waiting members
    /// are told NOT_COORDINATOR so they find the new coordinator.
    public func unload(partition index: Int32) {
        mutate { state, effects in
            state.partitions[index] = nil
            for (id, group) in state.groups where group.partition == index {
                for member in group.members.values {
                    if let join = member.awaitingJoin { effects.append { join.succeed(JoinGroupResult(error: .notCoordinator)) } }
                    if let sync = member.awaitingSync { effects.append { sync.succeed(SyncGroupResult(error: .notCoordinator)) } }
                }
                state.groups[id] = nil
            }
        }
    }

    public var loadedPartitions: [Int32] { state.withLock { $0.partitions.keys.sorted() } }

    // MARK: Writing to __consumer_offsets

    /// Appends records to the group's offsets partition as leader; returns that partition and the last
    /// offset written, for callers that wait for replication. Throws a coordinator error code.
    @discardableResult
    func append(_ state: State, partition index: Int32, _ records: [(key: GroupRecordKey, value: ByteBuffer?)],
                now: Int64) throws(EngineError) -> (Partition, Int64) {
        guard let partition = state.partitions[index] else {
            throw EngineError(.notCoordinator, "Broker \(brokerId) no longer coordinates this group.")
        }
        var builder = RecordBatchBuilder()
        for record in records { builder.append(key: record.key.encode(), value: record.value, timestamp: now) }
        let batch = builder.build()
        if batch.readableBytes > partition.log.config.maxMessageBytes {
            throw EngineError(.recordListTooLarge, "The record of \(batch.readableBytes) bytes exceeds max.message.bytes "
                              + "(\(partition.log.config.maxMessageBytes)) of \(partition.topicPartition.topic).")
        }
        do {
            let headers = try RecordBatchHeader.validateAll(batch)
            return (partition, try partition.appendAsLeader(batch, headers: headers, now: now).lastOffset)
        } catch let error as EngineError {
            throw EngineError(error.code == .notLeaderOrFollower ? .notCoordinator : .coordinatorNotAvailable, error.message)
        } catch {
            throw EngineError(.coordinatorNotAvailable, "Writing to \(partition.topicPartition) failed: \(error)")
        }
    }

    /// Stores the group's generation, leader and members (with their assignments). A group too large to
    /// store fails with UNKNOWN_SERVER_ERROR, as in Kafka.
    @discardableResult
    func storeGroup(_ state: State, _ group: ConsumerGroup, now: Int64) throws(EngineError) -> (Partition, Int64) {
        do {
            return try append(state, partition: group.partition,
                       [(.groupMetadata(group: group.groupId), OffsetsTopic.metadataValue(of: group, now: now).encode())], now: now)
        } catch where error.code == .recordListTooLarge {
            logger.error("Group \(group.groupId) cannot be stored: \(error.message)")
            throw EngineError(.unknownServerError, error.message)
        }
    }

    static func newMemberId(prefix: String) -> String {
        "\(prefix.isEmpty ? "member" : prefix)-\(UUID().uuidString.lowercased())"
    }
}
