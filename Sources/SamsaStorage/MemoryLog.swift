import NIOCore
import SamsaProtocol
import Synchronization

/// An in-memory partition log with `DiskLog`'s semantics (offsets, limits, KIP-74, timestamps, epochs,
/// segments rolled by size and age, truncation, retention, compaction), for tests that need no disk.
///
/// Thread-safety: internally synchronized by one mutex. Compaction holds a second one for its whole run
/// and the first only to snapshot segments and to swap cleaned ones in, as DiskLog does.
public final class MemoryLog: PartitionLog {
    struct State {
        var segments: [MemorySegment]
        var logStartOffset: Int64 = 0
        var config: LogConfig
        var epochs = LeaderEpochCache(path: nil)
        /// The cleaner checkpoint, as in DiskLog.
        var firstDirtyOffset: Int64 = 0
        /// Counts truncations; a compaction pass started before one does not swap its output in.
        var generation = 0
        var tombstoneHorizon: Int64?
        var lastSegmentId = 0

        init(config: LogConfig) {
            self.config = config
            segments = []
            segments = [makeSegment(baseOffset: 0)]
        }

        var logEndOffset: Int64 { segments[segments.count - 1].nextOffset }

        mutating func makeSegment(baseOffset: Int64) -> MemorySegment {
            lastSegmentId += 1
            return MemorySegment(id: lastSegmentId, baseOffset: baseOffset)
        }

        /// Starts a new segment when the active one is due to roll, as DiskLog does.
        mutating func rollIfDue(incoming: Int, now: Int64) {
            let active = segments[segments.count - 1]
            if config.shouldRoll(active, rollClockStart: active.rollClockStart, logEndOffset: logEndOffset,
                                 incoming: incoming, now: now) {
                segments.append(makeSegment(baseOffset: logEndOffset))
            }
        }

        mutating func appendToActive(_ header: RecordBatchHeader, _ bytes: ByteBuffer, now: Int64) {
            segments[segments.count - 1].append(header, bytes)
            if segments[segments.count - 1].rollClockStart == nil { segments[segments.count - 1].rollClockStart = now }
        }

        /// Index of the segment holding `offset` (the last whose base is at or below it).
        func segmentIndex(for offset: Int64) -> Int {
            segments.lastIndex { $0.baseOffset <= offset } ?? 0
        }

        mutating func reset(at offset: Int64) {
            segments = [makeSegment(baseOffset: offset)]
            logStartOffset = offset
            firstDirtyOffset = offset
            generation += 1
        }
    }

    let state: Mutex<State>
    let cleanerLock = Mutex<Void>(())

    public init(config: LogConfig = LogConfig()) {
        state = Mutex(State(config: config))
    }

    public var logStartOffset: Int64 { state.withLock { $0.logStartOffset } }
    public var logEndOffset: Int64 { state.withLock { $0.logEndOffset } }
    public var sizeInBytes: Int64 { state.withLock { Int64($0.segments.reduce(0) { $0 + $1.size }) } }
    public var segmentCount: Int { state.withLock { $0.segments.count } }
    public var config: LogConfig {
        get { state.withLock { $0.config } }
        set { state.withLock { $0.config = newValue } }
    }
    public var epochEntries: [EpochEntry] { state.withLock { $0.epochs.entries } }

