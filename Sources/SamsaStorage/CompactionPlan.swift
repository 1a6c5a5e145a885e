/// Which segments a compaction pass may touch, after Kafka's LogCleanerManager. The log splits into a
/// clean section (already compacted, below the cleaner checkpoint), a dirty section (written since), and
/// an uncleanable tail: the active segment and every segment from the first one holding a record younger
/// than `min.compaction.lag.ms`, or holding offsets at or past `limit` (the partition's last stable offset:
/// the cleaner never cleans past an undecided transaction). A pass builds its key map over the dirty
/// section and rewrites `segments[0..<cleanableCount]`.
struct CompactionPlan {
    let cleanableCount: Int
    let firstDirtyIndex: Int
    let cleanBytes: Int64
    let dirtyBytes: Int64

    init(segments: [some SegmentMetrics], firstDirtyOffset: Int64, config: LogConfig, now: Int64, limit: Int64 = .max) {
        // Never the active segment; the segment holding the checkpoint counts as dirty (a truncation may
        // have left the checkpoint mid-segment).
        var end = max(segments.count - 1, 0)
        var dirty = 0
        while dirty + 1 < segments.count && segments[dirty + 1].baseOffset <= firstDirtyOffset { dirty += 1 }
        if config.minCompactionLagMs > 0 {
            let (limit, overflow) = now.subtractingReportingOverflow(config.minCompactionLagMs)
            let newestAllowed = overflow ? Int64.min : limit
            if let young = (dirty..<end).first(where: { segments[$0].maxTimestamp > newestAllowed }) { end = young }
        }
        while end > 0 && segments[end].baseOffset > limit { end -= 1 }
        let firstDirty = min(dirty, end)
        cleanableCount = end
        firstDirtyIndex = firstDirty
        cleanBytes = Int64(segments[0..<firstDirty].reduce(0) { $0 + $1.size })
        dirtyBytes = Int64(segments[firstDirty..<end].reduce(0) { $0 + $1.size })
    }

    /// Dirty bytes over all cleanable bytes; 0 when nothing is cleanable.
    var dirtyRatio: Double {
        let total = cleanBytes + dirtyBytes
        return total > 0 ? Double(dirtyBytes) / Double(total) : 0
    }

    /// Kafka's trigger: dirty data past `min.cleanable.dirty.ratio`, dirty data waiting longer than
    /// `max.compaction.lag.ms` (from the first dirty batch's timestamp, read only if needed), or a kept
    /// tombstone whose delete horizon has passed.
    func isDue(config: LogConfig, now: Int64, tombstoneHorizon: Int64?, firstDirtyTimestamp: () -> Int64?) -> Bool {
        guard config.cleanupPolicy.contains(.compact), cleanableCount > 0 else { return false }
        if let tombstoneHorizon, tombstoneHorizon <= now { return true }
        guard dirtyBytes > 0 else { return false }
        if dirtyRatio > config.minCleanableDirtyRatio { return true }
        guard config.maxCompactionLagMs < .max, let timestamp = firstDirtyTimestamp(), timestamp >= 0 else { return false }
        return now - timestamp > config.maxCompactionLagMs
    }

    /// Runs of consecutive segments among the first `count` to rewrite as one, as Kafka groups them: at
    /// most `segmentBytes` together, and offsets within one segment's 32-bit relative range. Small
    /// segments left by earlier passes merge this way. `segments[count]` must exist (the next segment).
    static func groups(_ segments: [some SegmentMetrics], count: Int, segmentBytes: Int) -> [Range<Int>] {
        var groups: [Range<Int>] = []
        var first = 0
        while first < count {
            var next = first + 1
            var size = segments[first].size
            while next < count, size + segments[next].size <= segmentBytes,
                  segments[next + 1].baseOffset - segments[first].baseOffset < Int64(Int32.max) {
                size += segments[next].size
                next += 1
            }
            groups.append(first..<next)
            first = next
        }
        return groups
    }
}
