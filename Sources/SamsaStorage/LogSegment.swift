#if canImport(Glibc)
import Glibc
#endif
import Logging
import NIOCore
import SamsaProtocol

/// One segment of a partition log: `<base offset>.log` with its `.index`, `.timeindex` and `.txnindex`.
///
/// Thread-safety: mutation is serialized by the owning `DiskLog`'s lock. Reads go through
/// `readBatches`, which touches only the file and values the caller captured under that lock.
final class LogSegment: @unchecked Sendable {
    let baseOffset: Int64
    let directory: String
    let file: RawFile
    let indexFile: RawFile
    let timeIndexFile: RawFile
    /// Appended to the three file names while the segment is a cleaned copy not yet swapped in (".cleaned").
    private(set) var suffix: String
    private(set) var index = OffsetIndex()
    private(set) var timeIndex = TimeIndex()
    /// The transactions aborted by markers in this segment (see LogSegment+Transactions).
    var txnIndex = TransactionIndex()
    /// Bytes of whole batches in the file.
    private(set) var size = 0
    /// One past the last offset in the segment (`baseOffset` when empty).
    private(set) var nextOffset: Int64
    private(set) var maxTimestamp: Int64 = -1
    /// Base offset of the batch holding `maxTimestamp`.
    private(set) var maxTimestampBatchOffset: Int64 = -1
    /// When the first batch was appended (or the segment was opened), for rolling by age. Wall-clock
    /// time rather than record timestamps, so old CreateTime records do not roll a segment per append.
    var rollClockStart: Int64?
    private var bytesSinceIndexEntry = 0
    var indexInterval: Int

    var logPath: String { "\(directory)/\(PartitionDirectory.segmentName(baseOffset)).log" }
    var stem: String { Self.stem(directory: directory, baseOffset: baseOffset) }

    static func stem(directory: String, baseOffset: Int64) -> String {
        "\(directory)/\(PartitionDirectory.segmentName(baseOffset))"
    }

    private init(directory: String, baseOffset: Int64, indexInterval: Int, suffix: String = "") throws {
        self.directory = directory
        self.baseOffset = baseOffset
        self.indexInterval = indexInterval
        self.suffix = suffix
        nextOffset = baseOffset
        let stem = Self.stem(directory: directory, baseOffset: baseOffset)
        file = try RawFile(path: stem + ".log" + suffix, create: true)
        indexFile = try RawFile(path: stem + ".index" + suffix, create: true)
        timeIndexFile = try RawFile(path: stem + ".timeindex" + suffix, create: true)
    }


    /// A new empty segment; with a `suffix`, a cleaned copy being written under temporary names.
    static func create(directory: String, baseOffset: Int64, indexInterval: Int, suffix: String = "") throws -> LogSegment {
        let segment = try LogSegment(directory: directory, baseOffset: baseOffset, indexInterval: indexInterval, suffix: suffix)
        try segment.file.truncate(to: 0)
        try segment.indexFile.truncate(to: 0)
        try segment.timeIndexFile.truncate(to: 0)
        Files.remove(segment.txnIndexPath)
        return segment
    }

