import Foundation
import NIOCore
import SamsaProtocol
import Synchronization

extension DiskLog {
    public func dirtyRatio(now: Int64) -> Double {
        state.withLock { s in s.compactionPlan(now: now).dirtyRatio }
    }

    public func needsCompaction(now: Int64, upTo limit: Int64) -> Bool {
        let (plan, config, horizon, firstDirty) = state.withLock { s in
            let plan = s.compactionPlan(now: now, limit: limit)
            let first = plan.firstDirtyIndex < plan.cleanableCount ? SegmentSnapshot(s.segments[plan.firstDirtyIndex]) : nil
            return (plan, s.config, s.tombstoneHorizon, first)
        }
        return plan.isDue(config: config, now: now, tombstoneHorizon: horizon) {
            firstDirty.flatMap { $0.segment.firstBatchMaxTimestamp(size: $0.size) }
        }
    }

    public func compact(now: Int64, upTo limit: Int64) throws -> CompactionResult {
        try cleanerLock.withLock { _ in
            let snapshot = state.withLock { s -> CompactionSnapshot<SegmentSnapshot>? in
                guard !s.closed, s.config.cleanupPolicy.contains(.compact) else { return nil }
                let plan = s.compactionPlan(now: now, limit: limit)
                guard plan.cleanableCount > 0 else { return nil }
                return CompactionSnapshot(segments: s.segments[0...plan.cleanableCount].map(SegmentSnapshot.init), plan: plan,
                                          config: s.config, generation: s.generation,
                                          abortedTransactions: s.segments.flatMap(\.txnIndex.entries))
            }
            guard let snapshot else { return CompactionResult(cleanedUpTo: state.withLock { $0.firstDirtyOffset }) }
            let target = DiskCompactionTarget(log: self, indexInterval: snapshot.config.indexIntervalBytes)
            let outcome = try CompactionPass.run(target, snapshot, now: now)
            try state.withLock { s in
                if outcome.complete {
                    s.tombstoneHorizon = outcome.tombstoneHorizon
                } else if let horizon = outcome.tombstoneHorizon {
                    s.tombstoneHorizon = min(s.tombstoneHorizon ?? horizon, horizon)
                }
                guard outcome.complete, !s.closed, s.generation == snapshot.generation,
                      outcome.result.cleanedUpTo > s.firstDirtyOffset else { return }
                s.firstDirtyOffset = outcome.result.cleanedUpTo
                try saveCleanerCheckpoint(s.firstDirtyOffset)
            }
            let result = outcome.result
            if result.segmentsCleaned > 0 {
                logger.info("""
                    Compacted \(result.segmentsCleaned) segment(s) of \(directory): \(result.recordsRemoved) record(s) removed, \
                    \(result.bytesBefore) → \(result.bytesAfter) bytes
                    """)
            }
            return result
        }
    }
}

extension DiskLog.State {
    func compactionPlan(now: Int64, limit: Int64 = .max) -> CompactionPlan {
        CompactionPlan(segments: segments, firstDirtyOffset: firstDirtyOffset, config: config, now: now, limit: limit)
    }
}
