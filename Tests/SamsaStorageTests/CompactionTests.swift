import NIOCore
import SamsaProtocol
import Testing
@testable import SamsaStorage

/// Compaction semantics every PartitionLog shares, run against the disk and the memory implementations.
@Suite struct CompactionTests {
    @Test(arguments: LogKind.allCases) func latestValuePerKeySurvivesAtItsOriginalOffset(kind: LogKind) throws {
        let dir = TempDirectory()
        let log = try kind.make(dir, config: compactConfig())
        try appendAll(log, [[KV("k1", "a0"), KV("k2", "b0")], [KV("k1", "a1")], [KV("k3", "c0"), KV("k2", "b1")],
                            [KV("k1", "a2")], [KV("k2", "b2")]])
        let result = try log.compact(now: 10_000)
        // The active segment (k2=b2) is not in the key map, so k2=b1 stays until b2 is cleanable (as in Kafka).
        #expect(try keyValues(log) == ["3 k3=c0", "4 k2=b1", "5 k1=a2", "6 k2=b2"])
        #expect(result.recordsRemoved == 3)
        #expect(result.segmentsCleaned == 2)
        #expect(result.cleanedUpTo == 6)
        #expect(result.bytesAfter < result.bytesBefore)
        #expect(log.logStartOffset == 0 && log.logEndOffset == 7)

        _ = try log.append(keyedBatch([KV("k2", "b3")]), leaderEpoch: 0, now: 0)
        #expect(try log.compact(now: 10_000).recordsRemoved == 1)
        #expect(try keyValues(log) == ["3 k3=c0", "5 k1=a2", "6 k2=b2", "7 k2=b3"])
    }

    @Test(arguments: LogKind.allCases) func readsAtRemovedOffsetsReturnTheNextBatch(kind: LogKind) throws {
        let dir = TempDirectory()
        let log = try kind.make(dir, config: compactConfig())
        try appendAll(log, [[KV("a", "1"), KV("b", "1")], [KV("a", "2"), KV("c", "1"), KV("b", "2")], [KV("x", "1")],
                            [KV("a", "3")], [KV("tail", "1")]])
        _ = try log.compact(now: 10_000)
        // Offsets 0, 1 (whole first batch) and 2 (first record of the second) are gone; 3 and 4 remain in a
        // batch that still starts at 2.
        #expect(try baseOffsets(log.read(from: 0, maxBytes: 1, maxOffset: nil).records) == [2])
        #expect(try baseOffsets(log.read(from: 1, maxBytes: 1, maxOffset: nil).records) == [2])
        let batch = try RecordBatch.decodeAll(log.read(from: 2, maxBytes: 1, maxOffset: nil).records)[0]
        #expect(batch.records.map { batch.offset(of: $0) } == [3, 4])
        #expect(batch.header.lastOffset == 4)
        #expect(try baseOffsets(log.read(from: 5, maxBytes: 1, maxOffset: nil).records) == [5])
        #expect(try log.read(from: 0, maxBytes: 1 << 20, maxOffset: 2).records.readableBytes == 0)
        #expect(try keyValues(log) == ["3 c=1", "4 b=2", "5 x=1", "6 a=3", "7 tail=1"])
    }

    @Test(arguments: LogKind.allCases) func tombstonesStayForDeleteRetentionThenGo(kind: LogKind) throws {
        let dir = TempDirectory()
        var config = compactConfig()
        config.deleteRetentionMs = 1000
        let log = try kind.make(dir, config: config)
        try appendAll(log, [[KV("k", "v0")], [KV("k", nil, at: 1500)], [KV("j", "x")], [KV("z", "1")]])
        _ = try log.compact(now: 5000)
        #expect(try keyValues(log) == ["1 k=⊗", "2 j=x", "3 z=1"])
        #expect(try seen(log)[0].timestamp == 1500)
        #expect(!log.needsCompaction(now: 5999))
        #expect(try log.compact(now: 5999).recordsRemoved == 0)
        #expect(try keyValues(log) == ["1 k=⊗", "2 j=x", "3 z=1"])
        // The horizon is the first pass that kept the tombstone plus delete.retention.ms.
        #expect(log.needsCompaction(now: 6000))
        #expect(try log.compact(now: 6000).recordsRemoved == 1)
        #expect(try keyValues(log) == ["2 j=x", "3 z=1"])
        #expect(!log.needsCompaction(now: 7000))
    }