    /// Opens an existing segment. With `recover`, every batch is CRC-checked and a torn or corrupt tail is
    /// cut off; otherwise the indexes are trusted if sane and only the tail after the last index entry is
    /// scanned. A missing or damaged index is always rebuilt. Returns bytes truncated.
    static func open(directory: String, baseOffset: Int64, indexInterval: Int, recover: Bool,
                     logger: Logger) throws -> (LogSegment, truncated: Int) {
        let segment = try LogSegment(directory: directory, baseOffset: baseOffset, indexInterval: indexInterval)
        let fileSize = segment.file.size
        let loadedIndex = recover ? nil : OffsetIndex.load(segment.indexFile, logSize: fileSize)
        let loadedTime = loadedIndex == nil ? nil : TimeIndex.load(segment.timeIndexFile, maxRelativeOffset: UInt32.max)
        if let loadedIndex, let loadedTime {
            segment.index = loadedIndex
            segment.timeIndex = loadedTime
            let start = loadedIndex.entries.last.map { Int($0.position) } ?? 0
            let truncated = try segment.scan(from: start, fileSize: fileSize, validate: false, logger: logger)
            if let last = loadedTime.entries.last, last.timestamp > segment.maxTimestamp {
                segment.maxTimestamp = last.timestamp
                segment.maxTimestampBatchOffset = baseOffset + Int64(last.relativeOffset)
            }
            try segment.loadTransactionIndex(logger: logger)
            return (segment, truncated)
        }
        if !recover { logger.notice("Rebuilding the index of \(segment.logPath)") }
        segment.index.removeAll()
        segment.timeIndex.removeAll()
        let truncated = try segment.scan(from: 0, fileSize: fileSize, validate: recover, logger: logger)
        try segment.index.save(to: segment.indexFile, rewrite: true)
        try segment.timeIndex.save(to: segment.timeIndexFile, rewrite: true)
        try segment.loadTransactionIndex(logger: logger)
        return (segment, truncated)
    }

    /// Walks batches from `start`, indexing them, and cuts the file at the first bad one.
    private func scan(from start: Int, fileSize: Int, validate: Bool, logger: Logger) throws -> Int {
        var scanner = BatchScanner(file: file, from: start, to: fileSize, validate: validate)
        size = start
        bytesSinceIndexEntry = 0
        var skipFirstIndexEntry = start > 0
        scanning: while true {
            switch try scanner.next() {
            case .end:
                break scanning
            case .batch(let position, let header):
                if header.baseOffset < nextOffset || header.baseOffset < baseOffset {
                    logger.warning("Offsets go backwards at byte \(position) of \(logPath); truncating there")
                    break scanning
                }
                if skipFirstIndexEntry {
                    skipFirstIndexEntry = false
                    noteBatch(header, position: position, indexed: true)
                } else {
                    noteBatch(header, position: position, indexed: false)
                }
            case .invalid(let position, let reason):
                logger.warning("\(logPath): \(reason) at byte \(position); truncating there")
                break scanning
            }
        }
        let truncated = fileSize - size
        if truncated > 0 {
            try file.truncate(to: size)
            logger.warning("Recovered \(logPath): removed \(truncated) bytes of torn or corrupt tail")
        }
        return truncated
    }

    /// Records a batch now in the file at `position`: index entries, offsets, timestamps, size.
    private func noteBatch(_ header: RecordBatchHeader, position: Int, indexed: Bool) {
        if !indexed && (index.entries.isEmpty && position == 0 ? false : bytesSinceIndexEntry >= indexInterval) {
            let relative = UInt32(truncatingIfNeeded: header.baseOffset - baseOffset)
            index.append(relativeOffset: relative, position: UInt32(position))
            timeIndex.append(timestamp: max(maxTimestamp, header.maxTimestamp), relativeOffset: relative)
            bytesSinceIndexEntry = 0
        }
        if header.maxTimestamp > maxTimestamp {
            maxTimestamp = header.maxTimestamp
            maxTimestampBatchOffset = header.baseOffset
        }
        bytesSinceIndexEntry += header.totalSize
        size = position + header.totalSize
        nextOffset = header.nextOffset
    }

    /// Appends prepared batch bytes (`iovecs`, `byteCount` long) whose headers, with final offsets, are `headers`.
    func append(_ iovecs: [iovec], byteCount: Int, headers: [RecordBatchHeader]) throws {
        try file.write(iovecs, at: size)
        var position = size
        for header in headers {
            noteBatch(header, position: position, indexed: false)
            position += header.totalSize
        }
    }

    /// Byte position to start scanning for `offset` (from the sparse index).
    func startPosition(for offset: Int64) -> Int {
        index.position(atOrBefore: UInt32(clamping: max(0, offset - baseOffset)))
    }

