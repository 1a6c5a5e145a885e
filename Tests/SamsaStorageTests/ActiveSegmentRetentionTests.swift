import Foundation
import NIOCore
import SamsaProtocol
import Testing
@testable import SamsaStorage

/// Retention reaching the active segment, as Kafka's deleteOldSegments: a non-empty active segment that
/// breaches retention goes too (an empty one is rolled at the log end first), never past the high watermark.
@Suite struct ActiveSegmentRetentionTests {
    func config(retentionMs: Int64 = -1, retentionBytes: Int64 = -1, segmentBytes: Int = 1 << 30) -> LogConfig {
        var config = LogConfig()
        config.retentionMs = retentionMs
        config.retentionBytes = retentionBytes
        config.segmentBytes = segmentBytes
        return config
    }

    func logFiles(_ dir: TempDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.sub("t-0")).filter { $0.hasSuffix(".log") }.sorted()
    }

    @Test(arguments: LogKind.allCases) func singleSegmentOlderThanRetentionMsMovesTheLogStartToTheLogEnd(kind: LogKind) throws {
        let dir = TempDirectory()
        let log = try kind.make(dir, config: config(retentionMs: 1000))
        for i in 0..<3 {
            _ = try log.append(makeBatch("old\(i)", timestamps: [1000 + Int64(i)], producerId: 7, sequence: Int32(i)), leaderEpoch: 4, now: 1000)
        }
        try log.appendAbortedTransaction(AbortedTransaction(producerId: 7, firstOffset: 0, lastOffset: 2, lastStableOffset: 0))
        #expect(log.segmentCount == 1)
        // Nothing is old yet at 2000: the newest record (1002) is 998 ms old.
        #expect(try log.applyRetention(now: 2000) == 0)
        #expect(log.logStartOffset == 0)

        #expect(try log.applyRetention(now: 10_000) == 1)
        #expect(log.logStartOffset == 3 && log.logEndOffset == 3)
        #expect(log.segmentCount == 1 && log.sizeInBytes == 0)
        #expect(throws: StorageError.self) { try log.read(from: 0, maxBytes: 1 << 20, maxOffset: nil) }
        #expect(try log.read(from: 3, maxBytes: 1 << 20, maxOffset: nil).records.readableBytes == 0)
        // The epoch covering the new log start begins there (Kafka's truncateFromStart); the deleted segment's
        // transaction index and producer batches went with it.
        #expect(log.epochEntries == [EpochEntry(epoch: 4, startOffset: 3)])
        #expect(log.abortedTransactions(from: 3, upTo: .max).isEmpty)
        var producerBatches = 0
        try log.scanProducerBatches { _, _ in producerBatches += 1 }
        #expect(producerBatches == 0)
        if kind == .disk { #expect(try logFiles(dir) == ["00000000000000000003.log"]) }

        // The log stays writable at the same offsets, in the same epoch.
        let appended = try log.append(makeBatch("new", timestamps: [10_000]), leaderEpoch: 4, now: 10_000)
        #expect(appended.firstOffset == 3)
        #expect(try values(log.read(from: 3, maxBytes: 1 << 20, maxOffset: nil).records) == ["new-0"])
        #expect(log.endOffset(forEpoch: 4) == (4, 4))
        #expect(try log.offset(forTimestamp: 0)?.offset == 3)
        if kind == .disk {
            try log.close()
            let reopened = try DiskLog.open(directory: dir.sub("t-0"), config: config(retentionMs: 1000))
            #expect(reopened.logStartOffset == 3 && reopened.logEndOffset == 4)
            #expect(reopened.epochEntries == [EpochEntry(epoch: 4, startOffset: 3)])
        }
    }

    @Test(arguments: LogKind.allCases) func retentionBytesZeroEmptiesTheActiveSegment(kind: LogKind) throws {
        let dir = TempDirectory()
        // Kafka deletes by size only while what is left stays at or above retention.bytes: a limit smaller
        // than the active segment but above zero keeps it (what is left would be below the limit).
        let log = try kind.make(dir, config: config(retentionBytes: 10))
        for i in 0..<2 { _ = try log.append(makeBatch("big\(i)", count: 3), leaderEpoch: 0, now: 0) }
        #expect(log.logEndOffset == 6 && log.segmentCount == 1)
        #expect(try log.applyRetention(now: 0) == 0)
        #expect(log.logStartOffset == 0)

        log.config = config(retentionBytes: 0)
        #expect(try log.applyRetention(now: 0) == 1)
        #expect(log.logStartOffset == 6 && log.logEndOffset == 6 && log.sizeInBytes == 0)
        #expect(try log.append(makeBatch("next"), leaderEpoch: 0, now: 0).firstOffset == 6)
        #expect(log.logStartOffset == 6 && log.logEndOffset == 7)
    }

    @Test(arguments: LogKind.allCases) func anEmptyActiveSegmentIsNeverRolledAgain(kind: LogKind) throws {
        let dir = TempDirectory()
        // retention.ms 0 and retention.bytes 0: everything with records breaches both.
        var strict = config(retentionMs: 0, retentionBytes: 0)
        let fresh = try kind.make(dir, config: strict)
        for _ in 0..<3 { #expect(try fresh.applyRetention(now: 50_000) == 0) }
        #expect(fresh.segmentCount == 1 && fresh.logStartOffset == 0 && fresh.logEndOffset == 0)

        let dir2 = TempDirectory()
        strict.segmentBytes = makeBatch("x").readableBytes
        let log = try kind.make(dir2, config: strict)
        for i in 0..<3 { _ = try log.append(makeBatch("x\(i)", timestamps: [100]), leaderEpoch: 0, now: 100) }
        #expect(log.segmentCount == 3)
        #expect(try log.applyRetention(now: 50_000) == 3)
        for _ in 0..<3 { #expect(try log.applyRetention(now: 60_000) == 0) }
        #expect(log.segmentCount == 1 && log.logStartOffset == 3 && log.logEndOffset == 3)
        if kind == .disk { #expect(try logFiles(dir2) == ["00000000000000000003.log"]) }
    }

    @Test(arguments: LogKind.allCases) func segmentsAboveTheHighWatermarkAreKept(kind: LogKind) throws {
        let dir = TempDirectory()
        let batch = makeBatch("h", count: 2, timestamps: [100, 100])
        let log = try kind.make(dir, config: config(retentionMs: 1000, segmentBytes: batch.readableBytes))
        for _ in 0..<3 { _ = try log.append(batch, leaderEpoch: 0, now: 100) }
        // Segments [0, 2), [2, 4) and the active [4, 6), all expired.
        #expect(log.segmentCount == 3)
        // High watermark inside the first segment: it still holds an uncommitted offset, so nothing goes.
        #expect(try log.applyRetention(now: 50_000, highWatermark: 1) == 0)
        #expect(log.logStartOffset == 0)
        #expect(try log.applyRetention(now: 50_000, highWatermark: 3) == 1)
        #expect(log.logStartOffset == 2)
        // Up to the active segment's base but not its end: the active one stays.
        #expect(try log.applyRetention(now: 50_000, highWatermark: 5) == 1)
        #expect(log.logStartOffset == 4 && log.segmentCount == 1)
        #expect(try log.applyRetention(now: 50_000, highWatermark: 6) == 1)
        #expect(log.logStartOffset == 6 && log.logEndOffset == 6)

        // retention.bytes honours it the same way.
        let dir2 = TempDirectory()
        let sized = try kind.make(dir2, config: config(retentionBytes: 0))
        _ = try sized.append(batch, leaderEpoch: 0, now: 100)
        #expect(try sized.applyRetention(now: 100, highWatermark: 1) == 0)
        #expect(sized.logStartOffset == 0 && sized.sizeInBytes == Int64(batch.readableBytes))
        #expect(try sized.applyRetention(now: 100, highWatermark: 2) == 1)
        #expect(sized.logStartOffset == 2)
    }

    @Test func segmentsACrashLeftBelowTheLogStartGoWhateverThePolicy() throws {
        let dir = TempDirectory()
        let batch = makeBatch("c")
        var compactOnly = config(segmentBytes: batch.readableBytes)
        compactOnly.cleanupPolicy = .compact
        let log = try DiskLog.open(directory: dir.sub("t-0"), config: compactOnly)
        for _ in 0..<3 { _ = try log.append(batch, leaderEpoch: 0, now: 0) }
        #expect(try log.applyRetention(now: 50_000) == 0, "no retention under compact alone")
        // A crash after the log start was saved but before the segments below it were deleted.
        try log.close()
        try Data("2\n".utf8).write(to: URL(fileURLWithPath: dir.sub("t-0/\(DiskLog.logStartFile)")))
        let reopened = try DiskLog.open(directory: dir.sub("t-0"), config: compactOnly)
        #expect(reopened.logStartOffset == 2 && reopened.segmentCount == 3)
        #expect(try reopened.applyRetention(now: 0) == 2)
        #expect(reopened.segmentCount == 1 && reopened.logStartOffset == 2)
        #expect(try logFiles(dir) == ["00000000000000000002.log"])
    }
}

@Suite struct RetentionRuleTests {
    struct Segment: SegmentMetrics {
        var baseOffset: Int64
        var size: Int
        var maxTimestamp: Int64
    }

    @Test func retentionBytesGoesBeforeRetentionMsAndNeverAnEmptyActiveSegment() {
        var config = LogConfig()
        config.retentionMs = 1000
        config.retentionBytes = 80
        let segments = [Segment(baseOffset: 0, size: 80, maxTimestamp: 9000), Segment(baseOffset: 10, size: 80, maxTimestamp: 100),
                        Segment(baseOffset: 20, size: 0, maxTimestamp: -1)]
        // Size first drops the young front segment (160 > 80), then time drops the old one after it; the
        // empty active segment stays.
        #expect(config.deletableSegmentCount(segments, logStartOffset: 0, logEndOffset: 20, highWatermark: 20, now: 9500) == 2)
        // A log start already past the first segment removes it whatever retention says.
        config.retentionMs = -1
        config.retentionBytes = -1
        #expect(config.deletableSegmentCount(segments, logStartOffset: 12, logEndOffset: 20, highWatermark: 20, now: 0) == 1)
        #expect(config.deletableSegmentCount(segments, logStartOffset: 12, logEndOffset: 20, highWatermark: 9, now: 0) == 0)
    }
}
