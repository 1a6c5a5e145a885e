import Logging
import NIOCore
import SamsaProtocol
import Synchronization

/// A consumer in a consumer group, as Kafka's `KafkaConsumer.subscribe` makes one: the group's leader
/// splits the subscribed topics' partitions among the members (range or roundrobin), each member reads its
/// partitions from the group's committed offsets (or `auto.offset.reset`), commits as it goes, and the
/// group rebalances whenever a member joins, leaves or goes silent.
///
/// Rebalancing is eager, as with Kafka's range and roundrobin assignors: before rejoining, a member
/// commits and gives up every partition. Heartbeats run on a background task every
/// `heartbeat.interval.ms`; rejoining happens inside `poll`. Records are read by the plain `Consumer`.
///
/// Thread-safety: meant for one task at a time (like Kafka's consumer), besides its own heartbeat task.
public final class GroupConsumer: Sendable {
    public let client: KafkaClient
    public let config: GroupConsumerConfig
    /// The fetch path: the plain consumer, told which partitions to read and where to start.
    let fetcher: Consumer
    let membership: GroupMembership
    let state: Mutex<State> = Mutex(State())
    private let heartbeats: Mutex<Task<Void, Never>?> = Mutex(nil)
    private let listener: Mutex<(any ConsumerRebalanceListener)?> = Mutex(nil)
    private let heartbeatWakeup = Wakeup()

    struct State {
        var subscription: [String] = []
        var assignment: [TopicPartition] = []
        /// What this member last committed (or found committed), so auto-commit skips unchanged offsets.
        var committed: [TopicPartition: Int64] = [:]
        var nextAutoCommit = ContinuousClock.now
        var lastPoll = ContinuousClock.now
        var polling = false
        /// The leader's view of the partitions it assigned; when the metadata changes, it rebalances.
        var leaderSnapshot: LeaderSnapshot?
        var nextMetadataCheck = ContinuousClock.now
        var closed = false
        /// Paused partitions (`pause`), with where each resumes; not in the fetcher while paused.
        var paused: [TopicPartition: StartPosition] = [:]
    }

    public init(client: KafkaClient, config: GroupConsumerConfig) throws {
        try config.validate()
        self.client = client
        self.config = config
        var fetch = config.fetch
        switch config.autoOffsetReset {
        case .earliest: fetch.autoOffsetReset = .beginning
        case .latest: fetch.autoOffsetReset = .end
        case .none: fetch.autoOffsetReset = nil
        }
        fetcher = Consumer(client: client, config: fetch)
        membership = GroupMembership(client: client, config: config)
    }

    /// Subscribes to `topics` (replacing any earlier subscription); the group rebalances at the next poll.
    public func subscribe(_ topics: [String]) {
        state.withLock { $0.subscription = Array(Set(topics)).sorted() }
        membership.requestRejoin()
    }

    /// Called inside `poll` around each rebalance (Kafka's `ConsumerRebalanceListener`).
    public var rebalanceListener: (any ConsumerRebalanceListener)? {
        get { listener.withLock { $0 } }
        set { listener.withLock { $0 = newValue } }
    }

    public var subscription: [String] { state.withLock { $0.subscription } }
    /// The partitions this member reads now.
    public var assignment: [TopicPartition] { state.withLock { $0.assignment } }
    /// The id the coordinator gave this member (empty until it joined).
    public var memberId: String { membership.memberId }
    public var generationId: Int32 { membership.generationId }

    /// The next offset `poll` will return for `tp`, once known.
    public func position(_ tp: TopicPartition) -> Int64? {
        if let kept = pausedPosition(tp) { return kept }
        return fetcher.position(tp)
    }

    /// Makes `offset` the next offset `poll` returns for an assigned partition (and what a commit stores);
    /// a paused partition resumes there.
    public func seek(_ tp: TopicPartition, to offset: Int64) {
        guard assignment.contains(tp) else { return }
        let wasPaused = state.withLock { s in
            guard s.paused[tp] != nil else { return false }
            s.paused[tp] = .offset(offset)
            return true
        }
        if !wasPaused { fetcher.seek(tp, to: .offset(offset)) }
    }