    /// Whole batches from the one holding `offset`: at most `maxBytes` (at least one batch), none starting at
    /// or after `maxOffset`, nothing beyond `limit` bytes of file. Empty if no such batch.
    static func readBatches(file: RawFile, from offset: Int64, startPosition: Int, limit: Int, maxBytes: Int,
                            maxOffset: Int64) throws -> ByteBuffer {
        var position = startPosition
        // Find the batch holding `offset`, reading the data it starts in the same pread.
        var chunkStart = position
        var chunk = try file.read(count: min(limit - position, max(maxBytes, 16 * 1024) + 16 * 1024), at: position)
        while true {
            guard position + RecordBatchHeader.size <= limit else { return ByteBuffer() }
            if position + RecordBatchHeader.size > chunkStart + chunk.readableBytes {
                chunkStart = position
                chunk = try file.read(count: min(limit - position, max(maxBytes, 16 * 1024)), at: position)
            }
            guard let header = RecordBatchHeader(buffer: chunk, at: chunk.readerIndex + position - chunkStart) else {
                return ByteBuffer()
            }
            if header.baseOffset >= maxOffset { return ByteBuffer() }
            if header.lastOffset >= offset { break }
            position += header.totalSize
        }
        // Collect whole batches from `position`.
        if position + maxBytes > chunkStart + chunk.readableBytes && chunkStart + chunk.readableBytes < limit {
            chunkStart = position
            chunk = try file.read(count: min(limit - position, maxBytes), at: position)
        }
        var end = position
        var first = true
        while end + RecordBatchHeader.size <= limit {
            guard end + RecordBatchHeader.size <= chunkStart + chunk.readableBytes,
                  let header = RecordBatchHeader(buffer: chunk, at: chunk.readerIndex + end - chunkStart) else { break }
            if header.baseOffset >= maxOffset { break }
            if !first && end + header.totalSize - position > maxBytes { break }
            if end + header.totalSize > chunkStart + chunk.readableBytes {
                guard first else { break }
                // KIP-74: a first batch larger than maxBytes is still returned whole.
                return try file.read(count: header.totalSize, at: position)
            }
            end += header.totalSize
            first = false
        }
        return chunk.getSlice(at: chunk.readerIndex + position - chunkStart, length: end - position) ?? ByteBuffer()
    }

    /// Where `readBatches` would read, found from batch headers only (the records stay in the file, to be
    /// sent with sendfile): from the batch holding `offset`, up to the first batch at or after `maxOffset`
    /// (searched from `maxOffsetPosition`, or the segment's end when nil), at most `maxBytes` but never less
    /// than the first batch (KIP-74). Like Kafka's, the range may end inside a batch when `maxBytes` cuts
    /// it; clients drop such a partial batch and fetch it next time. Nil if no batch qualifies.
    static func locateBatches(file: RawFile, from offset: Int64, startPosition: Int, limit: Int, maxBytes: Int,
                              maxOffset: Int64, maxOffsetPosition: Int?) throws -> (position: Int, count: Int)? {
        var scanner = BatchScanner(file: file, from: startPosition, to: limit, validate: false, chunkSize: 4096)
        var first: (position: Int, size: Int)?
        while case .batch(let position, let header) = try scanner.next() {
            if header.baseOffset >= maxOffset { return nil }
            if header.lastOffset >= offset {
                first = (position, header.totalSize)
                break
            }
        }
        guard let first else { return nil }
        var end = limit
        if let maxOffsetPosition {
            var tail = BatchScanner(file: file, from: max(maxOffsetPosition, first.position + first.size), to: limit,
                                    validate: false, chunkSize: 4096)
            while case .batch(let position, let header) = try tail.next() {
                if header.baseOffset >= maxOffset {
                    end = position
                    break
                }
            }
        }
        return (first.position, max(first.size, min(end - first.position, maxBytes)))
    }