    public func append(_ records: ByteBuffer, leaderEpoch: Int32, now: Int64) throws -> AppendResult {
        try state.withLock { s in
            let headers = try DiskLog.parseHeaders(records, limit: s.config.maxMessageBytes)
            s.rollIfDue(incoming: records.readableBytes, now: now)
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
                s.appendToActive(header, bytes, now: now)
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
            for (a, b) in zip(headers, headers.dropFirst()) where b.baseOffset < a.nextOffset {
                throw StorageError.nonMonotonicOffset(expected: a.nextOffset, got: b.baseOffset)
            }
            s.rollIfDue(incoming: records.readableBytes, now: now)
            let active = s.segments[s.segments.count - 1]
            if active.size == 0 && s.segments.count == 1 && active.baseOffset < first && s.logStartOffset == active.baseOffset {
                // An empty log taking replicated data from a later offset starts there.
                s.reset(at: first)
            }
            var index = records.readerIndex
            for header in headers {
                s.appendToActive(header, records.getSlice(at: index, length: header.totalSize)!, now: now)
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
            collecting: for segment in s.segments[s.segmentIndex(for: offset)...] {
                for (header, bytes) in segment.batches[segment.firstBatch(atOrAfter: offset)...] {
                    if header.baseOffset >= limit { break collecting }
                    if out.readableBytes > 0 && out.readableBytes + bytes.readableBytes > maxBytes { break collecting }
                    out.writeImmutableBuffer(bytes)
                }
            }
            return ReadResult(records: out, logStartOffset: s.logStartOffset, logEndOffset: end)
        }
    }

    public func scanProducerBatches(_ visit: (RecordBatchHeader, ControlRecord?) throws -> Void) throws {
        let batches = state.withLock { s in s.segments.flatMap { $0.batches.filter { $0.header.producerId >= 0 } } }
        for (header, bytes) in batches { try visit(header, header.isControl ? ControlRecord(batch: bytes) : nil) }
    }

    public func appendAbortedTransaction(_ transaction: AbortedTransaction) throws {
        state.withLock { s in
            guard transaction.lastOffset < s.logEndOffset, transaction.lastOffset >= s.segments[0].baseOffset else { return }
            _ = s.segments[s.segmentIndex(for: transaction.lastOffset)].txnIndex.append(transaction)
        }
    }

    public func abortedTransactions(from offset: Int64, upTo upperBound: Int64) -> [AbortedTransaction] {
        state.withLock { s in
            TransactionIndex.collect(s.segments[s.segmentIndex(for: offset)...].lazy.map(\.txnIndex), from: offset, upTo: upperBound)
        }
    }

    public func slice(from offset: Int64, maxBytes: Int, maxOffset: Int64?) throws -> ReadResult {
        try read(from: offset, maxBytes: maxBytes, maxOffset: maxOffset)
    }

    public func offset(forTimestamp timestamp: Int64) throws -> (offset: Int64, timestamp: Int64)? {
        try state.withLock { s in
            for segment in s.segments where segment.maxTimestamp >= timestamp {
                for (header, bytes) in segment.batches where header.maxTimestamp >= timestamp && header.lastOffset >= s.logStartOffset {
                    if let found = try DiskLog.firstRecord(in: bytes, atOrAfter: timestamp, minimumOffset: s.logStartOffset) {
                        return found
                    }
                }
            }
            return nil
        }
    }

    public func maxTimestampAndOffset() throws -> (offset: Int64, timestamp: Int64)? {
        try state.withLock { s in
            guard let best = s.segments.flatMap(\.batches).max(by: { $0.header.maxTimestamp < $1.header.maxTimestamp }) else { return nil }
            return try DiskLog.firstRecord(in: best.bytes, atOrAfter: best.header.maxTimestamp, minimumOffset: s.logStartOffset)
        }
    }

    public func endOffset(forEpoch epoch: Int32) -> (epoch: Int32, endOffset: Int64) {
        state.withLock { $0.epochs.endOffset(forEpoch: epoch, logEndOffset: $0.logEndOffset) }
    }

    public func truncate(to offset: Int64) throws {
        try state.withLock { s in
            guard offset < s.logEndOffset else { return }
            if offset <= s.segments[0].baseOffset {
                s.reset(at: max(offset, 0))
                try s.epochs.clear()
                return
            }
            while s.segments.count > 1, s.segments[s.segments.count - 1].baseOffset >= offset { s.segments.removeLast() }
            s.segments[s.segments.count - 1].truncate(to: offset)
            s.generation += 1
            try s.epochs.truncate(fromOffset: s.logEndOffset)
            s.logStartOffset = min(s.logStartOffset, s.logEndOffset)
            s.firstDirtyOffset = min(s.firstDirtyOffset, s.logEndOffset)
        }
    }

    public func truncateFullyAndStart(at offset: Int64) throws {
        try state.withLock { s in
            s.reset(at: offset)
            try s.epochs.clear()
        }
    }

    public func deleteRecords(before offset: Int64) throws {
        try state.withLock { s in
            guard offset <= s.logEndOffset else {
                throw StorageError.offsetOutOfRange(requested: offset, logStart: s.logStartOffset, logEnd: s.logEndOffset)
            }
            guard offset > s.logStartOffset else { return }
            s.logStartOffset = offset
            while s.segments.count > 1, s.segments[1].baseOffset <= offset { s.segments.removeFirst() }
            try s.epochs.truncate(fromStart: offset)
        }
    }

    public func applyRetention(now: Int64, highWatermark: Int64) throws -> Int {
        try state.withLock { s in
            let deleted = s.config.deletableSegmentCount(s.segments, logStartOffset: s.logStartOffset, logEndOffset: s.logEndOffset,
                                                         highWatermark: highWatermark, now: now)
            guard deleted > 0 else { return 0 }
            // Taking the active segment too: roll an empty one at the log end first, as DiskLog does.
            if deleted == s.segments.count { s.segments.append(s.makeSegment(baseOffset: s.logEndOffset)) }
            s.segments.removeFirst(deleted)
            if s.segments[0].baseOffset > s.logStartOffset {
                s.logStartOffset = s.segments[0].baseOffset
                try s.epochs.truncate(fromStart: s.logStartOffset)
            }
            return deleted
        }
    }

    public func flush() throws {}
    public func close() throws {}
    public func abandon() {}
    public func delete() throws { state.withLock { $0.reset(at: $0.logStartOffset) } }
}
