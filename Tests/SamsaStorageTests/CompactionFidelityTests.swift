import NIOCore
import SamsaProtocol
import Synchronization
import Testing
@testable import SamsaStorage

/// What compaction must leave exactly as it was, and how it decides when to run, for both logs.
@Suite struct CompactionFidelityTests {
    @Test(arguments: LogKind.allCases) func survivorsAreByteForByteIntact(kind: LogKind) throws {
        let dir = TempDirectory()
        let log = try kind.make(dir, config: compactConfig())
        let binaryKey = ByteBuffer(bytes: [0, 255, 128, 7])
        var a = RecordBatchBuilder()
        a.producerId = 42
        a.producerEpoch = 3
        a.baseSequence = 0
        a.append(key: ByteBuffer(string: "user-1"), value: ByteBuffer(string: "old"), headers: [
            RecordHeader(key: "trace", value: ByteBuffer(string: "abc")), RecordHeader(key: "none", value: nil),
        ], timestamp: 1000)
        a.append(key: binaryKey, value: ByteBuffer(bytes: [9, 0, 9, 255]),
                 headers: [RecordHeader(key: "bin", value: ByteBuffer(bytes: [0, 1, 2, 255]))], timestamp: 1250)
        a.append(key: ByteBuffer(string: "user-2"), value: ByteBuffer(string: "keep me"), timestamp: 900)
        var b = RecordBatchBuilder()
        b.producerId = 42
        b.producerEpoch = 3
        b.baseSequence = 3
        b.append(key: ByteBuffer(string: "user-1"), value: ByteBuffer(string: "new"), timestamp: 2000)
        b.append(key: ByteBuffer(string: "gone"), value: nil, headers: [RecordHeader(key: "why", value: ByteBuffer(string: "deleted"))],
                 timestamp: 2100)
        for batch in [a.build(), b.build(), keyedBatch([KV("plain", "same", at: 3000)]), keyedBatch([KV("x", "y")])] {
            _ = try log.append(batch, leaderEpoch: 7, now: 0)
        }
        let before = try seen(log)
        let untouched = try log.read(from: 5, maxBytes: 1, maxOffset: nil).records

        _ = try log.compact(now: 10_000)
        #expect(try seen(log) == before.filter { $0.offset != 0 })
        let batches = try readAllBatches(log)
        #expect(batches.map(\.header.baseOffset) == [0, 3, 5, 6])
        let first = batches[0].header
        #expect(first.lastOffset == 2 && first.recordCount == 2)
        #expect(first.producerId == 42 && first.producerEpoch == 3 && first.baseSequence == 0)
        #expect(first.partitionLeaderEpoch == 7 && !first.hasDeleteHorizon)
        let second = batches[1].header
        #expect(second.recordCount == 2 && second.lastOffset == 4 && second.baseSequence == 3 && second.producerId == 42)
        #expect(second.hasDeleteHorizon && second.baseTimestamp == 10_000 + 86_400_000)
        #expect(second.maxTimestamp == 2100)
        #expect(try log.read(from: 5, maxBytes: 1, maxOffset: nil).records == untouched)
    }

    @Test(arguments: LogKind.allCases) func timestampLookupsSkipRemovedRecords(kind: LogKind) throws {
        let dir = TempDirectory()
        let log = try kind.make(dir, config: compactConfig())
        try appendAll(log, [[KV("k", "a", at: 100), KV("j", "x", at: 150), KV("k2", "y", at: 180)],
                            [KV("k", "b", at: 200), KV("k2", "z", at: 250)], [KV("q", "1", at: 300)]])
        #expect(try pair(log.offset(forTimestamp: 160)) == [2, 180])
        _ = try log.compact(now: 10_000)
        #expect(try keyValues(log) == ["1 j=x", "3 k=b", "4 k2=z", "5 q=1"])
        #expect(try pair(log.offset(forTimestamp: 100)) == [1, 150])
        #expect(try pair(log.offset(forTimestamp: 160)) == [3, 200])
        #expect(try pair(log.offset(forTimestamp: 251)) == [5, 300])
        #expect(try pair(log.offset(forTimestamp: 301)) == nil)
        #expect(try pair(log.maxTimestampAndOffset()) == [5, 300])
    }

    @Test(arguments: LogKind.allCases) func dirtyRatioAndLagsDecideWhenCompactionIsDue(kind: LogKind) throws {
        let dir = TempDirectory()
        var config = compactConfig()
        let log = try kind.make(dir, config: config)
        try appendAll(log, (0..<4).map { [KV("k\($0)", "v")] })
        #expect(log.dirtyRatio(now: 5000) == 1)
        #expect(log.needsCompaction(now: 5000))
        _ = try log.compact(now: 5000)
        #expect(log.dirtyRatio(now: 5000) == 0)
        #expect(!log.needsCompaction(now: 5000))
        // Two more equal segments become cleanable: 2 dirty out of 5.
        try appendAll(log, [[KV("k4", "v")], [KV("k5", "v")]])
        #expect(abs(log.dirtyRatio(now: 5000) - 0.4) < 1e-9)
        #expect(!log.needsCompaction(now: 5000))
        config.minCleanableDirtyRatio = 0.3
        log.config = config
        #expect(log.needsCompaction(now: 5000))
        // Below the ratio, dirty data older than max.compaction.lag.ms (first dirty batch at 1000) forces a pass.
        config.minCleanableDirtyRatio = 1
        config.maxCompactionLagMs = 1000
        log.config = config
        #expect(!log.needsCompaction(now: 2000))
        #expect(log.needsCompaction(now: 2001))
        config.cleanupPolicy = .delete
        log.config = config
        #expect(!log.needsCompaction(now: 5000))
    }

