import Dispatch
import NIOCore
import SamsaProtocol
import SamsaStorage

extension Partition {
    /// Takes leadership at `assignment`'s epoch: followers start unknown (caught up as of now, so none is
    /// dropped from the in-sync set before it had a chance to fetch), and a leader alone in the in-sync
    /// set commits everything it has.
    public func becomeLeader(_ assignment: PartitionState, now: Int64) {
        let (waiters, acks) = state.withLock { s -> ([DataWaiter], [(AckWaiter, ErrorCode)]) in
            let before = s.highWatermark
            s.leaderId = brokerId
            s.leaderEpoch = assignment.leaderEpoch
            s.replicas = assignment.replicas
            s.isr = assignment.isr
            s.followers = Dictionary(uniqueKeysWithValues: assignment.replicas.filter { $0 != brokerId }.map {
                ($0, FollowerProgress(lastCaughtUpMs: now, lastFetchMs: now))
            })
            s.highWatermark = min(s.highWatermark, log.logEndOffset)
            s.epochStartOffset = log.logEndOffset
            advanceHighWatermark(&s)
            return takeWaitersAfterHighWatermarkMove(&s, from: before)
        }
        for waiter in waiters { waiter.wake() }
        for (ack, error) in acks { ack.complete(error) }
    }

    /// The controller changed the in-sync set (or re-sent it): adopt it if it is for our epoch.
    public func updateInSyncReplicas(_ assignment: PartitionState) {
        let (waiters, acks) = state.withLock { s -> ([DataWaiter], [(AckWaiter, ErrorCode)]) in
            guard s.leaderId == brokerId, assignment.leaderEpoch == s.leaderEpoch else { return ([], []) }
            let before = s.highWatermark
            s.isr = assignment.isr
            advanceHighWatermark(&s)
            return takeWaitersAfterHighWatermarkMove(&s, from: before)
        }
        for waiter in waiters { waiter.wake() }
        for (ack, error) in acks { ack.complete(error) }
    }

    /// High watermark = the lowest log end among in-sync replicas; it never moves back on a leader.
    func advanceHighWatermark(_ s: inout State) {
        var candidate = log.logEndOffset
        for id in s.isr where id != brokerId {
            let end = s.followers[id]?.logEndOffset ?? -1
            if end < 0 { return }
            candidate = min(candidate, end)
        }
        if candidate > s.highWatermark { s.highWatermark = candidate }
    }

    /// Appends validated batches as leader: checks idempotent and transactional producers' epochs and
    /// sequences and, for acks=all, that enough replicas are in sync; assigns offsets, stamps the leader
    /// epoch, advances the high watermark when the leader is alone in sync, and wakes parked fetches.
    /// A retried duplicate batch answers with its original offsets.
    public func appendAsLeader(_ records: ByteBuffer, headers: [RecordBatchHeader], now: Int64,
                               requireInsync: Bool = false) throws -> AppendResult {
        try appendAsLeader(records, headers: headers, marker: nil, now: now, requireInsync: requireInsync)
    }

    /// `appendAsLeader` for client batches, or (with `marker`) for one control batch holding that marker.
    func appendAsLeader(_ records: ByteBuffer, headers: [RecordBatchHeader], marker: ControlRecord?, now: Int64,
                        requireInsync: Bool) throws -> AppendResult {
        let (result, waiters, acks) = try state.withLock { s -> (AppendResult, [DataWaiter], [(AckWaiter, ErrorCode)]) in
            guard s.leaderId == brokerId else {
                throw EngineError(.notLeaderOrFollower, "Broker \(brokerId) is not the leader of \(topicPartition).")
            }
            if requireInsync && s.isr.count < s.minInsyncReplicas {
                throw EngineError(.notEnoughReplicas, "Only \(s.isr.count) of \(s.replicas.count) replicas of \(topicPartition) "
                                  + "are in sync; min.insync.replicas is \(s.minInsyncReplicas).")
            }
            let verdict: ProducerStateTable.Verdict
            if let marker, let header = headers.first {
                verdict = s.producers.checkMarker(producerId: header.producerId, producerEpoch: header.producerEpoch,
                                                  coordinatorEpoch: marker.coordinatorEpoch)
            } else {
                verdict = headers.count == 1 ? s.producers.check(headers[0]) : .append
            }
            switch verdict {
            case .append: break
            case .duplicate(let first, let last):
                return (AppendResult(firstOffset: first, lastOffset: last, batchCount: 1), [], [])
            case .reject(let code, let message):
                throw EngineError(code, message)
            }
            var batches = records
            if s.logAppendTime { batches = LogAppendTime.stamp(records, now: now) }
            let result = try StorageErrors.mapped { try log.append(batches, leaderEpoch: s.leaderEpoch, now: now) }
            var offset = result.firstOffset
            for var header in headers {
                header.baseOffset = offset
                offset = header.nextOffset
                try recordProducerBatch(header, marker: header.isControl ? marker : nil, &s, now: now)
            }
            var wake = Array(s.replicaWaiters.values)
            s.replicaWaiters.removeAll(keepingCapacity: true)
            if marker != nil {
                // The last stable offset may move without the high watermark: read_committed fetches look again.
                wake += s.consumerWaiters.values
                s.consumerWaiters.removeAll(keepingCapacity: true)
            }
            let before = s.highWatermark
            advanceHighWatermark(&s)
            let (consumers, acks) = takeWaitersAfterHighWatermarkMove(&s, from: before)
            let answer = s.logAppendTime ? AppendResult(firstOffset: result.firstOffset, lastOffset: result.lastOffset,
                                                         logAppendTime: now, batchCount: result.batchCount) : result
            return (answer, wake + consumers, acks)
        }
        for waiter in waiters { waiter.wake() }
        for (ack, error) in acks { ack.complete(error) }
        return result
    }

