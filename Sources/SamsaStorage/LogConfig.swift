/// When appended data is forced to disk.
public enum FlushPolicy: Sendable, Equatable {
    /// Kafka's default: leave it to the page cache; replication, not fsync, is what makes data safe.
    case pageCache
    /// fdatasync after every append, before it is acknowledged.
    case everyAppend
}

/// How one partition log rolls, retains, compacts and flushes (topic configs resolved by the engine).
public struct LogConfig: Sendable, Equatable {
    public var segmentBytes: Int = 1 << 30
    public var segmentMs: Int64 = 7 * 24 * 3600 * 1000
    /// -1 keeps data forever.
    public var retentionMs: Int64 = 7 * 24 * 3600 * 1000
    /// -1 means no size limit.
    public var retentionBytes: Int64 = -1
    public var indexIntervalBytes: Int = 4096
    public var maxMessageBytes: Int = 1_048_588
    public var flushPolicy: FlushPolicy = .pageCache
    public var cleanupPolicy: CleanupPolicy = .delete
    /// How long a tombstone stays after the cleaner first saw it (`delete.retention.ms`).
    public var deleteRetentionMs: Int64 = 86_400_000
    /// Dirty share of the cleanable log above which compaction is due (`min.cleanable.dirty.ratio`).
    public var minCleanableDirtyRatio: Double = 0.5
    /// Records younger than this are never compacted (`min.compaction.lag.ms`).
    public var minCompactionLagMs: Int64 = 0
    /// Dirty records older than this make compaction due whatever the ratio (`max.compaction.lag.ms`).
    public var maxCompactionLagMs: Int64 = .max

    public init(segmentBytes: Int = 1 << 30, segmentMs: Int64 = 7 * 24 * 3600 * 1000,
                retentionMs: Int64 = 7 * 24 * 3600 * 1000, retentionBytes: Int64 = -1, indexIntervalBytes: Int = 4096,
                maxMessageBytes: Int = 1_048_588, flushPolicy: FlushPolicy = .pageCache, cleanupPolicy: CleanupPolicy = .delete,
                deleteRetentionMs: Int64 = 86_400_000, minCleanableDirtyRatio: Double = 0.5, minCompactionLagMs: Int64 = 0,
                maxCompactionLagMs: Int64 = .max) {
        self.segmentBytes = segmentBytes
        self.segmentMs = segmentMs
        self.retentionMs = retentionMs
        self.retentionBytes = retentionBytes
        self.indexIntervalBytes = indexIntervalBytes
        self.maxMessageBytes = maxMessageBytes
        self.flushPolicy = flushPolicy
        self.cleanupPolicy = cleanupPolicy
        self.deleteRetentionMs = deleteRetentionMs
        self.minCleanableDirtyRatio = minCleanableDirtyRatio
        self.minCompactionLagMs = minCompactionLagMs
        self.maxCompactionLagMs = maxCompactionLagMs
    }
}

/// What the roll, retention and compaction rules need to know of a segment, on disk or in memory.
protocol SegmentMetrics {
    var baseOffset: Int64 { get }
    /// Bytes of whole batches.
    var size: Int { get }
    /// Largest record timestamp; -1 when empty.
    var maxTimestamp: Int64 { get }
}

extension LogConfig {
    /// Whether the active segment must give way to a new one before `incoming` bytes are appended: it is
    /// full, too old by the wall clock, or its relative offsets would overflow the index.
    func shouldRoll(_ active: some SegmentMetrics, rollClockStart: Int64?, logEndOffset: Int64, incoming: Int, now: Int64) -> Bool {
        guard active.size > 0 else { return false }
        let full = active.size + incoming > segmentBytes
        let old = now - (rollClockStart ?? now) > segmentMs
        let offsetsOverflow = logEndOffset - active.baseOffset > Int64(Int32.max) - 1_000_000
        return full || old || offsetsOverflow
    }

    /// How many segments from the front retention deletes, as Kafka's deleteOldSegments: those wholly below
    /// `logStartOffset` (whatever the policy), then, when the cleanup policy includes `delete`, as many as bring
    /// the log within `retentionBytes`, then those whose newest record is older than `retentionMs`.
    ///
    /// A segment goes only if it ends at or below `highWatermark`, so the log start never passes it (Kafka's
    /// deletableSegments). The last (active) segment may go too when it holds records: the caller then rolls
    /// an empty segment at the log end first, so the log starts at its end and stays writable. An empty
    /// active segment never goes, so an idle log is not rolled again and again.
    func deletableSegmentCount(_ segments: [some SegmentMetrics], logStartOffset: Int64, logEndOffset: Int64,
                               highWatermark: Int64, now: Int64) -> Int {
        let last = segments.count - 1
        func deletable(_ index: Int) -> Bool {
            guard index <= last, index < last || segments[index].size > 0 else { return false }
            return highWatermark >= (index < last ? segments[index + 1].baseOffset : logEndOffset)
        }
        var count = 0
        while count < last, segments[count + 1].baseOffset <= logStartOffset, deletable(count) { count += 1 }
        guard cleanupPolicy.contains(.delete) else { return count }
        if retentionBytes >= 0 {
            var excess = Int64(segments[count...].reduce(0) { $0 + $1.size }) - retentionBytes
            while deletable(count), excess - Int64(segments[count].size) >= 0 {
                excess -= Int64(segments[count].size)
                count += 1
            }
        }
        if retentionMs >= 0 {
            while deletable(count) {
                let segment = segments[count]
                // An empty segment has no timestamp (-1) and is as old as can be; a non-empty one without
                // timestamps is never old.
                guard segment.maxTimestamp >= 0 || segment.size == 0, now - segment.maxTimestamp > retentionMs else { break }
                count += 1
            }
        }
        return count
    }
}
