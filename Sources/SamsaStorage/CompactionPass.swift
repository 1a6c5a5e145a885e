import NIOCore
import SamsaProtocol

/// Where a compaction pass reads batches and writes cleaned segments. DiskLog and MemoryLog adapt their
/// storage to it, so both run the very same pass.
protocol CompactionTarget {
    associatedtype Segment: SegmentMetrics
    associatedtype Output

    /// True once the log is closing: the pass stops at the next batch.
    var isAborted: Bool { get }
    /// Calls `body` with each whole batch of `segment`, in offset order.
    func forEachBatch(in segment: Segment, _ body: (ByteBuffer, RecordBatchHeader) throws -> Void) throws
    func makeOutput(baseOffset: Int64) throws -> Output
    func write(_ batch: ByteBuffer, header: RecordBatchHeader, to output: inout Output) throws
    /// Puts `output` in place of `group` unless the log changed since the snapshot (returns false). If it
    /// throws, nothing was replaced and the output is gone.
    func swap(_ output: inout Output, for group: ArraySlice<Segment>, generation: Int) throws -> Bool
    func discard(_ output: Output)
}

/// The segments a pass works on, taken under the log's lock.
struct CompactionSnapshot<Segment: SegmentMetrics> {
    /// `segments[0...plan.cleanableCount]`: the cleanable ones and the first one after them.
    var segments: [Segment]
    var plan: CompactionPlan
    var config: LogConfig
    /// The log's truncation count when the snapshot was taken: a swap after a truncation is refused.
    var generation: Int
    /// Every aborted transaction the log's index holds: their batches are removed.
    var abortedTransactions: [AbortedTransaction] = []
}

struct CompactionOutcome {
    var result: CompactionResult
    /// Every planned group was handled, so the cleaner checkpoint may move to `result.cleanedUpTo`.
    var complete: Bool
    /// The earliest delete horizon among tombstones the pass kept.
    var tombstoneHorizon: Int64?
}

/// One compaction pass, the same for every target: build the key map over the dirty section, then
/// rewrite the cleanable segments group by group, swapping each rewritten group in as soon as it is done.
enum CompactionPass {
    private struct Aborted: Error {}

    static func run<Target: CompactionTarget>(_ target: Target, _ snapshot: CompactionSnapshot<Target.Segment>,
                                              now: Int64) throws -> CompactionOutcome {
        let segments = snapshot.segments
        var cleaner = LogCleaner(now: now, deleteRetentionMs: snapshot.config.deleteRetentionMs)
        var transactions = CleanerTransactions(aborted: snapshot.abortedTransactions)
        guard let end = try buildMap(&cleaner, target, snapshot) else {
            return CompactionOutcome(result: CompactionResult(cleanedUpTo: segments[0].baseOffset), complete: false)
        }
        var outcome = CompactionOutcome(result: CompactionResult(cleanedUpTo: segments[end].baseOffset), complete: true)
        for group in CompactionPlan.groups(segments, count: end, segmentBytes: snapshot.config.segmentBytes) {
            var output = try target.makeOutput(baseOffset: segments[group.lowerBound].baseOffset)
            let cleaned: GroupOutcome
            do {
                cleaned = try clean(segments[group], with: cleaner, &transactions, target, into: &output)
            } catch {
                target.discard(output)
                if error is Aborted {
                    outcome.complete = false
                    break
                }
                throw error
            }
            if let horizon = cleaned.tombstoneHorizon {
                outcome.tombstoneHorizon = min(outcome.tombstoneHorizon ?? horizon, horizon)
            }
            guard cleaned.changed || group.count > 1 else {
                target.discard(output)
                continue
            }
            guard try target.swap(&output, for: segments[group], generation: snapshot.generation) else {
                target.discard(output)
                outcome.complete = false
                break
            }
            outcome.result.segmentsCleaned += group.count
            outcome.result.recordsRemoved += cleaned.recordsRemoved
            outcome.result.bytesBefore += Int64(segments[group].reduce(0) { $0 + $1.size })
            outcome.result.bytesAfter += cleaned.bytesAfter
        }
        return outcome
    }

    /// Indexes the dirty segments; returns how many segments the pass may clean (fewer than planned when
    /// the map filled up), or nil if the log is closing.
    private static func buildMap<Target: CompactionTarget>(_ cleaner: inout LogCleaner, _ target: Target,
                                                           _ snapshot: CompactionSnapshot<Target.Segment>) throws -> Int? {
        let plan = snapshot.plan
        do {
            for index in plan.firstDirtyIndex..<plan.cleanableCount {
                if index > plan.firstDirtyIndex && cleaner.isFull { return index }
                let transactions = CleanerTransactions(aborted: snapshot.abortedTransactions)
                try target.forEachBatch(in: snapshot.segments[index]) { batch, header in
                    if target.isAborted { throw Aborted() }
                    if !transactions.isAborted(header) { cleaner.index(batch, header: header) }
                }
            }
        } catch is Aborted {
            return nil
        }
        return plan.cleanableCount
    }

    private struct GroupOutcome {
        var changed = false
        var recordsRemoved = 0
        var bytesAfter: Int64 = 0
        var tombstoneHorizon: Int64?
    }

    /// Writes the cleaned batches of `group` to `output`.
    private static func clean<Target: CompactionTarget>(_ group: ArraySlice<Target.Segment>, with cleaner: LogCleaner,
                                                        _ transactions: inout CleanerTransactions, _ target: Target,
                                                        into output: inout Target.Output) throws -> GroupOutcome {
        var outcome = GroupOutcome()
        for segment in group {
            try target.forEachBatch(in: segment) { batch, header in
                if target.isAborted { throw Aborted() }
                let filtered: LogCleaner.Filtered
                if header.isControl {
                    let discardable = transactions.canDiscard(control: header, marker: ControlRecord(batch: batch))
                    filtered = cleaner.cleanMarker(batch, header: header, discardable: discardable)
                } else if transactions.isAborted(header) {
                    transactions.met(header)
                    filtered = LogCleaner.Filtered(outcome: .removed, recordsRemoved: Int(header.recordCount))
                } else {
                    transactions.met(header)
                    filtered = cleaner.clean(batch, header: header)
                }
                outcome.recordsRemoved += filtered.recordsRemoved
                if let horizon = filtered.tombstoneHorizon {
                    outcome.tombstoneHorizon = min(outcome.tombstoneHorizon ?? horizon, horizon)
                }
                switch filtered.outcome {
                case .unchanged:
                    try target.write(batch, header: header, to: &output)
                    outcome.bytesAfter += Int64(batch.readableBytes)
                case .removed:
                    outcome.changed = true
                case .rewritten(let bytes, let newHeader):
                    outcome.changed = true
                    try target.write(bytes, header: newHeader, to: &output)
                    outcome.bytesAfter += Int64(bytes.readableBytes)
                }
            }
        }
        return outcome
    }
}
