#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import SamsaProtocol

extension LogSegment: SegmentMetrics {}

extension LogSegment {
    /// Appends whole batches with final offsets (a cleaned copy being written), indexing them as it goes.
    func append(_ batches: ByteBuffer, headers: [RecordBatchHeader]) throws {
        guard batches.readableBytes > 0 else { return }
        try batches.withUnsafeReadableBytes { raw in
            let vector = iovec(iov_base: UnsafeMutableRawPointer(mutating: raw.baseAddress!), iov_len: raw.count)
            try append([vector], byteCount: raw.count, headers: headers)
        }
    }

    /// Forces the data and both indexes to disk: a cleaned copy must be durable before it replaces anything.
    func seal() throws {
        try file.sync()
        try saveIndexes()
        try indexFile.sync()
        try timeIndexFile.sync()
        try syncTransactionIndex()
    }

    /// The max timestamp of the first batch (Kafka's measure of how long dirty data has waited), or nil.
    func firstBatchMaxTimestamp(size: Int) -> Int64? {
        guard size >= RecordBatchHeader.size, let bytes = try? file.read(count: RecordBatchHeader.size, at: 0) else { return nil }
        return RecordBatchHeader(buffer: bytes, at: bytes.readerIndex)?.maxTimestamp
    }
}
