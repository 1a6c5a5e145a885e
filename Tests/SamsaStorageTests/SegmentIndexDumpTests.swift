import Foundation
import NIOCore
import SamsaProtocol
import Testing
@testable import SamsaStorage

/// dump-log over `.index` and `.timeindex`: entries as Kafka prints them, checked against the log, and
/// the sanity check a broker runs at start.
@Suite struct SegmentIndexDumpTests {
    let support = SegmentDumpTests()

    /// Three batches of 1, 2 and 3 records (offsets 0, 1–2, 3–5), timestamps growing; returns the stem.
    func segment(_ dir: TempDirectory) throws -> (stem: String, sizes: [Int]) {
        let batches = [
            support.keyed([("a", "1")], timestamp: 100),
            support.keyed([("b", "2"), ("c", "3")], timestamp: 200),
            support.keyed([("d", "4"), ("e", "5"), ("f", "6")], timestamp: 300),
        ]
        let log = try support.writeLog(dir, batches)
        return (String(log.dropLast(4)), batches.map(\.readableBytes))
    }

    @Test func offsetIndexEntriesAreCheckedAgainstTheLog() throws {
        let dir = TempDirectory()
        let (stem, sizes) = try segment(dir)
        let result = support.dump([stem + ".index"])
        #expect(result.ok)
        #expect(result.err.isEmpty)
        let entries = result.out.dropFirst()
        #expect(!entries.isEmpty)
        // Every entry names a batch at its position (Samsa indexes base offsets).
        let positions = [0, sizes[0], sizes[0] + sizes[1]]
        let bases: [Int64] = [0, 1, 3]
        for line in entries {
            let parts = line.split(separator: " ")
            #expect(parts.count == 4 && parts[0] == "offset:" && parts[2] == "position:")
            let offset = Int64(parts[1])!, position = Int(parts[3])!
            #expect(positions.firstIndex(of: position).map { bases[$0] } == offset)
        }
        #expect(support.dump([stem + ".index"], configure: { $0.verifyIndexOnly = true }).out == ["Dumping \(stem).index"])
        #expect(support.dump([stem + ".index"], configure: { $0.indexSanityCheck = true }).out
                == ["Dumping \(stem).index", "\(stem).index passed sanity check."])
    }

    @Test func anEntryPointingAtTheWrongBatchIsAMismatch() throws {
        let dir = TempDirectory()
        let (stem, sizes) = try segment(dir)
        // offset 5 at the second batch's position: that batch holds 1–2.
        var bytes = ByteBuffer()
        bytes.writeInteger(UInt32(5))
        bytes.writeInteger(UInt32(sizes[0]))
        try Data(bytes.readableBytesView).write(to: URL(fileURLWithPath: stem + ".index"))
        let result = support.dump([stem + ".index"], configure: { $0.verifyIndexOnly = true })
        #expect(result.err == ["Mismatches in :\(stem).index", "  Index offset: 5, log offset: 2"])
    }

    @Test func aTornIndexFailsTheSanityCheckInOneSentence() throws {
        let dir = TempDirectory()
        let (stem, _) = try segment(dir)
        let handle = try #require(FileHandle(forUpdatingAtPath: stem + ".index"))
        try handle.seekToEnd()
        handle.write(Data([1, 2, 3]))
        try handle.close()
        let result = support.dump([stem + ".index"], configure: { $0.indexSanityCheck = true })
        #expect(!result.ok)
        #expect(result.err.count == 1)
        #expect(result.err[0].hasPrefix("Index file \(stem).index is corrupt, found "))
        #expect(result.err[0].hasSuffix(" bytes which is neither positive nor a multiple of 8."))
    }

    @Test func timeIndexEntriesAreCheckedAgainstTheLog() throws {
        let dir = TempDirectory()
        let (stem, _) = try segment(dir)
        let result = support.dump([stem + ".timeindex"])
        #expect(result.ok)
        #expect(result.err.isEmpty)
        let lines = Array(result.out.dropFirst())
        #expect(!lines.isEmpty)
        for line in lines { #expect(["timestamp: 201 offset: 1", "timestamp: 302 offset: 3", "timestamp: 100 offset: 0"].contains(line)) }
    }

    @Test func timeIndexErrorsComeInKafkasThreeKinds() {
        let headers = [
            RecordBatchHeader(baseOffset: 0, lastOffsetDelta: 0, maxTimestamp: 100),
            RecordBatchHeader(baseOffset: 1, lastOffsetDelta: 1, maxTimestamp: 200),
        ]
        let entries = [
            SegmentIndexDump.TimeEntry(timestamp: 150, offset: 2),   // wrong timestamp
            SegmentIndexDump.TimeEntry(timestamp: 100, offset: 0),   // goes backwards
            SegmentIndexDump.TimeEntry(timestamp: 300, offset: 9),   // no such offset
        ]
        let errors = SegmentIndexDump.timeIndexErrors(entries, batches: headers)
        #expect(errors.mismatches == [.init(first: 150, second: 200)])
        #expect(errors.outOfOrder == [.init(first: 100, second: 150)])
        #expect(errors.offsetsNotFound == [.init(first: 9, second: -1)])
    }

    @Test func aZeroEntryAfterTheFirstEndsThePreallocatedIndex() {
        var bytes = ByteBuffer()
        for (relative, position) in [(0, 0), (4, 80), (0, 0), (0, 0)] as [(UInt32, UInt32)] {
            bytes.writeInteger(relative)
            bytes.writeInteger(position)
        }
        #expect(SegmentIndexDump.offsetEntries(bytes, baseOffset: 100).map(\.offset) == [100, 104])
    }

    @Test func aSegmentSummaryCountsBatchesAndNamesCorruptOnes() throws {
        let dir = TempDirectory()
        let (stem, sizes) = try segment(dir)
        var summaries = try SegmentLogSummary.scanDirectory(dir.sub("t-0"))
        #expect(summaries.count == 1)
        #expect(summaries[0].fileName == "00000000000000000000.log")
        #expect(summaries[0].batchCount == 3)
        #expect(summaries[0].recordCount == 6)
        #expect(summaries[0].firstOffset == 0 && summaries[0].lastOffset == 5)
        #expect(summaries[0].firstTimestamp == 100 && summaries[0].maxTimestamp == 302)
        #expect(summaries[0].size == sizes.reduce(0, +))
        #expect(summaries[0].corruptPositions.isEmpty && summaries[0].problem == nil)

        let handle = try #require(FileHandle(forUpdatingAtPath: stem + ".log"))
        try handle.seek(toOffset: UInt64(sizes[0] + sizes[1] - 1))
        handle.write(Data([0xAB]))
        try handle.seekToEnd()
        handle.write(Data([1, 2, 3]))
        try handle.close()
        summaries = try SegmentLogSummary.scanDirectory(dir.sub("t-0"))
        #expect(summaries[0].corruptPositions == [sizes[0]])
        #expect(summaries[0].problem == "3 invalid bytes at the end")
        let lines = try SegmentLogSummary.dumpLines(SegmentDumpBytes(file: SegmentDumpFile(path: stem + ".log")), baseOffset: 0,
                                                    fileName: "00000000000000000000.log", printData: true, limit: 2)
        #expect(lines.first == "Log starting offset: 0")
        #expect(lines.filter { $0.hasPrefix("baseOffset:") }.count == 2)
        #expect(lines.last == "… the first 2 batches shown; \(sizes[2] + 3) more bytes in 00000000000000000000.log")
    }
}