    /// Returns the records that arrive within `timeout`, possibly none; joins or rejoins the group first
    /// when needed, and auto-commits when due.
    public func poll(timeout: Duration) async throws -> [ConsumerRecord] {
        let deadline = ContinuousClock.now + timeout
        state.withLock { s in s.polling = true; s.lastPoll = .now }
        defer { state.withLock { s in s.polling = false; s.lastPoll = .now } }
        startHeartbeats()
        while true {
            try Task.checkCancellation()
            if state.withLock({ $0.closed }) { throw ClientError.invalidArgument("The consumer is closed.") }
            if let fatal = membership.fatal { throw fatal }
            if membership.rejoinNeeded { try await rebalance() }
            await autoCommitIfDue()
            await checkMetadataIfDue()
            let slice = min(max(deadline - .now, .zero), .milliseconds(Int64(config.fetch.fetchMaxWaitMs)))
            var records: [ConsumerRecord] = []
            do {
                records = try await fetcher.poll(timeout: slice)
            } catch let error where error.isTransient {
                // A broker restarting or a leader moving: keep the group membership and try again.
                logger.debug("Fetching failed, retrying: \(error)")
                try await Task.sleep(for: .milliseconds(config.retryBackoffMs))
            }
            if !records.isEmpty || ContinuousClock.now >= deadline { return records }
        }
    }

    /// Commits the position of every assigned partition (Kafka's `commitSync()`).
    public func commit() async throws {
        try await commit(positions())
    }

    /// Commits these offsets (the next offset to read, per partition).
    public func commit(_ offsets: [TopicPartition: Int64]) async throws {
        try await membership.commit(offsets, deadline: .now() + client.config.requestTimeout)
        state.withLock { $0.committed.merge(offsets) { $1 } }
    }

    /// The group's committed offsets of `partitions`; partitions without a commit are left out.
    public func committed(_ partitions: [TopicPartition]) async throws -> [TopicPartition: Int64] {
        try await membership.committedOffsets(partitions, deadline: .now() + client.config.requestTimeout)
    }

    /// Commits (with auto-commit on), leaves the group so the others take over at once, and stops the
    /// heartbeats. The client stays open.
    public func close() async {
        let wasClosed = state.withLock { s -> Bool in
            defer { s.closed = true }
            return s.closed
        }
        if wasClosed { return }
        let task = heartbeats.withLock { $0 }
        task?.cancel()
        heartbeatWakeup.notify()
        await task?.value
        // Commit even mid-rebalance: the coordinator accepts the current generation's commits until it moves on.
        if config.enableAutoCommit && !membership.memberId.isEmpty && !assignment.isEmpty {
            do {
                try await membership.commit(positions(), deadline: .now() + .seconds(5))
            } catch {
                logger.warning("Committing offsets of group \(config.groupId) on close failed: \(error)")
            }
        }
        await membership.leave(reason: "the consumer is being closed")
        await membership.close()
        fetcher.assign([:])
        state.withLock { $0.assignment = [] }
    }

    var logger: Logger { client.logger }

    /// The position of each assigned partition whose position is known.
    func positions() -> [TopicPartition: Int64] {
        var offsets: [TopicPartition: Int64] = [:]
        for tp in assignment { if let position = position(tp) { offsets[tp] = position } }
        return offsets
    }

    private func autoCommitIfDue() async {
        guard config.enableAutoCommit, membership.isStable else { return }
        let due = state.withLock { s -> Bool in
            guard ContinuousClock.now >= s.nextAutoCommit else { return false }
            s.nextAutoCommit = .now + .milliseconds(config.autoCommitIntervalMs)
            return true
        }
        guard due else { return }
        let committed = state.withLock { $0.committed }
        let changed = positions().filter { committed[$0.key] != $0.value }
        guard !changed.isEmpty else { return }
        do {
            try await commit(changed)
        } catch {
            logger.warning("Auto-commit of group \(config.groupId) failed: \(error)")
        }
    }

    // MARK: Heartbeats

    private func startHeartbeats() {
        heartbeats.withLock { task in
            guard task == nil else { return }
            task = Task { [self] in await runHeartbeats() }
        }
    }

    private func runHeartbeats() async {
        let interval = Duration.milliseconds(Int64(config.heartbeatIntervalMs))
        while !Task.isCancelled {
            await heartbeatWakeup.wait(timeout: interval)
            if Task.isCancelled || state.withLock({ $0.closed }) { return }
            let overdue = state.withLock { !$0.polling && ContinuousClock.now - $0.lastPoll > .milliseconds(Int64(config.maxPollIntervalMs)) }
            if overdue && membership.isStable {
                // Kafka's rule: a member that stops polling for max.poll.interval.ms leaves, so its partitions move on.
                logger.warning("poll was not called for max.poll.interval.ms (\(config.maxPollIntervalMs) ms); leaving group \(config.groupId)")
                await membership.leave(reason: "consumer poll timeout has expired")
                continue
            }
            await membership.heartbeat()
        }
    }
}

extension Error {
    /// Errors a consumer rides out by retrying: connections, timeouts, leaders and coordinators moving.
    var isTransient: Bool {
        guard let error = self as? ClientError else { return false }
        switch error {
        case .broker(let code, _): return code.isRetriable
        case .connectionClosed, .connectionFailed, .timedOut, .noBrokers: return true
        default: return false
        }
    }
}
