import NIOCore
import SamsaProtocol
import SamsaStorage
import Synchronization

/// One broker's replica of a partition: its log and its role. As leader it assigns offsets, tracks each
/// follower's log-end offset, advances the high watermark to the lowest log end among the in-sync
/// replicas, and wakes fetches and acks=all produces parked on it. As follower it takes batches from the
/// leader's log as they are and follows the leader's high watermark.
///
/// Thread-safety: role, replication progress and waiters sit behind a mutex; appends hold it for the
/// write so offsets, high watermark and wake-ups stay in order. Reads only take it to sample the
/// high watermark, then read the (internally synchronized) log without it.
public final class Partition: Sendable {
    public let topicPartition: TopicPartition
    public let topicId: KafkaUUID
    public let brokerId: Int32
    public let log: PartitionLog
    let state: Mutex<State>
    let producerExpirationMs: Int64

    struct State {
        var leaderId: Int32
        var leaderEpoch: Int32
        var replicas: [Int32]
        var isr: [Int32]
        var highWatermark: Int64
        var logAppendTime: Bool
        var minInsyncReplicas: Int
        /// Leader only: the log end when this leader epoch began. Until the high watermark reaches it, the
        /// high watermark may be stale (it was this replica's view as a follower).
        var epochStartOffset: Int64 = 0
        /// Leader only: what each follower has fetched so far.
        var followers: [Int32: FollowerProgress] = [:]
        /// Consumer fetches, woken when the high watermark moves.
        var consumerWaiters: [ObjectIdentifier: DataWaiter] = [:]
        /// Follower fetches, woken when the log end moves.
        var replicaWaiters: [ObjectIdentifier: DataWaiter] = [:]
        /// acks=all produces waiting for the high watermark to pass their last offset.
        var ackWaiters: [AckWaiter] = []
        /// DeleteRecords requests waiting for every live replica's log start to reach theirs.
        var logStartWaiters: [LogStartWaiter] = []
        var producers = ProducerStateTable()
    }

    /// `producerExpirationMs` bounds how far back the log is read to rebuild idempotent producers' state.
    public init(topicPartition: TopicPartition, topicId: KafkaUUID, brokerId: Int32, log: PartitionLog,
                assignment: PartitionState, checkpointedHighWatermark: Int64, logAppendTime: Bool, minInsyncReplicas: Int = 1,
                producerExpirationMs: Int64 = 86_400_000) {
        self.topicPartition = topicPartition
        self.topicId = topicId
        self.brokerId = brokerId
        self.log = log
        let end = log.logEndOffset
        var initial = State(leaderId: assignment.leader, leaderEpoch: assignment.leaderEpoch, replicas: assignment.replicas,
                            isr: assignment.isr, highWatermark: max(0, min(end, checkpointedHighWatermark)),
                            logAppendTime: logAppendTime, minInsyncReplicas: minInsyncReplicas)
        initial.producers = Self.producersFromLog(log, expirationMs: producerExpirationMs)
        state = Mutex(initial)
        self.producerExpirationMs = producerExpirationMs
        if assignment.leader == brokerId { becomeLeader(assignment, now: currentTimeMillis()) }
    }

    public var highWatermark: Int64 { state.withLock { $0.highWatermark } }
    public var leaderEpoch: Int32 { state.withLock { $0.leaderEpoch } }
    public var leaderId: Int32 { state.withLock { $0.leaderId } }
    public var isLeader: Bool { state.withLock { $0.leaderId == brokerId } }
    public var inSyncReplicas: [Int32] { state.withLock { $0.isr } }
    /// False right after this replica became leader, until its high watermark has caught up with what the
    /// previous leader may already have exposed (KIP-207: ListOffsets then answers OFFSET_NOT_AVAILABLE).
    public var highWatermarkIsCurrent: Bool { state.withLock { $0.highWatermark >= $0.epochStartOffset } }
    public var logStartOffset: Int64 { log.logStartOffset }
    public var logEndOffset: Int64 { log.logEndOffset }

