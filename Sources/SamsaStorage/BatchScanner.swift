import NIOCore
import SamsaProtocol

/// Walks the batches of a segment file from `position` to `end`, reading in large chunks so a scan costs
/// a few preads rather than one per batch. With `validate`, each batch's bytes are fully loaded and its
/// CRC checked; a torn or corrupt batch ends the walk (the caller truncates there).
struct BatchScanner {
    let file: RawFile
    private(set) var position: Int
    let end: Int
    let validate: Bool
    private var chunk = ByteBuffer()
    private var chunkStart = 0
    /// Bytes read at a time: large for recovery, which reads everything; small to look at headers only.
    private let chunkSize: Int

    init(file: RawFile, from position: Int, to end: Int, validate: Bool, chunkSize: Int = 256 * 1024) {
        self.file = file
        self.position = position
        self.end = end
        self.validate = validate
        self.chunkSize = chunkSize
    }

    enum Step {
        case batch(position: Int, header: RecordBatchHeader)
        case end
        /// Bytes at `position` are not a complete valid batch.
        case invalid(position: Int, reason: String)
    }

    mutating func next() throws -> Step {
        guard position < end else { return .end }
        guard end - position >= RecordBatchHeader.size else { return .invalid(position: position, reason: "torn batch header") }
        try ensure(RecordBatchHeader.size)
        let local = chunk.readerIndex + (position - chunkStart)
        guard let header = RecordBatchHeader(buffer: chunk, at: local) else {
            return .invalid(position: position, reason: "unreadable batch header")
        }
        guard header.magic == 2, header.totalSize >= RecordBatchHeader.size, header.lastOffsetDelta >= 0 else {
            return .invalid(position: position, reason: "not a v2 record batch")
        }
        guard position + header.totalSize <= end else {
            return .invalid(position: position, reason: "batch runs past the end of the file")
        }
        if validate {
            try ensure(header.totalSize)
            let start = chunk.readerIndex + (position - chunkStart)
            do {
                _ = try RecordBatchHeader.validate(buffer: chunk, at: start)
            } catch {
                return .invalid(position: position, reason: "\(error)")
            }
        }
        let at = position
        position += header.totalSize
        return .batch(position: at, header: header)
    }

    /// The `count` bytes at `position` (a batch `next()` returned): a slice of the chunk when it holds
    /// them, else read from the file.
    func bytes(at position: Int, count: Int) throws -> ByteBuffer {
        if position >= chunkStart && position + count <= chunkStart + chunk.readableBytes {
            return chunk.getSlice(at: chunk.readerIndex + position - chunkStart, length: count)!
        }
        return try file.read(count: count, at: position)
    }

    /// Makes sure `count` bytes from `position` are in the chunk.
    private mutating func ensure(_ count: Int) throws {
        let have = chunkStart + chunk.readableBytes - position
        if position >= chunkStart && have >= count { return }
        chunkStart = position
        chunk = try file.read(count: min(max(count, chunkSize), end - position), at: position)
    }
}
