import SamsaStorage

extension Partition {
    /// Runs retention on this replica's log up to its own high watermark, as Kafka's deleteOldSegments: a
    /// segment holding offsets the high watermark has not passed stays, so the log start never passes it. The
    /// lock keeps the high watermark from moving back (a follower's truncation) while the log decides.
    /// Returns how many segments were deleted.
    public func applyRetention(now: Int64) throws -> Int {
        try state.withLock { s in try log.applyRetention(now: now, highWatermark: s.highWatermark) }
    }
}