    public func setTimestampType(logAppendTime: Bool) {
        state.withLock { $0.logAppendTime = logAppendTime }
    }

    public func setMinInsyncReplicas(_ count: Int) {
        state.withLock { $0.minInsyncReplicas = max(1, count) }
    }

    /// Checks a client's view of the leader epoch against ours (KIP-320). -1 means the client does not know.
    public func checkLeaderEpoch(_ clientEpoch: Int32) -> ErrorCode {
        let (leader, epoch) = state.withLock { ($0.leaderId == brokerId, $0.leaderEpoch) }
        guard leader else { return .notLeaderOrFollower }
        if clientEpoch < 0 || clientEpoch == epoch { return .none }
        return clientEpoch > epoch ? .unknownLeaderEpoch : .fencedLeaderEpoch
    }

    /// Reads whole batches from `offset`, up to the high watermark unless `uncommitted` (replicas read to
    /// the log end). Offsets past the high watermark but within the log read as empty, as in Kafka. With
    /// `zeroCopy` (a consumer's fetch) the result may point into a segment file instead (`PartitionLog.slice`).
    public func read(from offset: Int64, maxBytes: Int, uncommitted: Bool = false,
                     zeroCopy: Bool = false) throws -> (ReadResult, Int64) {
        let hw = highWatermark
        return (try read(from: offset, maxBytes: maxBytes, limit: uncommitted ? log.logEndOffset : hw, zeroCopy: zeroCopy), hw)
    }

    /// Whole batches from `offset` that start below `limit`.
    func read(from offset: Int64, maxBytes: Int, limit: Int64, zeroCopy: Bool) throws -> ReadResult {
        if offset >= limit && offset <= log.logEndOffset {
            return ReadResult(records: ByteBuffer(), logStartOffset: log.logStartOffset, logEndOffset: log.logEndOffset)
        }
        return try StorageErrors.mapped {
            zeroCopy ? try log.slice(from: offset, maxBytes: maxBytes, maxOffset: limit)
                : try log.read(from: offset, maxBytes: maxBytes, maxOffset: limit)
        }
    }

    /// The position a parked fetch watches: the high watermark for consumers (the last stable offset for
    /// read_committed ones), the log end for replicas.
    public func watermark(forReplica replica: Bool, readCommitted: Bool = false) -> Int64 {
        replica ? log.logEndOffset : readCommitted ? lastStableOffset : highWatermark
    }

    /// Parks `waiter` until the watched position moves past `seen`. Returns false, without parking, if it
    /// already has — the caller must re-read instead of sleeping through that data.
    public func park(_ waiter: DataWaiter, replica: Bool, readCommitted: Bool = false, unlessAbove seen: Int64) -> Bool {
        state.withLock { s in
            if replica {
                if log.logEndOffset > seen { return false }
                s.replicaWaiters[waiter.id] = waiter
            } else {
                let watched = readCommitted ? lastStableOffset(s) : s.highWatermark
                if watched > seen { return false }
                s.consumerWaiters[waiter.id] = waiter
            }
            return true
        }
    }

    /// How many fetches are parked on this replica (Kafka's fetch purgatory size for one partition).
    public var parkedFetchCount: Int {
        state.withLock { $0.consumerWaiters.count + $0.replicaWaiters.count }
    }

    public func unpark(_ waiter: DataWaiter) {
        state.withLock { s in
            s.consumerWaiters[waiter.id] = nil
            s.replicaWaiters[waiter.id] = nil
        }
    }

    /// Wakes every parked fetch and fails every waiting produce (the replica is closing or changing role).
    public func wakeAll(failingProducesWith error: ErrorCode = .notLeaderOrFollower) {
        let (waiters, acks) = state.withLock { s -> ([DataWaiter], [AckWaiter]) in
            defer {
                s.consumerWaiters.removeAll()
                s.replicaWaiters.removeAll()
                s.ackWaiters.removeAll()
                s.logStartWaiters.removeAll()
            }
            return (Array(s.consumerWaiters.values) + Array(s.replicaWaiters.values), s.ackWaiters + s.logStartWaiters.map(\.ack))
        }
        for waiter in waiters { waiter.wake() }
        for ack in acks { ack.complete(error) }
    }