    /// acks=all: completes with NONE once the high watermark passes `lastOffset`, NOT_ENOUGH_REPLICAS_AFTER_APPEND
    /// if the in-sync set shrank below min.insync.replicas meanwhile, NOT_LEADER_OR_FOLLOWER if leadership
    /// moved, or REQUEST_TIMED_OUT after `timeoutMs`.
    public func waitForReplication(through lastOffset: Int64, timeoutMs: Int64, on eventLoop: EventLoop) -> EventLoopFuture<ErrorCode> {
        let promise = eventLoop.makePromise(of: ErrorCode.self)
        awaitReplication(through: lastOffset, timeoutMs: timeoutMs, { promise.succeed($0) }) { delay, fire in
            let task = eventLoop.scheduleTask(in: .milliseconds(delay), fire)
            return { task.cancel() }
        }
        return promise.futureResult
    }

    /// `waitForReplication` for callers without an event loop (the transaction coordinator's markers):
    /// `done` runs once with the same answers, on whichever thread completes the wait.
    public func whenReplicated(through offset: Int64, timeoutMs: Int64, _ done: @escaping @Sendable (ErrorCode) -> Void) {
        awaitReplication(through: offset, timeoutMs: timeoutMs, done) { delay, fire in
            // Not cancelled: firing after the wait completed finds nothing to do.
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(Int(delay)), execute: fire)
            return {}
        }
    }

    /// Parks an AckWaiter until the high watermark passes `lastOffset`; `startTimer` arms its timeout and
    /// returns how to cancel it.
    private func awaitReplication(through lastOffset: Int64, timeoutMs: Int64, _ done: @escaping @Sendable (ErrorCode) -> Void,
                                  startTimer: (Int64, @escaping @Sendable () -> Void) -> @Sendable () -> Void) {
        let ack = AckWaiter(requiredOffset: lastOffset + 1, done)
        let immediate = state.withLock { s -> ErrorCode? in
            guard s.leaderId == brokerId else { return .notLeaderOrFollower }
            if s.highWatermark > lastOffset { return s.isr.count >= s.minInsyncReplicas ? ErrorCode.none : .notEnoughReplicasAfterAppend }
            s.ackWaiters.append(ack)
            return nil
        }
        if let immediate {
            ack.complete(immediate)
            return
        }
        ack.setTimer(startTimer(max(1, min(timeoutMs, Int64(Int32.max)))) { [weak self] in
            self?.state.withLock { s in s.ackWaiters.removeAll { $0 === ack } }
            ack.complete(.requestTimedOut)
        })
    }

    /// A follower fetched from `fetchOffset` (its log end): record its progress, advance the high
    /// watermark, and return the in-sync set to propose if the follower has caught up and should rejoin it.
    /// `logStartOffset` is the follower's own (-1: not reported), for DeleteRecords' low watermark.
    func recordFollowerFetch(_ followerId: Int32, fetchOffset: Int64, logStartOffset: Int64 = -1, now: Int64) -> [Int32]? {
        let (proposal, waiters, acks) = state.withLock { s -> ([Int32]?, [DataWaiter], [(AckWaiter, ErrorCode)]) in
            guard s.leaderId == brokerId, var progress = s.followers[followerId] else { return (nil, [], []) }
            if logStartOffset >= 0 { progress.logStartOffset = logStartOffset }
            let leaderEnd = log.logEndOffset
            if fetchOffset >= leaderEnd {
                progress.lastCaughtUpMs = now
            } else if fetchOffset >= progress.leaderEndAtLastFetch && progress.leaderEndAtLastFetch >= 0 {
                progress.lastCaughtUpMs = max(progress.lastCaughtUpMs, progress.lastFetchMs)
            }
            progress.logEndOffset = fetchOffset
            progress.lastFetchMs = now
            progress.leaderEndAtLastFetch = leaderEnd
            s.followers[followerId] = progress
            let before = s.highWatermark
            advanceHighWatermark(&s)
            let (waiters, moved) = takeWaitersAfterHighWatermarkMove(&s, from: before)
            let acks = moved + takeLogStartWaiters(&s).map { ($0, ErrorCode.none) }
            var proposal: [Int32]?
            if !s.isr.contains(followerId) && fetchOffset >= s.highWatermark && fetchOffset >= epochStartOffset(s) {
                proposal = s.isr + [followerId]
            }
            return (proposal, waiters, acks)
        }
        for waiter in waiters { waiter.wake() }
        for (ack, error) in acks { ack.complete(error) }
        return proposal
    }

    /// Where the current leader epoch began: a follower must have reached it before it counts as in sync.
    private func epochStartOffset(_ s: State) -> Int64 {
        log.epochEntries.last { $0.epoch == s.leaderEpoch }?.startOffset ?? 0
    }

    /// The in-sync set without followers that have not caught up for `lagMaxMs`, if any must go.
    func shrunkInSyncReplicas(now: Int64, lagMaxMs: Int64) -> [Int32]? {
        state.withLock { s in
            guard s.leaderId == brokerId else { return nil }
            let lagging = s.isr.filter { id in
                id != brokerId && now - (s.followers[id]?.lastCaughtUpMs ?? now) > lagMaxMs
            }
            return lagging.isEmpty ? nil : s.isr.filter { !lagging.contains($0) }
        }
    }

    /// Each replica's log end as the leader knows it (-1 when unknown), for display.
    public var replicaLogEndOffsets: [Int32: Int64] {
        state.withLock { s in
            var ends: [Int32: Int64] = [:]
            for id in s.replicas { ends[id] = id == brokerId ? log.logEndOffset : s.followers[id]?.logEndOffset ?? -1 }
            return ends
        }
    }
}
