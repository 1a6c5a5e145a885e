import Foundation
import NIOCore
import SamsaProtocol
import Testing
@testable import SamsaStorage

/// The aborted-transaction index (Kafka's `.txnindex`): one per segment, in Kafka's 34-byte entry format,
/// truncated with the log, deleted with its segment, never a crash when damaged.
@Suite struct TransactionIndexTests {
    /// Three one-batch segments (offsets 0, 1, 2), with aborts recorded at markers 1 and 2.
    func logWithAborts(_ kind: LogKind, _ dir: TempDirectory) throws -> PartitionLog {
        var config = LogConfig()
        config.segmentBytes = makeBatch("x").readableBytes
        let log = try kind.make(dir, config: config)
        for i in 0..<3 { _ = try log.append(makeBatch("v\(i)"), leaderEpoch: 0, now: 0) }
        #expect(log.segmentCount == 3)
        try log.appendAbortedTransaction(Self.first)
        try log.appendAbortedTransaction(Self.second)
        // Re-adding what is there (a replay) changes nothing.
        try log.appendAbortedTransaction(Self.first)
        return log
    }

    static let first = AbortedTransaction(producerId: 7, firstOffset: 0, lastOffset: 1, lastStableOffset: 2)
    static let second = AbortedTransaction(producerId: 8, firstOffset: 1, lastOffset: 2, lastStableOffset: 3)

    @Test(arguments: LogKind.allCases)
    func entriesAreFoundByTheRangeTheyOverlap(kind: LogKind) throws {
        let dir = TempDirectory()
        let log = try logWithAborts(kind, dir)
        #expect(log.abortedTransactions(from: 0, upTo: 3) == [Self.first, Self.second])
        #expect(log.abortedTransactions(from: 0, upTo: 1) == [Self.first], "the second begins at 1")
        #expect(log.abortedTransactions(from: 2, upTo: 3) == [Self.second], "the first ended at 1")
        try log.truncate(to: 2)
        #expect(log.abortedTransactions(from: 0, upTo: .max) == [Self.first], "the second's marker was cut")
        try log.deleteRecords(before: 2)
        #expect(log.abortedTransactions(from: 2, upTo: .max) == [])
    }

    @Test func theFileHasKafkasLayoutAndSurvivesAReopen() throws {
        let dir = TempDirectory()
        let log = try logWithAborts(.disk, dir)
        try log.close()
        let path = dir.sub("t-0") + "/00000000000000000001.txnindex"
        let bytes = try #require(FileManager.default.contents(atPath: path))
        var expected = ByteBuffer()
        expected.writeInteger(Int16(0))
        for value in [Int64(7), 0, 1, 2] { expected.writeInteger(value) }
        #expect([UInt8](bytes) == Array(expected.readableBytesView))
        #expect(!FileManager.default.fileExists(atPath: dir.sub("t-0") + "/00000000000000000000.txnindex"), "only segments with aborts have one")
        let reopened = try DiskLog.open(directory: dir.sub("t-0"), config: log.config)
        #expect(reopened.abortedTransactions(from: 0, upTo: .max) == [Self.first, Self.second])
        // Deleting a segment (retention, delete-records) deletes its index.
        try reopened.deleteRecords(before: 2)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aTornTailOrDamagedIndexIsCutNeverACrash() throws {
        let dir = TempDirectory()
        let log = try logWithAborts(.disk, dir)
        log.abandon()
        let directory = dir.sub("t-0")
        // The last segment's log loses its batch (a torn write); the index entry for its marker must go.
        let lastLog = try #require(FileHandle(forWritingAtPath: directory + "/00000000000000000002.log"))
        try lastLog.truncate(atOffset: 10)
        try lastLog.close()
        // The middle index gains a torn half-entry.
        let middle = try #require(FileHandle(forWritingAtPath: directory + "/00000000000000000001.txnindex"))
        try middle.seekToEnd()
        middle.write(Data([0, 0, 1, 2, 3]))
        try middle.close()
        let reopened = try DiskLog.open(directory: directory, config: log.config)
        #expect(reopened.logEndOffset == 2)
        #expect(reopened.abortedTransactions(from: 0, upTo: .max) == [Self.first])
        let size = try #require(try FileManager.default.attributesOfItem(atPath: directory + "/00000000000000000001.txnindex")[.size] as? Int)
        #expect(size == 34, "the torn half-entry was cut")
        try reopened.close()

        // An entry of an unknown version: it and what follows are dropped (the partition's replay re-adds them).
        var garbage = ByteBuffer()
        garbage.writeInteger(Int16(9))
        garbage.writeRepeatingByte(1, count: 32)
        try Data(garbage.readableBytesView).write(to: URL(fileURLWithPath: directory + "/00000000000000000001.txnindex"))
        let again = try DiskLog.open(directory: directory, config: log.config)
        #expect(again.abortedTransactions(from: 0, upTo: .max) == [])
        try again.appendAbortedTransaction(Self.first)
        #expect(again.abortedTransactions(from: 0, upTo: .max) == [Self.first])
    }
}