    /// Takes the waiters to wake after the high watermark moved from `before`, and the produces now done.
    /// Parked follower fetches are woken too, so followers learn the new high watermark at once rather
    /// than on their next data.
    func takeWaitersAfterHighWatermarkMove(_ s: inout State, from before: Int64) -> ([DataWaiter], [(AckWaiter, ErrorCode)]) {
        guard s.highWatermark > before else { return ([], []) }
        let waiters = Array(s.consumerWaiters.values) + Array(s.replicaWaiters.values)
        s.consumerWaiters.removeAll(keepingCapacity: true)
        s.replicaWaiters.removeAll(keepingCapacity: true)
        var done: [(AckWaiter, ErrorCode)] = []
        let enough = s.isr.count >= s.minInsyncReplicas
        s.ackWaiters.removeAll { ack in
            guard s.highWatermark >= ack.requiredOffset else { return false }
            done.append((ack, enough ? .none : .notEnoughReplicasAfterAppend))
            return true
        }
        return (waiters, done)
    }
}

/// How far one follower has replicated, as its leader sees it.
struct FollowerProgress {
    /// The follower's log end (its last fetch offset); -1 until it has fetched from this leader.
    var logEndOffset: Int64 = -1
    /// The follower's log start as its last fetch reported it; -1 until then (DeleteRecords' low watermark).
    var logStartOffset: Int64 = -1
    var lastCaughtUpMs: Int64
    var lastFetchMs: Int64
    /// The leader's log end when the follower last fetched: reaching it means the follower was caught up then.
    var leaderEndAtLastFetch: Int64 = -1
}

extension Partition {
    /// Producers' state and open transactions as the log leaves it: Kafka rebuilds them when a log opens,
    /// so a retry sent to a leader that restarted is answered with its first offset instead of being
    /// written twice, and a transaction open before the restart stays open (holding the last stable
    /// offset) until its marker. The whole log is replayed, headers only, so an open transaction older
    /// than the expiry window is not lost; aborted transactions missing from the index (a torn tail, a
    /// damaged `.txnindex`) are added back as their markers go by.
    static func producersFromLog(_ log: PartitionLog, expirationMs: Int64) -> ProducerStateTable {
        var table = ProducerStateTable()
        // A log that cannot be read past some point keeps the state up to it.
        try? log.scanProducerBatches { header, marker in
            guard let done = table.record(header, marker: marker, now: header.maxTimestamp), done.isAborted else { return }
            try log.appendAbortedTransaction(AbortedTransaction(done, lastStableOffset: table.lastStableOffset(after: done)))
        }
        table.removeExpired(now: currentTimeMillis(), expirationMs: expirationMs)
        return table
    }

    /// Records an appended batch in the producers' table; an ABORT ending a transaction that wrote here is
    /// added to the aborted-transaction index.
    func recordProducerBatch(_ header: RecordBatchHeader, marker: ControlRecord?, _ s: inout State, now: Int64) throws {
        guard let done = s.producers.record(header, marker: marker, now: now), done.isAborted else { return }
        let entry = AbortedTransaction(done, lastStableOffset: s.producers.lastStableOffset(after: done))
        try StorageErrors.mapped { try log.appendAbortedTransaction(entry) }
    }

    /// Forgets idempotent producers not heard from for `expirationMs` (producer.id.expiration.ms);
    /// returns how many.
    @discardableResult
    public func expireProducers(now: Int64, expirationMs: Int64) -> Int {
        state.withLock { $0.producers.removeExpired(now: now, expirationMs: expirationMs) }
    }

    /// How many idempotent producers this replica remembers.
    public var producerCount: Int { state.withLock { $0.producers.count } }
}
