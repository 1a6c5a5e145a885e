import NIOCore
import SamsaProtocol
import Synchronization

/// An in-memory partition log with `DiskLog`'s semantics (offsets, limits, KIP-74, timestamps, epochs,
/// truncation, retention by size), for engine tests that need no disk.
///
/// Thread-safety: internally synchronized by one mutex.
public final class MemoryLog: PartitionLog {
    struct State {
        var batches: [(header: RecordBatchHeader, bytes: ByteBuffer)] = []
        var logStartOffset: Int64 = 0
        var baseOffset: Int64 = 0
        var config: LogConfig
        var epochs = LeaderEpochCache(path: nil)
        var logEndOffset: Int64 { batches.last?.header.nextOffset ?? baseOffset }
    }

    private let state: Mutex<State>

    public init(config: LogConfig = LogConfig()) {
        state = Mutex(State(config: config))
    }

    public var logStartOffset: Int64 { state.withLock { $0.logStartOffset } }
    public var logEndOffset: Int64 { state.withLock { $0.logEndOffset } }
    public var sizeInBytes: Int64 { state.withLock { Int64($0.batches.reduce(0) { $0 + $1.bytes.readableBytes }) } }
    public var segmentCount: Int { 1 }
    public var config: LogConfig {
        get { state.withLock { $0.config } }
        set { state.withLock { $0.config = newValue } }
    }
    public var epochEntries: [EpochEntry] { state.withLock { $0.epochs.entries } }

    public func append(_ records: ByteBuffer, leaderEpoch: Int32, now: Int64) throws -> AppendResult {
        try state.withLock { s in
            let headers = try DiskLog.parseHeaders(records, limit: s.config.maxMessageBytes)
            let first = s.logEndOffset
            var offset = first
            var index = records.readerIndex
            for var header in headers {
                var bytes = records.getSlice(at: index, length: header.totalSize)!
                index += header.totalSize
                bytes.setInteger(offset, at: bytes.readerIndex)
                bytes.setInteger(leaderEpoch, at: bytes.readerIndex + RecordBatchHeader.leaderEpochOffset)
                header.baseOffset = offset
                header.partitionLeaderEpoch = leaderEpoch
                s.batches.append((header, bytes))
                offset = header.nextOffset
            }
            try s.epochs.assign(epoch: leaderEpoch, startOffset: first)
            return AppendResult(firstOffset: first, lastOffset: offset - 1, batchCount: headers.count)
        }
    }

    public func appendAsFollower(_ records: ByteBuffer, now: Int64) throws -> AppendResult {
        try state.withLock { s in
            let headers = try DiskLog.parseHeaders(records, limit: Int.max)
            guard let first = headers.first?.baseOffset, first >= s.logEndOffset else {
                throw StorageError.nonMonotonicOffset(expected: s.logEndOffset, got: headers.first?.baseOffset ?? -1)
            }
            if s.batches.isEmpty && s.logStartOffset == s.baseOffset {
                s.baseOffset = first
                s.logStartOffset = first
            }
            var index = records.readerIndex
            for header in headers {
                s.batches.append((header, records.getSlice(at: index, length: header.totalSize)!))
                index += header.totalSize
                try s.epochs.assign(epoch: header.partitionLeaderEpoch, startOffset: header.baseOffset)
            }
            return AppendResult(firstOffset: first, lastOffset: headers.last!.lastOffset, batchCount: headers.count)
        }
    }

    public func read(from offset: Int64, maxBytes: Int, maxOffset: Int64?) throws -> ReadResult {
        try state.withLock { s in
            let end = s.logEndOffset
            guard offset >= s.logStartOffset && offset <= end else {
                throw StorageError.offsetOutOfRange(requested: offset, logStart: s.logStartOffset, logEnd: end)
            }
            let limit = min(maxOffset ?? end, end)
            var out = ByteBuffer()
            guard let start = s.batches.firstIndex(where: { $0.header.lastOffset >= offset }) else {
                return ReadResult(records: out, logStartOffset: s.logStartOffset, logEndOffset: end)
            }
            for (header, bytes) in s.batches[start...] {
                if header.baseOffset >= limit { break }
                if out.readableBytes > 0 && out.readableBytes + bytes.readableBytes > maxBytes { break }
                out.writeImmutableBuffer(bytes)
            }
            return ReadResult(records: out, logStartOffset: s.logStartOffset, logEndOffset: end)
        }
    }

    public func offset(forTimestamp timestamp: Int64) throws -> (offset: Int64, timestamp: Int64)? {
        try state.withLock { s in
            for (header, bytes) in s.batches where header.maxTimestamp >= timestamp && header.lastOffset >= s.logStartOffset {
                if let found = try DiskLog.firstRecord(in: bytes, atOrAfter: timestamp, minimumOffset: s.logStartOffset) {
                    return found
                }
            }
            return nil
        }
    }

    public func maxTimestampAndOffset() throws -> (offset: Int64, timestamp: Int64)? {
        try state.withLock { s in
            guard let best = s.batches.max(by: { $0.header.maxTimestamp < $1.header.maxTimestamp }) else { return nil }
            return try DiskLog.firstRecord(in: best.bytes, atOrAfter: best.header.maxTimestamp, minimumOffset: s.logStartOffset)
        }
    }

    public func endOffset(forEpoch epoch: Int32) -> (epoch: Int32, endOffset: Int64) {
        state.withLock { $0.epochs.endOffset(forEpoch: epoch, logEndOffset: $0.logEndOffset) }
    }

    public func truncate(to offset: Int64) throws {
        try state.withLock { s in
            s.batches.removeAll { $0.header.lastOffset >= offset }
            try s.epochs.truncate(fromOffset: s.logEndOffset)
            if s.batches.isEmpty { s.baseOffset = min(s.baseOffset, offset) }
            s.logStartOffset = min(s.logStartOffset, s.logEndOffset)
        }
    }

    public func truncateFullyAndStart(at offset: Int64) throws {
        try state.withLock { s in
            s.batches.removeAll()
            s.baseOffset = offset
            s.logStartOffset = offset
            try s.epochs.clear()
        }
    }

    public func deleteRecords(before offset: Int64) throws {
        try state.withLock { s in
            guard offset <= s.logEndOffset else {
                throw StorageError.offsetOutOfRange(requested: offset, logStart: s.logStartOffset, logEnd: s.logEndOffset)
            }
            s.logStartOffset = max(s.logStartOffset, offset)
            s.batches.removeAll { $0.header.lastOffset < s.logStartOffset }
        }
    }

    public func applyRetention(now: Int64) throws -> Int {
        state.withLock { s in
            guard s.config.retentionBytes >= 0 else { return 0 }
            var removed = 0
            var total = s.batches.reduce(0) { $0 + $1.bytes.readableBytes }
            while s.batches.count > 1, Int64(total - s.batches[0].bytes.readableBytes) >= s.config.retentionBytes {
                total -= s.batches.removeFirst().bytes.readableBytes
                removed += 1
            }
            if let first = s.batches.first { s.logStartOffset = max(s.logStartOffset, first.header.baseOffset) }
            return removed
        }
    }

    public func flush() throws {}
    public func close() throws {}
    public func abandon() {}
    public func delete() throws { state.withLock { $0.batches.removeAll() } }
}