    @Test(arguments: LogKind.allCases) func smallCleanedSegmentsAreMerged(kind: LogKind) throws {
        let dir = TempDirectory()
        var config = compactConfig()
        let log = try kind.make(dir, config: config)
        try appendAll(log, [[KV("a", "1")], [KV("b", "1")], [KV("a", "2")], [KV("c", "1")], [KV("b", "2")], [KV("z", "1")]])
        #expect(log.segmentCount == 6)
        config.segmentBytes = 1 << 20
        log.config = config
        let result = try log.compact(now: 10_000)
        #expect(result.segmentsCleaned == 5)
        #expect(log.segmentCount == 2)
        #expect(try keyValues(log) == ["2 a=2", "3 c=1", "4 b=2", "5 z=1"])
        #expect(try baseOffsets(log.read(from: 0, maxBytes: 1 << 20, maxOffset: 5).records) == [2, 3, 4])
        #expect(try log.append(keyedBatch([KV("n", "1")]), leaderEpoch: 0, now: 0).firstOffset == 6)
    }

    @Test(arguments: LogKind.allCases) func compressedAndControlBatchesAreKeptWhole(kind: LogKind) throws {
        let dir = TempDirectory()
        let log = try kind.make(dir, config: compactConfig())
        var compressed = keyedBatch([KV("k", "old")])
        compressed.setInteger(Int16(CompressionCodec.gzip.rawValue), at: RecordBatchHeader.attributesOffset)
        compressed.setInteger(CRC32C.checksum(compressed, at: RecordBatchHeader.attributesOffset,
                                              length: compressed.readableBytes - RecordBatchHeader.attributesOffset),
                              at: RecordBatchHeader.crcOffset)
        var control = RecordBatchBuilder()
        control.isControl = true
        control.append(key: ByteBuffer(string: "k"), value: ByteBuffer(string: "marker"), timestamp: 1000)
        for batch in [keyedBatch([KV("k", "first")]), compressed, control.build(), keyedBatch([KV("k", "new")]), keyedBatch([KV("z", "1")])] {
            _ = try log.append(batch, leaderEpoch: 0, now: 0)
        }
        let before = try rawBatches(log)
        #expect(try log.compact(now: 10_000).recordsRemoved == 1)
        // Only the first plain batch went; the compressed and control batches, unreadable to the cleaner,
        // did not let it remove anything else and are stored as they were.
        #expect(try rawBatches(log) == Array(before.dropFirst()))
    }

    @Test(arguments: LogKind.allCases) func compactionRunsWhileAppendsAndReadsGoOn(kind: LogKind) async throws {
        let dir = TempDirectory()
        let log = try kind.make(dir, config: compactConfig(segmentBytes: 1500))
        let keys = 12, chunks = 12, chunkSize = 100
        let total = chunks * chunkSize
        let progress = Progress()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for chunk in 0..<chunks {
                    for i in chunk * chunkSize..<(chunk + 1) * chunkSize {
                        do { _ = try log.append(keyedBatch([KV("k\(i % keys)", "v\(i)")]), leaderEpoch: 0, now: 0) } catch { Issue.record(error) }
                    }
                    // Let the cleaner finish a pass over this chunk while the next one is appended.
                    let target = progress.passes.load(ordering: .acquiring) + 2
                    while progress.passes.load(ordering: .acquiring) < target { await Task.yield() }
                }
                progress.writing.store(false, ordering: .releasing)
            }
            group.addTask {
                while progress.writing.load(ordering: .acquiring) {
                    do {
                        if try log.compact(now: 10_000).recordsRemoved > 0 { progress.cleaningPasses.add(1, ordering: .relaxed) }
                    } catch { Issue.record(error) }
                    progress.passes.add(1, ordering: .releasing)
                    await Task.yield()
                }
            }
            for _ in 0..<2 {
                group.addTask {
                    while progress.writing.load(ordering: .acquiring) {
                        do {
                            // Every record a reader sees sits at its original offset, once, in a valid batch.
                            let records = try seen(log)
                            #expect(zip(records, records.dropFirst()).allSatisfy { $0.offset < $1.offset })
                            #expect(records.allSatisfy { String(buffer: $0.value!) == "v\($0.offset)" })
                        } catch { Issue.record(error) }
                        await Task.yield()
                    }
                }
            }
        }
        #expect(progress.cleaningPasses.load(ordering: .relaxed) >= chunks / 2)
        _ = try log.compact(now: 10_000)
        var latest: [String: String] = [:]
        for record in try seen(log) { latest[String(buffer: record.key!)] = String(buffer: record.value!) }
        #expect(latest == Dictionary(uniqueKeysWithValues: (total - keys..<total).map { ("k\($0 % keys)", "v\($0)") }))
        #expect(log.logEndOffset == Int64(total))
    }
}

/// Counters shared by the tasks of the concurrency test.
private final class Progress: Sendable {
    let passes = Atomic<Int>(0)
    let cleaningPasses = Atomic<Int>(0)
    let writing = Atomic<Bool>(true)
}
