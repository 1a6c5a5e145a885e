import NIOCore
import SamsaProtocol
import Testing
@testable import SamsaStorage

/// Semantics every PartitionLog shares, run against the disk and the memory implementations.
@Suite struct PartitionLogTests {
    @Test(arguments: LogKind.allCases) func assignsOffsetsAndKeepsCRCValid(kind: LogKind) throws {
        let dir = TempDirectory()
        let log = try kind.make(dir)
        let first = try log.append(makeBatch("a", count: 3), leaderEpoch: 0, now: 0)
        let second = try log.append(makeBatch("b", count: 2), leaderEpoch: 0, now: 0)
        #expect(first == AppendResult(firstOffset: 0, lastOffset: 2, batchCount: 1))
        #expect(second == AppendResult(firstOffset: 3, lastOffset: 4, batchCount: 1))
        #expect(log.logEndOffset == 5)
        let read = try log.read(from: 0, maxBytes: 1 << 20, maxOffset: nil)
        #expect(try baseOffsets(read.records) == [0, 3])
        #expect(try values(read.records) == ["a-0", "a-1", "a-2", "b-0", "b-1"])
        _ = try RecordBatchHeader.validateAll(read.records)
    }

    @Test(arguments: LogKind.allCases) func readFromMiddleOfBatchReturnsWholeBatch(kind: LogKind) throws {
        let dir = TempDirectory()
        let log = try kind.make(dir)
        _ = try log.append(makeBatch("a", count: 3), leaderEpoch: 0, now: 0)
        _ = try log.append(makeBatch("b", count: 3), leaderEpoch: 0, now: 0)
        #expect(try baseOffsets(log.read(from: 4, maxBytes: 1 << 20, maxOffset: nil).records) == [3])
        #expect(try baseOffsets(log.read(from: 2, maxBytes: 1 << 20, maxOffset: nil).records) == [0, 3])
    }

    @Test(arguments: LogKind.allCases) func maxOffsetAndMaxBytesLimitWholeBatches(kind: LogKind) throws {
        let dir = TempDirectory()
        let log = try kind.make(dir)
        for i in 0..<5 { _ = try log.append(makeBatch("x\(i)"), leaderEpoch: 0, now: 0) }
        #expect(try baseOffsets(log.read(from: 0, maxBytes: 1 << 20, maxOffset: 3).records) == [0, 1, 2])
        #expect(try log.read(from: 3, maxBytes: 1 << 20, maxOffset: 3).records.readableBytes == 0)
        let one = makeBatch("x0").readableBytes
        #expect(try baseOffsets(log.read(from: 0, maxBytes: one * 2 + 1, maxOffset: nil).records) == [0, 1])
        // KIP-74: a first batch bigger than maxBytes still comes back whole.
        #expect(try baseOffsets(log.read(from: 2, maxBytes: 1, maxOffset: nil).records) == [2])
        #expect(try log.read(from: 5, maxBytes: 100, maxOffset: nil).records.readableBytes == 0)
    }

