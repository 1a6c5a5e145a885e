import Foundation
import NIOCore
import SamsaProtocol
import Testing
@testable import SamsaStorage

/// Compaction on disk: cleaned segments survive a restart, and a crash at any point of a swap loses and
/// duplicates nothing.
@Suite struct CompactionRecoveryTests {
    static let data: [[KV]] = [[KV("a", "1"), KV("b", "1")], [KV("a", "2")], [KV("c", "1"), KV("b", "2")], [KV("d", "1")],
                               [KV("a", "3")], [KV("z", "1")]]
    static let before = ["0 a=1", "1 b=1", "2 a=2", "3 c=1", "4 b=2", "5 d=1", "6 a=3", "7 z=1"]
    static let after = ["3 c=1", "4 b=2", "5 d=1", "6 a=3", "7 z=1"]

    /// A log whose first segment holds three batches (so its index has entries) and each later batch its
    /// own segment; compaction merges the non-active ones into one, so a swap replaces several files.
    static func fill(_ log: PartitionLog, _ config: LogConfig) throws {
        var config = config
        config.segmentBytes = 1 << 20
        log.config = config
        try appendAll(log, Array(data.prefix(3)))
        config.segmentBytes = 1
        log.config = config
        try appendAll(log, Array(data.dropFirst(3)))
        config.segmentBytes = 1 << 20
        log.config = config
    }

    func prepare(_ dir: TempDirectory) throws -> (DiskLog, LogConfig) {
        var config = compactConfig(segmentBytes: 1 << 20)
        config.indexIntervalBytes = 1
        let log = try DiskLog.open(directory: dir.sub("t-0"), config: config)
        try Self.fill(log, config)
        #expect(log.segmentCount == 4)
        #expect(try keyValues(log) == Self.before)
        return (log, config)
    }

