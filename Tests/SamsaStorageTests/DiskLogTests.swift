import Foundation
import NIOCore
import SamsaProtocol
import Testing
@testable import SamsaStorage

@Suite struct DiskLogTests {
    func files(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    @Test func rollsBySizeWithKafkaFileNames() throws {
        let dir = TempDirectory()
        let batch = makeBatch("payload", count: 2)
        var config = LogConfig()
        config.segmentBytes = batch.readableBytes * 3
        let log = try DiskLog.open(directory: dir.sub("t-0"), config: config)
        for _ in 0..<7 { _ = try log.append(batch, leaderEpoch: 0, now: 0) }
        #expect(log.segmentCount == 3)
        let names = try files(dir.sub("t-0")).filter { $0.hasSuffix(".log") }
        #expect(names == ["00000000000000000000.log", "00000000000000000006.log", "00000000000000000012.log"])
        #expect(try values(log.read(from: 6, maxBytes: 1 << 20, maxOffset: nil).records).first == "payload-0")
        // Reads cross into later segments once one is exhausted.
        var offset: Int64 = 0
        var total = 0
        while offset < log.logEndOffset {
            let read = try log.read(from: offset, maxBytes: 1 << 20, maxOffset: nil)
            let batches = try RecordBatch.decodeAll(read.records)
            total += batches.reduce(0) { $0 + $1.records.count }
            offset = batches.last!.header.nextOffset
        }
        #expect(total == 14)
    }

    @Test func rollsByAge() throws {
        let dir = TempDirectory()
        var config = LogConfig()
        config.segmentMs = 1000
        let log = try DiskLog.open(directory: dir.sub("t-0"), config: config)
        _ = try log.append(makeBatch("old", timestamps: [10_000]), leaderEpoch: 0, now: 10_000)
        _ = try log.append(makeBatch("young", timestamps: [10_500]), leaderEpoch: 0, now: 10_500)
        #expect(log.segmentCount == 1)
        _ = try log.append(makeBatch("late", timestamps: [12_000]), leaderEpoch: 0, now: 12_000)
        #expect(log.segmentCount == 2)
    }

    @Test func retentionByTimeAndBytesDeletesWholeSegments() throws {
        let dir = TempDirectory()
        let batch = makeBatch("r", timestamps: [1000])
        var config = LogConfig()
        config.segmentBytes = batch.readableBytes
        config.retentionMs = 5000
        let log = try DiskLog.open(directory: dir.sub("t-0"), config: config)
        for i in 0..<4 { _ = try log.append(makeBatch("r\(i)", timestamps: [1000 + Int64(i) * 1000]), leaderEpoch: 0, now: 0) }
        #expect(log.segmentCount == 4)
        // Segments with newest record older than now - 5000 go, never the active one.
        #expect(try log.applyRetention(now: 7500) == 2)
        #expect(log.logStartOffset == 2)
        #expect(throws: StorageError.self) { try log.read(from: 1, maxBytes: 100, maxOffset: nil) }
        config.retentionMs = -1
        config.retentionBytes = Int64(batch.readableBytes)
        log.config = config
        #expect(try log.applyRetention(now: 7500) == 1)
        #expect(log.logStartOffset == 3)
        #expect(log.segmentCount == 1)
        // The log start survives a restart.
        try log.close()
        let reopened = try DiskLog.open(directory: dir.sub("t-0"), config: config)
        #expect(reopened.logStartOffset == 3 && reopened.logEndOffset == 4)
    }

    @Test func reopenAfterCleanCloseKeepsEverything() throws {
        let dir = TempDirectory()
        var config = LogConfig()
        config.indexIntervalBytes = 100
        let log = try DiskLog.open(directory: dir.sub("t-0"), config: config)
        for i in 0..<50 { _ = try log.append(makeBatch("v\(i)", count: 2, timestamps: [Int64(i) * 10, Int64(i) * 10 + 5]), leaderEpoch: 1, now: 0) }
        try log.close()
        #expect(FileManager.default.fileExists(atPath: dir.sub("t-0/.clean-shutdown")))
        let reopened = try DiskLog.open(directory: dir.sub("t-0"), config: config)
        #expect(reopened.logEndOffset == 100)
        #expect(try values(reopened.read(from: 61, maxBytes: 1 << 20, maxOffset: 62).records) == ["v30-0", "v30-1"])
        #expect(try reopened.offset(forTimestamp: 255)! == (51, 255))
        #expect(reopened.epochEntries == [EpochEntry(epoch: 1, startOffset: 0)])
        #expect(try reopened.append(makeBatch("next"), leaderEpoch: 1, now: 0).firstOffset == 100)
    }

    func writeThenCrash(_ dir: TempDirectory, batches: Int) throws -> (config: LogConfig, size: Int) {
        var config = LogConfig()
        config.indexIntervalBytes = 64
        let log = try DiskLog.open(directory: dir.sub("t-0"), config: config)
        for i in 0..<batches { _ = try log.append(makeBatch("c\(i)", count: 2), leaderEpoch: 0, now: 0) }
        // No close(): as after kill -9 the indexes are not written and no clean marker exists.
        let size = Int(log.sizeInBytes)
        return (config, size)
    }

    @Test func recoveryTruncatesATornTail() throws {
        let dir = TempDirectory()
        let (config, size) = try writeThenCrash(dir, batches: 10)
        let path = dir.sub("t-0/00000000000000000000.log")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(size - 7))
        try handle.close()
        let log = try DiskLog.open(directory: dir.sub("t-0"), config: config)
        #expect(log.logEndOffset == 18)
        #expect(try values(log.read(from: 0, maxBytes: 1 << 20, maxOffset: nil).records).count == 18)
        #expect(try log.append(makeBatch("after"), leaderEpoch: 0, now: 0).firstOffset == 18)
    }

