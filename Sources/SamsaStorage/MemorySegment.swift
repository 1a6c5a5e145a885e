import NIOCore
import SamsaProtocol

/// One segment of a MemoryLog: whole batches with their headers, rolled, retained and compacted by the
/// same rules as a DiskLog segment.
///
/// Thread-safety: a value; the owning MemoryLog's mutex guards the log's copy.
struct MemorySegment: SegmentMetrics {
    typealias Batch = (header: RecordBatchHeader, bytes: ByteBuffer)

    /// Tells segments apart, so a compaction pass can check it still replaces the segments it read.
    let id: Int
    let baseOffset: Int64
    private(set) var batches: [Batch] = []
    private(set) var size = 0
    private(set) var maxTimestamp: Int64 = -1
    /// The transactions aborted by markers in this segment, as a DiskLog segment's `.txnindex`.
    var txnIndex = TransactionIndex()
    /// Wall-clock time of the first append, for rolling by age.
    var rollClockStart: Int64?

    init(id: Int, baseOffset: Int64) {
        self.id = id
        self.baseOffset = baseOffset
    }

    /// One past the last offset held (the base offset when empty).
    var nextOffset: Int64 { batches.last?.header.nextOffset ?? baseOffset }

    mutating func append(_ header: RecordBatchHeader, _ bytes: ByteBuffer) {
        batches.append((header, bytes))
        size += bytes.readableBytes
        maxTimestamp = max(maxTimestamp, header.maxTimestamp)
    }

    /// Index of the first batch holding an offset at or after `offset` (`batches.count` if none).
    func firstBatch(atOrAfter offset: Int64) -> Int {
        var low = 0, high = batches.count
        while low < high {
            let mid = (low + high) / 2
            if batches[mid].header.lastOffset < offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Cuts the segment so that it ends before the batch holding `offset`.
    mutating func truncate(to offset: Int64) {
        batches.removeSubrange(firstBatch(atOrAfter: offset)...)
        size = batches.reduce(0) { $0 + $1.bytes.readableBytes }
        maxTimestamp = batches.map(\.header.maxTimestamp).max() ?? -1
        txnIndex.truncate(fromOffset: offset)
        if batches.isEmpty { rollClockStart = nil }
    }
}