    /// Cuts the segment so that it ends before the batch holding `offset`.
    func truncate(to offset: Int64) throws {
        guard offset < nextOffset else { return }
        var scanner = BatchScanner(file: file, from: startPosition(for: offset), to: size, validate: false)
        var cut = size
        var cutBase = nextOffset
        while case .batch(let position, let header) = try scanner.next() {
            if header.lastOffset >= offset {
                cut = position
                cutBase = header.baseOffset
                break
            }
        }
        try file.truncate(to: cut)
        index.truncate(toPosition: cut)
        timeIndex.truncate(toRelativeOffset: UInt32(clamping: cutBase - baseOffset))
        // Restore the running state by rescanning from the last index entry that survived.
        let keep = index.entries.last.map { Int($0.position) } ?? 0
        nextOffset = baseOffset
        size = keep
        bytesSinceIndexEntry = 0
        maxTimestamp = timeIndex.entries.last?.timestamp ?? -1
        maxTimestampBatchOffset = timeIndex.entries.last.map { baseOffset + Int64($0.relativeOffset) } ?? -1
        if keep == 0 { rollClockStart = nil }
        var rescan = BatchScanner(file: file, from: keep, to: cut, validate: false)
        var alreadyIndexed = keep > 0
        while case .batch(let position, let header) = try rescan.next() {
            noteBatch(header, position: position, indexed: alreadyIndexed)
            alreadyIndexed = false
        }
        try index.save(to: indexFile, rewrite: true)
        try timeIndex.save(to: timeIndexFile, rewrite: true)
        if txnIndex.truncate(fromOffset: nextOffset) { try saveTransactionIndex() }
    }

    /// The first batch with a record at or after `timestamp`, searched from the time index.
    /// The first record at or after `minimumOffset` whose timestamp is at least `timestamp` (Kafka's
    /// findOffsetByTimestamp): batches are scanned from the time index's entry on, so a batch below the
    /// log start, or one whose only late records lie below it, does not end the search.
    func firstRecord(atOrAfter timestamp: Int64, minimumOffset: Int64) throws -> (offset: Int64, timestamp: Int64)? {
        guard maxTimestamp >= timestamp else { return nil }
        let relative = timeIndex.relativeOffset(atOrBefore: timestamp)
        var scanner = BatchScanner(file: file, from: index.position(atOrBefore: relative), to: size, validate: false)
        while case .batch(let position, let header) = try scanner.next() {
            guard header.maxTimestamp >= timestamp, header.lastOffset >= minimumOffset else { continue }
            let bytes = try file.read(count: header.totalSize, at: position)
            if let found = try DiskLog.firstRecord(in: bytes, atOrAfter: timestamp, minimumOffset: minimumOffset) { return found }
        }
        return nil
    }

    /// The batch starting at `offset` (exactly), if any.
    func batch(startingAt offset: Int64) throws -> ByteBuffer? {
        var scanner = BatchScanner(file: file, from: startPosition(for: offset), to: size, validate: false)
        while case .batch(let position, let header) = try scanner.next() {
            if header.baseOffset == offset { return try file.read(count: header.totalSize, at: position) }
            if header.baseOffset > offset { return nil }
        }
        return nil
    }

    func flush() throws {
        try file.sync()
        try index.save(to: indexFile)
        try timeIndex.save(to: timeIndexFile)
        try syncTransactionIndex()
    }

    func saveIndexes() throws {
        try index.save(to: indexFile)
        try timeIndex.save(to: timeIndexFile)
    }

    /// The files now carry their final names (the swap renamed them; descriptors follow the rename).
    func markInstalled() {
        suffix = ""
    }

    /// Removes the files; open descriptors stay valid for readers until released.
    func deleteFiles() {
        Files.remove(stem + ".log" + suffix)
        Files.remove(stem + ".index" + suffix)
        Files.remove(stem + ".timeindex" + suffix)
        Files.remove(txnIndexPath)
    }
}
