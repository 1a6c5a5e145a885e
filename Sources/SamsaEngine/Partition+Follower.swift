import NIOCore
import SamsaProtocol
import SamsaStorage

extension Partition {
    /// Follows `assignment.leader` from its epoch on: parked fetches are woken (they will be told
    /// NOT_LEADER_OR_FOLLOWER) and waiting acks=all produces fail, as in Kafka.
    public func becomeFollower(_ assignment: PartitionState) {
        state.withLock { s in
            s.leaderId = assignment.leader
            s.leaderEpoch = assignment.leaderEpoch
            s.replicas = assignment.replicas
            s.isr = assignment.isr
            s.followers.removeAll()
            s.highWatermark = min(s.highWatermark, log.logEndOffset)
        }
        wakeAll(failingProducesWith: .notLeaderOrFollower)
    }

    /// Records the in-sync set a follower is part of (for display; it does not act on it).
    func noteAssignment(_ assignment: PartitionState) {
        state.withLock { s in
            guard s.leaderId != brokerId else { return }
            s.isr = assignment.isr
            s.replicas = assignment.replicas
        }
    }

    /// Appends batches fetched from the leader (offsets and epochs as the leader wrote them) and follows
    /// the leader's high watermark as far as this log reaches.
    func appendFromLeader(_ records: ByteBuffer, leaderHighWatermark: Int64, now: Int64) throws {
        try state.withLock { s in
            guard s.leaderId != brokerId else { return }
            if records.readableBytes > 0 {
                _ = try StorageErrors.mapped { try log.appendAsFollower(records, now: now) }
                // Producers' state and open transactions follow the data, so a retry after failover is still recognized
                // and the last stable offset and aborted-transaction index match the leader's.
                var index = records.readerIndex
                while let header = RecordBatchHeader(buffer: records, at: index), header.totalSize > 0 {
                    let marker = header.isControl ? records.getSlice(at: index, length: header.totalSize).flatMap(ControlRecord.init(batch:)) : nil
                    try recordProducerBatch(header, marker: marker, &s, now: now)
                    index += header.totalSize
                }
            }
            s.highWatermark = max(s.highWatermark, min(leaderHighWatermark, log.logEndOffset))
        }
    }

    /// Cuts a divergent tail: everything from `offset` on, which the new leader does not have.
    /// Returns how many offsets were removed.
    func truncate(to offset: Int64) throws -> Int64 {
        try state.withLock { s in
            let end = log.logEndOffset
            guard offset < end, s.leaderId != brokerId else { return 0 }
            try StorageErrors.mapped { try log.truncate(to: offset) }
            s.highWatermark = min(s.highWatermark, log.logEndOffset)
            s.producers = Self.producersFromLog(log, expirationMs: producerExpirationMs)
            return end - log.logEndOffset
        }
    }

    /// The latest leader epoch this replica's log holds, and where the follower asks the leader to check
    /// for divergence (KIP-101).
    var latestEpoch: Int32? { log.epochEntries.last?.epoch }
}
