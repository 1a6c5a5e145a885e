import NIOCore
import SamsaProtocol

extension DiskLog {
    public func read(from offset: Int64, maxBytes: Int, maxOffset: Int64?) throws -> ReadResult {
        var target = offset
        var segmentIndex: Int?
        while true {
            // Under the lock: where to read. Outside it: the read itself.
            let plan = try state.withLock { s -> (RawFile, Int, Int, Int64, Int64, Int64, Int, Int)? in
                if s.closed { throw StorageError.closed(directory) }
                let end = s.logEndOffset
                guard offset >= s.logStartOffset && offset <= end else {
                    throw StorageError.offsetOutOfRange(requested: offset, logStart: s.logStartOffset, logEnd: end)
                }
                let limit = min(maxOffset ?? end, end)
                let index = segmentIndex ?? s.segmentIndex(for: target)
                guard target < limit, index < s.segments.count else { return nil }
                let segment = s.segments[index]
                return (segment.file, segment.startPosition(for: target), segment.size, limit, s.logStartOffset, end,
                        index, s.segments.count)
            }
            guard let (file, start, size, limit, logStart, logEnd, index, count) = plan else {
                return ReadResult(records: ByteBuffer(), logStartOffset: logStartOffset, logEndOffset: logEndOffset)
            }
            let bytes = try LogSegment.readBatches(file: file, from: target, startPosition: start, limit: size,
                                                   maxBytes: max(maxBytes, 1), maxOffset: limit)
            if bytes.readableBytes > 0 || index + 1 >= count {
                return ReadResult(records: bytes, logStartOffset: logStart, logEndOffset: logEnd)
            }
            // The offset fell past this segment's last batch (a gap): continue in the next segment.
            segmentIndex = index + 1
            target = max(target, state.withLock { s in index + 1 < s.segments.count ? s.segments[index + 1].baseOffset : target })
        }
    }

    public func offset(forTimestamp timestamp: Int64) throws -> (offset: Int64, timestamp: Int64)? {
        try state.withLock { s in
            for segment in s.segments {
                guard let bytes = try segment.firstBatch(atOrAfter: timestamp) else { continue }
                return try Self.firstRecord(in: bytes, atOrAfter: timestamp, minimumOffset: s.logStartOffset)
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
