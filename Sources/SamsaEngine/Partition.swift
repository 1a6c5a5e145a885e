import NIOCore
import SamsaProtocol
import SamsaStorage
import Synchronization

/// One broker's replica of a partition: its log and, while it leads, the high watermark and the fetches
/// parked until new data arrives.
///
/// Thread-safety: leadership state and waiters sit behind a mutex; appends hold it for the duration of
/// the write so offsets, high watermark and wake-ups stay in order. Reads only take it to sample the
/// high watermark, then read the (internally synchronized) log without it.
public final class Partition: Sendable {
    public let topicPartition: TopicPartition
    public let topicId: KafkaUUID
    public let log: PartitionLog
    private let state: Mutex<State>

    struct State {
        var isLeader: Bool
        var leaderEpoch: Int32
        var highWatermark: Int64
        var logAppendTime: Bool
        var waiters: [ObjectIdentifier: DataWaiter] = [:]
        var producers = ProducerStateTable()
    }

    public init(topicPartition: TopicPartition, topicId: KafkaUUID, log: PartitionLog, isLeader: Bool,
                leaderEpoch: Int32, logAppendTime: Bool) {
        self.topicPartition = topicPartition
        self.topicId = topicId
        self.log = log
        state = Mutex(State(isLeader: isLeader, leaderEpoch: leaderEpoch, highWatermark: log.logEndOffset,
                            logAppendTime: logAppendTime))
    }

    public var highWatermark: Int64 { state.withLock { $0.highWatermark } }
    public var leaderEpoch: Int32 { state.withLock { $0.leaderEpoch } }
    public var isLeader: Bool { state.withLock { $0.isLeader } }
    public var logStartOffset: Int64 { log.logStartOffset }
    public var logEndOffset: Int64 { log.logEndOffset }

    public func setTimestampType(logAppendTime: Bool) {
        state.withLock { $0.logAppendTime = logAppendTime }
    }

    /// Checks a client's view of the leader epoch against ours (KIP-320). -1 means the client does not know.
    public func checkLeaderEpoch(_ clientEpoch: Int32) -> ErrorCode {
        let (leader, epoch) = state.withLock { ($0.isLeader, $0.leaderEpoch) }
        guard leader else { return .notLeaderOrFollower }
        if clientEpoch < 0 || clientEpoch == epoch { return .none }
        return clientEpoch > epoch ? .unknownLeaderEpoch : .fencedLeaderEpoch
    }

    /// Appends validated batches as leader: checks idempotent producers' sequences, assigns offsets,
    /// stamps the leader epoch, advances the high watermark (a single in-sync replica acknowledges at once)
    /// and wakes parked fetches. A retried duplicate batch answers with its original offsets.
    public func appendAsLeader(_ records: ByteBuffer, headers: [RecordBatchHeader], now: Int64) throws -> AppendResult {
        let (result, waiters) = try state.withLock { s -> (AppendResult, [DataWaiter]) in
            guard s.isLeader else {
                throw EngineError(.notLeaderOrFollower, "This broker is not the leader of \(topicPartition).")
            }
            if headers.count == 1 {
                switch s.producers.check(headers[0]) {
                case .append: break
                case .duplicate(let first, let last):
                    return (AppendResult(firstOffset: first, lastOffset: last, batchCount: 1), [])
                case .reject(let code, let message):
                    throw EngineError(code, message)
                }
            }
            var batches = records
            if s.logAppendTime { batches = LogAppendTime.stamp(records, now: now) }
            let result = try StorageErrors.mapped { try log.append(batches, leaderEpoch: s.leaderEpoch, now: now) }
            var offset = result.firstOffset
            for var header in headers {
                header.baseOffset = offset
                offset = header.nextOffset
                s.producers.record(header)
            }
            s.highWatermark = log.logEndOffset
            let waiters = Array(s.waiters.values)
            s.waiters.removeAll(keepingCapacity: true)
            return (s.logAppendTime ? AppendResult(firstOffset: result.firstOffset, lastOffset: result.lastOffset,
                                                  logAppendTime: now, batchCount: result.batchCount) : result, waiters)
        }
        for waiter in waiters { waiter.wake() }
        return result
    }

    /// Reads whole batches from `offset`, up to the high watermark unless `uncommitted` (replicas read to
    /// the log end). Offsets past the high watermark but within the log read as empty, as in Kafka.
    public func read(from offset: Int64, maxBytes: Int, uncommitted: Bool = false) throws -> (ReadResult, Int64) {
        let hw = highWatermark
        let limit = uncommitted ? log.logEndOffset : hw
        if offset >= limit && offset <= log.logEndOffset {
            return (ReadResult(records: ByteBuffer(), logStartOffset: log.logStartOffset, logEndOffset: log.logEndOffset), hw)
        }
        let result = try StorageErrors.mapped { try log.read(from: offset, maxBytes: maxBytes, maxOffset: limit) }
        return (result, hw)
    }

    /// Parks `waiter` until the next append. Returns false, without parking, if the high watermark has
    /// already moved past `seen` — the caller must re-read instead of sleeping through that data.
    public func park(_ waiter: DataWaiter, unlessHighWatermarkAbove seen: Int64) -> Bool {
        state.withLock { s in
            if s.highWatermark > seen { return false }
            s.waiters[waiter.id] = waiter
            return true
        }
    }

    public func unpark(_ waiter: DataWaiter) {
        _ = state.withLock { $0.waiters.removeValue(forKey: waiter.id) }
    }

    /// Wakes every parked fetch (the partition is going away or changing leader).
    public func wakeAll() {
        let waiters = state.withLock { s -> [DataWaiter] in
            defer { s.waiters.removeAll() }
            return Array(s.waiters.values)
        }
        for waiter in waiters { waiter.wake() }
    }
}
