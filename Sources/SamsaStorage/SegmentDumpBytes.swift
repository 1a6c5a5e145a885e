import NIOCore

/// Where dump-log's readers get bytes: a buffer (tests, pure use) or a read-only file. Reads go through a
/// window of `chunkSize` bytes so walking a segment costs a few large preads, not one per batch.
public struct SegmentDumpBytes: Sendable {
    /// Bytes available (the file's size when opened).
    public let size: Int
    private let reader: @Sendable (Int, Int) throws -> ByteBuffer

    public init(buffer: ByteBuffer) {
        size = buffer.readableBytes
        reader = { offset, count in
            let start = min(offset, buffer.readableBytes)
            return buffer.getSlice(at: buffer.readerIndex + start, length: min(count, buffer.readableBytes - start))!
        }
    }

    public init(file: SegmentDumpFile) {
        size = file.size
        reader = { offset, count in try file.read(count: count, at: offset) }
    }

    /// Up to `count` bytes at `offset` (fewer at the end).
    public func read(count: Int, at offset: Int) throws -> ByteBuffer { try reader(offset, count) }
}

/// A moving window over `SegmentDumpBytes`.
struct SegmentDumpWindow {
    let bytes: SegmentDumpBytes
    let chunkSize: Int
    private var chunk = ByteBuffer()
    private var chunkStart = 0

    init(_ bytes: SegmentDumpBytes, chunkSize: Int = 1 << 20) {
        self.bytes = bytes
        self.chunkSize = chunkSize
    }

    /// `count` bytes at `position`, or fewer if the source ends first.
    mutating func slice(at position: Int, count: Int) throws -> ByteBuffer {
        let haveEnd = chunkStart + chunk.readableBytes
        if position < chunkStart || position + count > haveEnd {
            chunkStart = position
            chunk = try bytes.read(count: max(count, chunkSize), at: position)
        }
        let local = position - chunkStart
        let length = min(count, chunk.readableBytes - local)
        return chunk.getSlice(at: chunk.readerIndex + local, length: max(length, 0))!
    }
}