    @Test func recoveryTruncatesACorruptTail() throws {
        let dir = TempDirectory()
        let (config, size) = try writeThenCrash(dir, batches: 10)
        let path = dir.sub("t-0/00000000000000000000.log")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[size - 3] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path))
        let log = try DiskLog.open(directory: dir.sub("t-0"), config: config)
        #expect(log.logEndOffset == 18)
        let read = try log.read(from: 0, maxBytes: 1 << 20, maxOffset: nil).records
        _ = try RecordBatchHeader.validateAll(read)
    }

    @Test func missingOrDamagedIndexesAreRebuilt() throws {
        let dir = TempDirectory()
        var config = LogConfig()
        config.indexIntervalBytes = 64
        let log = try DiskLog.open(directory: dir.sub("t-0"), config: config)
        for i in 0..<40 { _ = try log.append(makeBatch("i\(i)", timestamps: [Int64(i) * 100]), leaderEpoch: 0, now: 0) }
        try log.close()
        let index = dir.sub("t-0/00000000000000000000.index")
        let originalIndex = try Data(contentsOf: URL(fileURLWithPath: index))
        #expect(originalIndex.count > 8)
        try FileManager.default.removeItem(atPath: index)
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: dir.sub("t-0/00000000000000000000.timeindex")))
        let reopened = try DiskLog.open(directory: dir.sub("t-0"), config: config)
        #expect(try values(reopened.read(from: 33, maxBytes: 10, maxOffset: nil).records) == ["i33-0"])
        #expect(try reopened.offset(forTimestamp: 1250)! == (13, 1300))
        try reopened.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == originalIndex)
    }

    @Test func truncateAcrossSegments() throws {
        let dir = TempDirectory()
        let batch = makeBatch("t", count: 2)
        var config = LogConfig()
        config.segmentBytes = batch.readableBytes * 2
        let log = try DiskLog.open(directory: dir.sub("t-0"), config: config)
        for _ in 0..<6 { _ = try log.append(batch, leaderEpoch: 0, now: 0) }
        #expect(log.segmentCount == 3)
        try log.truncate(to: 5)
        #expect(log.logEndOffset == 4)
        #expect(log.segmentCount == 2)
        #expect(try baseOffsets(log.read(from: 0, maxBytes: 1 << 20, maxOffset: nil).records) == [0, 2])
        #expect(try log.append(batch, leaderEpoch: 1, now: 0).firstOffset == 4)
        try log.close()
        #expect(try DiskLog.open(directory: dir.sub("t-0"), config: config).logEndOffset == 6)
    }

    @Test func everyAppendPolicyStillWorks() throws {
        let dir = TempDirectory()
        var config = LogConfig()
        config.flushPolicy = .everyAppend
        let log = try DiskLog.open(directory: dir.sub("t-0"), config: config)
        for i in 0..<20 { _ = try log.append(makeBatch("f\(i)"), leaderEpoch: 0, now: 0) }
        #expect(log.logEndOffset == 20)
    }

    @Test func strayFilesAreIgnoredOrRemoved() throws {
        let dir = TempDirectory()
        try FileManager.default.createDirectory(atPath: dir.sub("t-0"), withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: dir.sub("t-0/00000000000000000000.log.deleted")))
        try Data([1, 2]).write(to: URL(fileURLWithPath: dir.sub("t-0/notes.log")))
        let log = try DiskLog.open(directory: dir.sub("t-0"), config: LogConfig())
        #expect(log.logEndOffset == 0)
        #expect(!FileManager.default.fileExists(atPath: dir.sub("t-0/00000000000000000000.log.deleted")))
    }

    @Test func throughputSanity() throws {
        let dir = TempDirectory()
        let log = try DiskLog.open(directory: dir.sub("t-0"), config: LogConfig())
        var builder = RecordBatchBuilder()
        builder.append(key: nil, value: ByteBuffer(repeating: 7, count: 1000), timestamp: 0)
        let batch = builder.build()
        let start = ContinuousClock.now
        for _ in 0..<20_000 { _ = try log.append(batch, leaderEpoch: 0, now: 0) }
        let appended = ContinuousClock.now
        var offset: Int64 = 0
        while offset < log.logEndOffset {
            let read = try log.read(from: offset, maxBytes: 1 << 20, maxOffset: nil).records
            var index = read.readerIndex
            while let header = RecordBatchHeader(buffer: read, at: index) {
                index += header.totalSize
                offset = header.nextOffset
            }
        }
        let done = ContinuousClock.now
        let megabytes = Double(20_000 * batch.readableBytes) / 1e6
        func rate(_ d: Duration) -> Int { Int(megabytes / (Double(d.components.attoseconds) / 1e18 + Double(d.components.seconds))) }
        print("DiskLog sanity: append \(rate(appended - start)) MB/s, read \(rate(done - appended)) MB/s (not asserted)")
        #expect(offset == 20_000)
    }
}

@Suite struct StorageHelpersTests {
    @Test func partitionDirectoryNames() {
        #expect(PartitionDirectory.name(topic: "my-topic", partition: 3) == "my-topic-3")
        #expect(PartitionDirectory.parse("my-topic-3")! == ("my-topic", 3))
        #expect(PartitionDirectory.parse("nodash") == nil)
        #expect(PartitionDirectory.parse("topic-x") == nil)
        #expect(PartitionDirectory.segmentName(42) == "00000000000000000042")
    }

    @Test func atomicFileRoundTrip() throws {
        let dir = TempDirectory()
        try FileManager.default.createDirectory(atPath: dir.path, withIntermediateDirectories: true)
        try AtomicFile.write(Data("one".utf8), to: dir.sub("f"))
        try AtomicFile.write(Data("two".utf8), to: dir.sub("f"))
        #expect(try AtomicFile.read(dir.sub("f")) == Data("two".utf8))
        #expect(try AtomicFile.read(dir.sub("missing")) == nil)
    }
}
