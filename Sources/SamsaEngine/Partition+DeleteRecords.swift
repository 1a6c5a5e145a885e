import NIOCore
import SamsaProtocol
import SamsaStorage

extension Partition {
    /// DeleteRecords at the leader (Kafka's deleteRecordsOnLeader): moves the log start to `offset` (-1: the
    /// high watermark), dropping whole segments below it. Refused with POLICY_VIOLATION when the cleanup
    /// policy has no `delete`, OFFSET_OUT_OF_RANGE for a negative offset or one past the high watermark.
    /// Returns the offset asked for and the low watermark now: the lowest log start among the live replicas,
    /// which reaches that offset once every follower has heard of it (fetch responses carry it).
    public func deleteRecords(before offset: Int64, live: Set<Int32>) throws(EngineError) -> (requested: Int64, lowWatermark: Int64) {
        let (leader, hw) = state.withLock { ($0.leaderId == brokerId, $0.highWatermark) }
        guard leader else { throw EngineError(.notLeaderOrFollower, "Broker \(brokerId) is not the leader of \(topicPartition).") }
        guard log.config.cleanupPolicy.contains(.delete) else {
            throw EngineError(.policyViolation, "Records of partition \(topicPartition) can not be deleted due to the configured policy.")
        }
        let target = offset == DeleteRecordsRequest.highWatermark ? hw : offset
        guard target >= 0 else { throw EngineError(.offsetOutOfRange, "The offset \(target) for partition \(topicPartition) is not valid.") }
        guard target <= hw else {
            throw EngineError(.offsetOutOfRange, "Cannot increment the log start offset to \(target) of partition \(topicPartition) "
                              + "since it is larger than the high watermark \(hw).")
        }
        do {
            try StorageErrors.mapped { try log.deleteRecords(before: target) }
        } catch let error as EngineError {
            throw error
        } catch {
            throw EngineError(.kafkaStorageError, "Deleting records of \(topicPartition) failed: \(error)")
        }
        return (target, lowWatermark(live: live))
    }

    /// The lowest log start among this leader and its live followers (-1 for a follower not heard from yet),
    /// as Kafka's lowWatermarkIfLeader; -1 when this replica does not lead.
    public func lowWatermark(live: Set<Int32>) -> Int64 {
        state.withLock { s in s.leaderId == brokerId ? lowWatermark(s, live: live) : -1 }
    }

    /// Completes with NONE once every live replica's log start has reached `offset`, NOT_LEADER_OR_FOLLOWER
    /// if leadership moves, REQUEST_TIMED_OUT after `timeoutMs` (Kafka's DelayedDeleteRecords).
    public func waitForLogStart(_ offset: Int64, live: Set<Int32>, timeoutMs: Int64, on eventLoop: EventLoop) -> EventLoopFuture<ErrorCode> {
        let promise = eventLoop.makePromise(of: ErrorCode.self)
        let waiter = LogStartWaiter(required: offset, live: live, AckWaiter(requiredOffset: offset) { promise.succeed($0) })
        let immediate = state.withLock { s -> ErrorCode? in
            guard s.leaderId == brokerId else { return .notLeaderOrFollower }
            if lowWatermark(s, live: live) >= offset { return ErrorCode.none }
            s.logStartWaiters.append(waiter)
            return nil
        }
        if let immediate {
            waiter.ack.complete(immediate)
        } else {
            let task = eventLoop.scheduleTask(in: .milliseconds(max(1, min(timeoutMs, Int64(Int32.max))))) { [weak self] in
                self?.state.withLock { s in s.logStartWaiters.removeAll { $0.ack === waiter.ack } }
                waiter.ack.complete(.requestTimedOut)
            }
            waiter.ack.setTimer { task.cancel() }
        }
        return promise.futureResult
    }

    private func lowWatermark(_ s: State, live: Set<Int32>) -> Int64 {
        var low = log.logStartOffset
        for (id, progress) in s.followers where live.contains(id) { low = min(low, progress.logStartOffset) }
        return low
    }

    /// Takes the DeleteRecords waits a follower's new log start completed (called under the lock).
    func takeLogStartWaiters(_ s: inout State) -> [AckWaiter] {
        guard !s.logStartWaiters.isEmpty else { return [] }
        var done: [AckWaiter] = []
        var waiting: [LogStartWaiter] = []
        for waiter in s.logStartWaiters {
            if lowWatermark(s, live: waiter.live) >= waiter.required { done.append(waiter.ack) } else { waiting.append(waiter) }
        }
        s.logStartWaiters = waiting
        return done
    }

    /// A follower's side: the leader's log start came with its fetch answer; records the leader deleted are
    /// deleted here too (never past this replica's high watermark, as Kafka's maybeIncrementLogStartOffset).
    func followLogStart(_ leaderLogStart: Int64) throws {
        try state.withLock { s in
            guard s.leaderId != brokerId else { return }
            let target = min(leaderLogStart, s.highWatermark)
            guard target > log.logStartOffset else { return }
            try StorageErrors.mapped { try log.deleteRecords(before: target) }
        }
    }
}

/// A DeleteRecords request waiting for the replicas' log starts (the live set as it was when it arrived).
struct LogStartWaiter: Sendable {
    let required: Int64
    let live: Set<Int32>
    let ack: AckWaiter

    init(required: Int64, live: Set<Int32>, _ ack: AckWaiter) {
        self.required = required
        self.live = live
        self.ack = ack
    }
}
