import NIOCore
import Testing
@testable import SamsaStorage

/// ListOffsets by timestamp against the log: the first record at or after the timestamp and at or after
/// the log start, searching on past batches that hold only earlier or deleted records (Kafka's
/// findOffsetByTimestamp).
@Suite struct TimestampLookupTests {
    @Test(arguments: LogKind.allCases) func lookupsSkipRecordsBelowTheLogStart(kind: LogKind) throws {
        let dir = TempDirectory()
        let log = try kind.make(dir)
        defer { try? log.close() }
        // Offsets 0-2 in one batch (1000, 3000, 2000), then 3 (1500) and 4 (4000) in batches of their own.
        _ = try log.append(makeBatch("a", count: 3, timestamps: [1000, 3000, 2000]), leaderEpoch: 0, now: 0)
        _ = try log.append(makeBatch("b", timestamps: [1500]), leaderEpoch: 0, now: 0)
        _ = try log.append(makeBatch("c", timestamps: [4000]), leaderEpoch: 0, now: 0)
        #expect(try log.offset(forTimestamp: 1200).map { [$0.offset, $0.timestamp] } == [1, 3000])
        _ = try log.append(makeBatch("d", timestamps: [500]), leaderEpoch: 3, now: 0)
        try log.deleteRecords(before: 2)
        #expect(log.epochEntries == [EpochEntry(epoch: 0, startOffset: 2), EpochEntry(epoch: 3, startOffset: 5)],
                "the epoch covering the new log start begins there (Kafka's truncateFromStart)")
        #expect(try log.offset(forTimestamp: 0).map { [$0.offset, $0.timestamp] } == [2, 2000], "inside the first batch, past the log start")
        #expect(try log.offset(forTimestamp: 2500).map { [$0.offset, $0.timestamp] } == [4, 4000],
                "3000 at offset 1 is deleted: the search goes on to the next batches")
        try log.deleteRecords(before: 4)
        #expect(try log.offset(forTimestamp: 0).map { [$0.offset, $0.timestamp] } == [4, 4000])
        #expect(try log.offset(forTimestamp: 4001) == nil)
    }
}
