import NIOCore
import SamsaProtocol
import Synchronization

extension MemoryLog {
    public func dirtyRatio(now: Int64) -> Double {
        state.withLock { s in s.compactionPlan(now: now).dirtyRatio }
    }

    public func needsCompaction(now: Int64, upTo limit: Int64) -> Bool {
        state.withLock { s in
            let plan = s.compactionPlan(now: now, limit: limit)
            return plan.isDue(config: s.config, now: now, tombstoneHorizon: s.tombstoneHorizon) {
                plan.firstDirtyIndex < plan.cleanableCount ? s.segments[plan.firstDirtyIndex].batches.first?.header.maxTimestamp : nil
            }
        }
    }

    public func compact(now: Int64, upTo limit: Int64) throws -> CompactionResult {
        try cleanerLock.withLock { _ in
            let snapshot = state.withLock { s -> CompactionSnapshot<MemorySegment>? in
                guard s.config.cleanupPolicy.contains(.compact) else { return nil }
                let plan = s.compactionPlan(now: now, limit: limit)
                guard plan.cleanableCount > 0 else { return nil }
                return CompactionSnapshot(segments: Array(s.segments[0...plan.cleanableCount]), plan: plan, config: s.config,
                                          generation: s.generation,
                                          abortedTransactions: s.segments.flatMap(\.txnIndex.entries))
            }
            guard let snapshot else { return CompactionResult(cleanedUpTo: state.withLock { $0.firstDirtyOffset }) }
            let outcome = try CompactionPass.run(MemoryCompactionTarget(log: self), snapshot, now: now)
            state.withLock { s in
                if outcome.complete {
                    s.tombstoneHorizon = outcome.tombstoneHorizon
                } else if let horizon = outcome.tombstoneHorizon {
                    s.tombstoneHorizon = min(s.tombstoneHorizon ?? horizon, horizon)
                }
                if outcome.complete && s.generation == snapshot.generation {
                    s.firstDirtyOffset = max(s.firstDirtyOffset, outcome.result.cleanedUpTo)
                }
            }
            return outcome.result
        }
    }
}

extension MemoryLog.State {
    func compactionPlan(now: Int64, limit: Int64 = .max) -> CompactionPlan {
        CompactionPlan(segments: segments, firstDirtyOffset: firstDirtyOffset, config: config, now: now, limit: limit)
    }
}
