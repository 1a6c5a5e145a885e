import NIOCore
import SamsaProtocol

extension DiskLog {
    public func read(from offset: Int64, maxBytes: Int, maxOffset: Int64?) throws -> ReadResult {
        try readAcrossSegments(from: offset, maxOffset: maxOffset) { target, plan in
            let bytes = try LogSegment.readBatches(file: plan.file, from: target, startPosition: plan.start, limit: plan.size,
                                                   maxBytes: max(maxBytes, 1), maxOffset: plan.limit)
            return bytes.readableBytes == 0 ? nil
                : ReadResult(records: bytes, logStartOffset: plan.logStart, logEndOffset: plan.logEnd)
        }
    }

    public func slice(from offset: Int64, maxBytes: Int, maxOffset: Int64?) throws -> ReadResult {
        try readAcrossSegments(from: offset, maxOffset: maxOffset) { target, plan in
            guard let (position, count) = try LogSegment.locateBatches(
                file: plan.file, from: target, startPosition: plan.start, limit: plan.size, maxBytes: max(maxBytes, 1),
                maxOffset: plan.limit, maxOffsetPosition: plan.limitPosition) else { return nil }
            let records = FileRecords(descriptor: plan.file.descriptor, position: position, count: count, owner: plan.file)
            let upperBound = state.withLock { s -> Int64? in
                let segment = s.segments[s.segmentIndex(for: target)]
                return segment.file === plan.file ? segment.offset(atOrAfterPosition: position + count) : nil
            }
            return ReadResult(records: ByteBuffer(), file: records, logStartOffset: plan.logStart, logEndOffset: plan.logEnd,
                              upperBoundOffset: upperBound ?? plan.limit)
        }
    }

    /// Where one segment's part of a read lies, found under the lock; the reading happens outside it.
    struct SegmentReadPlan {
        let file: RawFile
        /// Where to start looking for the target offset (from the sparse index), and the segment's size.
        let start: Int
        let size: Int
        /// No batch at or after `limit` is read; `limitPosition` is where to look for it, if in this segment.
        let limit: Int64
        let limitPosition: Int?
        let logStart: Int64
        let logEnd: Int64
        let nextBase: Int64?
    }

    /// Runs `readSegment` on the segment holding the target offset; when it finds no batch there (a gap left by
    /// compaction, or the segment's end) it goes on from the next segment's base, looked up afresh since segments
    /// may have been merged or deleted meanwhile.
    private func readAcrossSegments(from offset: Int64, maxOffset: Int64?,
                                    _ readSegment: (Int64, SegmentReadPlan) throws -> ReadResult?) throws -> ReadResult {
        var target = offset
        while true {
            let plan = try state.withLock { s -> SegmentReadPlan? in
                if s.closed { throw StorageError.closed(directory) }
                let end = s.logEndOffset
                guard offset >= s.logStartOffset && offset <= end else {
                    throw StorageError.offsetOutOfRange(requested: offset, logStart: s.logStartOffset, logEnd: end)
                }
                let limit = min(maxOffset ?? end, end)
                guard target < limit else { return nil }
                let index = s.segmentIndex(for: target)
                let segment = s.segments[index]
                return SegmentReadPlan(
                    file: segment.file, start: segment.startPosition(for: target), size: segment.size, limit: limit,
                    limitPosition: limit < segment.nextOffset ? segment.startPosition(for: limit) : nil,
                    logStart: s.logStartOffset, logEnd: end,
                    nextBase: index + 1 < s.segments.count ? s.segments[index + 1].baseOffset : nil)
            }
            guard let plan else {
                return ReadResult(records: ByteBuffer(), logStartOffset: logStartOffset, logEndOffset: logEndOffset)
            }
            if let found = try readSegment(target, plan) { return found }
            guard let nextBase = plan.nextBase, nextBase > target else {
                return ReadResult(records: ByteBuffer(), logStartOffset: plan.logStart, logEndOffset: plan.logEnd)
            }
            target = nextBase
        }
    }

    public func offset(forTimestamp timestamp: Int64) throws -> (offset: Int64, timestamp: Int64)? {
        try state.withLock { s in
            for segment in s.segments where segment.nextOffset > s.logStartOffset {
                if let found = try segment.firstRecord(atOrAfter: timestamp, minimumOffset: s.logStartOffset) { return found }
            }
            return nil
        }
    }

    public func maxTimestampAndOffset() throws -> (offset: Int64, timestamp: Int64)? {
        try state.withLock { s in
            guard let segment = s.segments.max(by: { $0.maxTimestamp < $1.maxTimestamp }), segment.maxTimestamp >= 0,
                  let bytes = try segment.batch(startingAt: segment.maxTimestampBatchOffset) else { return nil }
            return try Self.firstRecord(in: bytes, atOrAfter: segment.maxTimestamp, minimumOffset: s.logStartOffset)
        }
    }

    /// The first record in `batch` with a timestamp at least `timestamp`. A compressed batch, which this
    /// module cannot open, answers with its base offset and max timestamp.
    static func firstRecord(in batch: ByteBuffer, atOrAfter timestamp: Int64,
                            minimumOffset: Int64) throws -> (offset: Int64, timestamp: Int64)? {
        guard let header = RecordBatchHeader(buffer: batch, at: batch.readerIndex) else { return nil }
        guard header.compression == CompressionCodec.none, let decoded = try? RecordBatch.decodeAll(batch, verifyCRC: false).first else {
            return (max(header.baseOffset, minimumOffset), header.maxTimestamp)
        }
        for record in decoded.records {
            let offset = decoded.offset(of: record)
            let recordTime = decoded.timestamp(of: record)
            if offset >= minimumOffset && recordTime >= timestamp { return (offset, recordTime) }
        }
        return nil
    }
}

extension DiskLog {
    public func appendAbortedTransaction(_ transaction: AbortedTransaction) throws {
        try state.withLock { s in
            guard !s.closed, transaction.lastOffset < s.logEndOffset, transaction.lastOffset >= s.segments[0].baseOffset else { return }
            try s.segments[s.segmentIndex(for: transaction.lastOffset)].appendAbortedTransaction(transaction)
        }
    }

    public func abortedTransactions(from offset: Int64, upTo upperBound: Int64) -> [AbortedTransaction] {
        state.withLock { s in
            TransactionIndex.collect(s.segments[s.segmentIndex(for: offset)...].lazy.map(\.txnIndex), from: offset, upTo: upperBound)
        }
    }

    public func scanProducerBatches(_ visit: (RecordBatchHeader, ControlRecord?) throws -> Void) throws {
        let segments = state.withLock { s in s.segments.map { ($0.file, $0.size) } }
        for (file, size) in segments {
            var scanner = BatchScanner(file: file, from: 0, to: size, validate: false, chunkSize: 64 * 1024)
            while case .batch(let position, let header) = try scanner.next() {
                guard header.producerId >= 0 else { continue }
                let marker = header.isControl ? ControlRecord(batch: try scanner.bytes(at: position, count: header.totalSize)) : nil
                try visit(header, marker)
            }
        }
    }
}