    @Test(arguments: LogKind.allCases) func offsetsOutsideTheLogAreOutOfRange(kind: LogKind) throws {
        let dir = TempDirectory()
        let log = try kind.make(dir)
        _ = try log.append(makeBatch("a", count: 2), leaderEpoch: 0, now: 0)
        #expect(throws: StorageError.offsetOutOfRange(requested: 3, logStart: 0, logEnd: 2)) {
            try log.read(from: 3, maxBytes: 100, maxOffset: nil)
        }
        try log.deleteRecords(before: 1)
        #expect(throws: StorageError.offsetOutOfRange(requested: 0, logStart: 1, logEnd: 2)) {
            try log.read(from: 0, maxBytes: 100, maxOffset: nil)
        }
    }

    @Test(arguments: LogKind.allCases) func rejectsOversizedBatchStoringNothing(kind: LogKind) throws {
        let dir = TempDirectory()
        var config = LogConfig()
        config.maxMessageBytes = 200
        let log = try kind.make(dir, config: config)
        let big = makeBatch(String(repeating: "z", count: 300))
        #expect(throws: StorageError.recordTooLarge(size: big.readableBytes, limit: 200)) {
            try log.append(big, leaderEpoch: 0, now: 0)
        }
        #expect(log.logEndOffset == 0)
        #expect(log.sizeInBytes == 0)
    }

    @Test(arguments: LogKind.allCases) func findsOffsetsByTimestamp(kind: LogKind) throws {
        let dir = TempDirectory()
        let log = try kind.make(dir)
        _ = try log.append(makeBatch("a", count: 3, timestamps: [100, 200, 300]), leaderEpoch: 0, now: 0)
        _ = try log.append(makeBatch("b", count: 2, timestamps: [400, 500]), leaderEpoch: 0, now: 0)
        #expect(try log.offset(forTimestamp: 200)! == (1, 200))
        #expect(try log.offset(forTimestamp: 250)! == (2, 300))
        #expect(try log.offset(forTimestamp: 350)! == (3, 400))
        #expect(try log.offset(forTimestamp: 0)! == (0, 100))
        #expect(try log.offset(forTimestamp: 501) == nil)
        #expect(try log.maxTimestampAndOffset()! == (4, 500))
    }

    @Test(arguments: LogKind.allCases) func epochCacheAnswersEndOffsets(kind: LogKind) throws {
        let dir = TempDirectory()
        let log = try kind.make(dir)
        _ = try log.append(makeBatch("a", count: 2), leaderEpoch: 0, now: 0)
        _ = try log.append(makeBatch("b", count: 3), leaderEpoch: 2, now: 0)
        _ = try log.append(makeBatch("c"), leaderEpoch: 2, now: 0)
        _ = try log.append(makeBatch("d"), leaderEpoch: 5, now: 0)
        #expect(log.epochEntries == [EpochEntry(epoch: 0, startOffset: 0), EpochEntry(epoch: 2, startOffset: 2),
                                     EpochEntry(epoch: 5, startOffset: 6)])
        #expect(log.endOffset(forEpoch: 5) == (5, 7))
        #expect(log.endOffset(forEpoch: 2) == (2, 6))
        #expect(log.endOffset(forEpoch: 3) == (2, 6))
        #expect(log.endOffset(forEpoch: 0) == (0, 2))
        #expect(log.endOffset(forEpoch: 9) == (-1, -1))
        try log.truncate(to: 4)
        #expect(log.logEndOffset == 2)  // the batch holding offset 4 started at 2
        #expect(log.epochEntries == [EpochEntry(epoch: 0, startOffset: 0)])
    }

    @Test(arguments: LogKind.allCases) func followerAppendKeepsGivenOffsets(kind: LogKind) throws {
        let dir = TempDirectory()
        let leader = MemoryLog()
        _ = try leader.append(makeBatch("a", count: 2), leaderEpoch: 3, now: 0)
        _ = try leader.append(makeBatch("b"), leaderEpoch: 4, now: 0)
        let follower = try kind.make(dir)
        let fetched = try leader.read(from: 0, maxBytes: 1 << 20, maxOffset: nil).records
        let result = try follower.appendAsFollower(fetched, now: 0)
        #expect(result.firstOffset == 0 && result.lastOffset == 2)
        #expect(follower.logEndOffset == 3)
        #expect(follower.epochEntries.map(\.epoch) == [3, 4])
        #expect(throws: StorageError.self) { try follower.appendAsFollower(fetched, now: 0) }
    }

    @Test(arguments: LogKind.allCases) func truncateFullyRestartsAtOffset(kind: LogKind) throws {
        let dir = TempDirectory()
        let log = try kind.make(dir)
        _ = try log.append(makeBatch("a", count: 2), leaderEpoch: 0, now: 0)
        try log.truncateFullyAndStart(at: 10)
        #expect(log.logStartOffset == 10 && log.logEndOffset == 10)
        #expect(try log.append(makeBatch("b"), leaderEpoch: 1, now: 0).firstOffset == 10)
    }

    @Test(arguments: LogKind.allCases) func concurrentReadsSeeWholeBatches(kind: LogKind) async throws {
        let dir = TempDirectory()
        let log = try kind.make(dir)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for i in 0..<300 { _ = try? log.append(makeBatch("w\(i)", count: 3), leaderEpoch: 0, now: 0) }
            }
            for _ in 0..<3 {
                group.addTask {
                    for _ in 0..<200 {
                        let end = log.logEndOffset
                        guard let read = try? log.read(from: 0, maxBytes: 1 << 20, maxOffset: end) else { continue }
                        let batches = (try? RecordBatch.decodeAll(read.records)) ?? []
                        #expect(batches.reduce(0) { $0 + $1.records.count } == Int(end))
                    }
                }
            }
        }
        #expect(log.logEndOffset == 900)
    }
}
