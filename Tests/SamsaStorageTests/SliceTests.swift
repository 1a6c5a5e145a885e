import Glibc
import NIOCore
import SamsaProtocol
import Testing
@testable import SamsaStorage

/// `slice`, the consumer's read that is sent with sendfile: the range it names in the segment file holds
/// exactly what `read` returns, ends at the high watermark on a batch boundary, and is cut by maxBytes
/// the way Kafka's is (possibly inside a batch, never before the end of the first batch).
@Suite struct SliceTests {
    /// The bytes a slice names, read from its descriptor.
    func bytes(_ result: ReadResult) throws -> ByteBuffer {
        let records = try #require(result.file)
        var buffer = ByteBuffer()
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: records.count) { raw in
            pread(records.descriptor, raw.baseAddress!, records.count, off_t(records.position))
        }
        return buffer
    }

    func makeLog(_ dir: TempDirectory, batches: Int, segmentBytes: Int = 1 << 20) throws -> DiskLog {
        var config = LogConfig()
        config.segmentBytes = segmentBytes
        config.indexIntervalBytes = 64  // a dense index, so lookups start close to their batch
        let log = try DiskLog.open(directory: dir.sub("t-0"), config: config)
        for i in 0..<batches { _ = try log.append(makeBatch("b\(i)", count: 3), leaderEpoch: 0, now: 0) }
        return log
    }

    @Test func aSliceHoldsWhatAReadReturns() throws {
        let dir = TempDirectory()
        let log = try makeLog(dir, batches: 20)
        for (from, maxOffset) in [(Int64(0), Int64?.none), (7, nil), (30, 45), (59, nil)] {
            let read = try log.read(from: from, maxBytes: 1 << 20, maxOffset: maxOffset)
            let slice = try log.slice(from: from, maxBytes: 1 << 20, maxOffset: maxOffset)
            #expect(slice.records.readableBytes == 0)
            #expect(try bytes(slice) == read.records, "from \(from) to \(String(describing: maxOffset))")
        }
    }

    @Test func theHighWatermarkEndsASliceOnABatchBoundary() throws {
        let dir = TempDirectory()
        let log = try makeLog(dir, batches: 10)
        // Batches hold offsets 0-2, 3-5, …: a high watermark of 7 exposes batches up to 6-8's start only.
        let slice = try log.slice(from: 0, maxBytes: 1 << 20, maxOffset: 7)
        #expect(try baseOffsets(bytes(slice)) == [0, 3, 6])
        #expect(try log.slice(from: 9, maxBytes: 1 << 20, maxOffset: 9).file == nil)
    }

    @Test func maxBytesCutsLikeKafkaButNeverTheFirstBatch() throws {
        let dir = TempDirectory()
        let log = try makeLog(dir, batches: 10)
        let one = makeBatch("b0", count: 3).readableBytes
        let cut = try log.slice(from: 0, maxBytes: one * 2 + 10, maxOffset: nil)
        #expect(cut.file?.count == one * 2 + 10, "two whole batches and the start of a third")
        #expect(try baseOffsets(bytes(cut)) == [0, 3], "clients read the whole batches and drop the partial one")
        let small = try log.slice(from: 4, maxBytes: 1, maxOffset: nil)
        #expect(small.file?.count == one, "KIP-74: the first batch comes whole")
        #expect(try baseOffsets(bytes(small)) == [3])
    }

    @Test func aSliceGoesOnToTheNextSegmentPastTheEndOfOne() throws {
        let dir = TempDirectory()
        let log = try makeLog(dir, batches: 12, segmentBytes: 500)
        #expect(log.segmentCount > 2)
        for from in stride(from: Int64(0), to: 36, by: 5) {
            let slice = try log.slice(from: from, maxBytes: 1 << 20, maxOffset: nil)
            let first = try #require(try baseOffsets(bytes(slice)).first)
            #expect(first <= from && from < first + 3)
        }
    }
}