    func files(_ dir: TempDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.sub("t-0")).sorted()
    }

    func segmentFiles(_ dir: TempDirectory) throws -> [String] {
        try files(dir).filter { !$0.hasSuffix("-checkpoint") && !$0.hasSuffix("-offset") && !$0.hasPrefix(".") }
    }

    @Test func memoryAndDiskLogsCompactAlike() throws {
        let dir = TempDirectory()
        let (disk, config) = try prepare(dir)
        let memory = MemoryLog(config: config)
        try Self.fill(memory, config)
        #expect(try disk.compact(now: 10_000) == memory.compact(now: 10_000))
        #expect(try seen(disk) == seen(memory))
        #expect(try keyValues(disk) == Self.after)
    }

    @Test func reopeningAfterCompactionKeepsTheCleanedLog() throws {
        let dir = TempDirectory()
        let (log, config) = try prepare(dir)
        _ = try log.compact(now: 10_000)
        #expect(try segmentFiles(dir) == ["00000000000000000000.index", "00000000000000000000.log", "00000000000000000000.timeindex",
                                          "00000000000000000007.index", "00000000000000000007.log", "00000000000000000007.timeindex"])
        #expect(try values(log.read(from: 5, maxBytes: 1, maxOffset: nil).records) == ["1"])
        // The cleaned segment was indexed as it was written (one entry per batch after the first).
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.sub("t-0/00000000000000000000.index"))).count == 8 * 2)
        let crashed = try DiskLog.open(directory: dir.sub("t-0"), config: config)
        #expect(try keyValues(crashed) == Self.after)
        try log.close()
        let reopened = try DiskLog.open(directory: dir.sub("t-0"), config: config)
        #expect(try keyValues(reopened) == Self.after)
        #expect(try values(reopened.read(from: 5, maxBytes: 1, maxOffset: nil).records) == ["1"])
        #expect(reopened.logStartOffset == 0 && reopened.logEndOffset == 8)
        // The cleaner checkpoint survived: nothing is dirty.
        #expect(reopened.dirtyRatio(now: 10_000) == 0)
        #expect(try reopened.compact(now: 10_000).segmentsCleaned == 0)
    }

    @Test(arguments: [SegmentSwap.Step.oldSetAside, .committed, .oldRemoved])
    func aCrashMidSwapLosesAndDuplicatesNothing(step: SegmentSwap.Step) throws {
        let dir = TempDirectory()
        let (log, config) = try prepare(dir)
        log.state.withLock { $0.swapStop = step }
        #expect(throws: SegmentSwap.SimulatedCrash.self) { try log.compact(now: 10_000) }
        let leftovers = try files(dir)
        let replaced = leftovers.filter { $0.hasSuffix(".log.replaced") }.count
        switch step {
        case .oldSetAside:
            #expect(leftovers.contains("00000000000000000000.log.cleaned") && replaced == 3)
        case .committed:
            #expect(leftovers.contains("00000000000000000000.log.swap") && replaced == 3)
        case .oldRemoved:
            #expect(leftovers.contains("00000000000000000000.log.swap") && replaced == 0)
            #expect(leftovers.contains("00000000000000000000.index.cleaned"))
        }
        if step == .committed {
            // As if the crash came while removing the old files: the first old log is gone, its stale
            // index (which shares the cleaned segment's name) is not.
            try FileManager.default.removeItem(atPath: dir.sub("t-0/00000000000000000000.log.replaced"))
        }
        // As after kill -9: the old instance is abandoned and the directory opened again.
        let recovered = try DiskLog.open(directory: dir.sub("t-0"), config: config)
        #expect(try keyValues(recovered) == (step == .oldSetAside ? Self.before : Self.after))
        #expect(try values(recovered.read(from: 5, maxBytes: 1, maxOffset: nil).records) == ["1"])
        #expect(recovered.segmentCount == (step == .oldSetAside ? 4 : 2))
        #expect(try files(dir).allSatisfy { !$0.hasSuffix(".cleaned") && !$0.hasSuffix(".swap") && !$0.hasSuffix(".replaced") })
        _ = try recovered.compact(now: 10_000)
        #expect(try keyValues(recovered) == Self.after)
        #expect(try recovered.append(keyedBatch([KV("n", "1")]), leaderEpoch: 0, now: 0).firstOffset == 8)
        try recovered.close()
        #expect(try keyValues(DiskLog.open(directory: dir.sub("t-0"), config: config)) == Self.after + ["8 n=1"])
    }

    @Test func leftoverTemporaryFilesAreDiscarded() throws {
        let dir = TempDirectory()
        let (log, config) = try prepare(dir)
        try log.close()
        for name in ["00000000000000000000.log.cleaned", "00000000000000000000.index.cleaned", "00000000000000000002.index.swap"] {
            try Data([1, 2, 3]).write(to: URL(fileURLWithPath: dir.sub("t-0/\(name)")))
        }
        let reopened = try DiskLog.open(directory: dir.sub("t-0"), config: config)
        #expect(try keyValues(reopened) == Self.before)
        #expect(try files(dir).allSatisfy { !$0.hasSuffix(".cleaned") && !$0.hasSuffix(".swap") })
    }

    @Test func aPassDoesNotSwapAfterATruncation() throws {
        let dir = TempDirectory()
        let (log, _) = try prepare(dir)
        // A snapshot taken before a truncation (an older generation) must not replace anything.
        let snapshot = log.state.withLock { s in
            let plan = s.compactionPlan(now: 10_000)
            return CompactionSnapshot(segments: s.segments[0...plan.cleanableCount].map(SegmentSnapshot.init), plan: plan,
                                      config: s.config, generation: s.generation - 1)
        }
        let outcome = try CompactionPass.run(DiskCompactionTarget(log: log, indexInterval: 1), snapshot, now: 10_000)
        #expect(!outcome.complete && outcome.result.segmentsCleaned == 0)
        #expect(try keyValues(log) == Self.before)
        #expect(try files(dir).allSatisfy { !$0.hasSuffix(".cleaned") })
    }

    @Test func closingStopsAPassWithoutLeavingFiles() throws {
        let dir = TempDirectory()
        let (log, _) = try prepare(dir)
        log.cleanerAbort.store(true, ordering: .relaxed)
        #expect(try log.compact(now: 10_000).segmentsCleaned == 0)
        #expect(try keyValues(log) == Self.before)
        #expect(try files(dir).allSatisfy { !$0.hasSuffix(".cleaned") })
    }

    @Test func compactionSpeedSanity() throws {
        let dir = TempDirectory()
        let config = compactConfig(segmentBytes: 1 << 20)
        let log = try DiskLog.open(directory: dir.sub("t-0"), config: config)
        let keys = 1000, perBatch = 100, batches = 1000
        for b in 0..<batches {
            _ = try log.append(keyedBatch((0..<perBatch).map { KV("key-\((b * perBatch + $0) % keys)", "value-\(b)-\($0)") }),
                               leaderEpoch: 0, now: 0)
        }
        // Past segment.ms, so the tail starts a new active segment and every keyed batch is cleanable.
        _ = try log.append(keyedBatch([KV("tail", "1")]), leaderEpoch: 0, now: config.segmentMs + 1)
        let size = log.sizeInBytes
        let start = ContinuousClock.now
        let result = try log.compact(now: 10_000)
        let elapsed = ContinuousClock.now - start
        print("Compaction sanity: \(batches * perBatch) records, \(size) bytes in \(result.segmentsCleaned) segments → "
              + "\(result.bytesAfter) bytes, \(result.recordsRemoved) removed, in \(elapsed) (not asserted)")
        #expect(result.recordsRemoved == batches * perBatch - keys)
        #expect(try seen(log).count == keys + 1)
    }
}