    @Test(arguments: LogKind.allCases) func theActiveSegmentIsNeverCleaned(kind: LogKind) throws {
        let dir = TempDirectory()
        let log = try kind.make(dir, config: compactConfig(segmentBytes: 1 << 20))
        try appendAll(log, [[KV("k", "1")], [KV("k", "2")], [KV("k", nil)]])
        #expect(log.segmentCount == 1)
        #expect(log.dirtyRatio(now: 10_000) == 0)
        #expect(!log.needsCompaction(now: 10_000))
        #expect(try log.compact(now: 10_000) == CompactionResult(cleanedUpTo: 0))
        #expect(try keyValues(log) == ["0 k=1", "1 k=2", "2 k=⊗"])
    }

    @Test(arguments: LogKind.allCases) func minCompactionLagProtectsYoungRecords(kind: LogKind) throws {
        let dir = TempDirectory()
        var config = compactConfig()
        config.minCompactionLagMs = 1000
        let log = try kind.make(dir, config: config)
        try appendAll(log, [[KV("k", "a", at: 1000)], [KV("k", "b", at: 5000)], [KV("k", "c", at: 9000)], [KV("x", "1", at: 9500)]])
        // At 6500 only records up to 5500 may be compacted: the segment holding c (9000) and later wait.
        _ = try log.compact(now: 6500)
        #expect(try keyValues(log) == ["1 k=b", "2 k=c", "3 x=1"])
        _ = try log.compact(now: 10_500)
        #expect(try keyValues(log) == ["2 k=c", "3 x=1"])
    }

    @Test(arguments: LogKind.allCases) func compactDeleteAppliesRetentionAndCompaction(kind: LogKind) throws {
        let dir = TempDirectory()
        var config = compactConfig(policy: [.compact, .delete])
        config.retentionMs = 5000
        let log = try kind.make(dir, config: config)
        try appendAll(log, [[KV("k", "a", at: 1000)], [KV("k", "b", at: 2000)], [KV("j", "x", at: 8000)], [KV("z", "1", at: 9000)]])
        #expect(try log.compact(now: 9000).recordsRemoved == 1)
        #expect(try keyValues(log) == ["1 k=b", "2 j=x", "3 z=1"])
        #expect(try log.applyRetention(now: 9000) == 2)
        #expect(log.logStartOffset == 2)
        #expect(try keyValues(log) == ["2 j=x", "3 z=1"])

        // Each policy alone does only its own part.
        let (dir2, dir3) = (TempDirectory(), TempDirectory())
        config.cleanupPolicy = .compact
        let onlyCompact = try kind.make(dir2, config: config)
        try appendAll(onlyCompact, [[KV("k", "a", at: 1000)], [KV("k", "b", at: 2000)], [KV("z", "1")]])
        #expect(try onlyCompact.applyRetention(now: 9000) == 0)
        config.cleanupPolicy = .delete
        let onlyDelete = try kind.make(dir3, config: config)
        try appendAll(onlyDelete, [[KV("k", "a", at: 8000)], [KV("k", "b", at: 8000)], [KV("z", "1")]])
        #expect(!onlyDelete.needsCompaction(now: 9000))
        #expect(try onlyDelete.compact(now: 9000).recordsRemoved == 0)
        #expect(try keyValues(onlyDelete) == ["0 k=a", "1 k=b", "2 z=1"])
    }

    @Test(arguments: LogKind.allCases) func keylessRecordsAreKept(kind: LogKind) throws {
        let dir = TempDirectory()
        let log = try kind.make(dir, config: compactConfig())
        try appendAll(log, [[KV(nil, "a"), KV("k", "1")], [KV(nil, "b"), KV("k", "2")], [KV(nil, "c")]])
        _ = try log.compact(now: 10_000)
        #expect(try keyValues(log) == ["0 ∅=a", "2 ∅=b", "3 k=2", "4 ∅=c"])
    }
}
