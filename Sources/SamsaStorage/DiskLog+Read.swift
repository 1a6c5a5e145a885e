import NIOCore
import SamsaProtocol

extension DiskLog {
    public func read(from offset: Int64, maxBytes: Int, maxOffset: Int64?) throws -> ReadResult {
        var target = offset
        while true {
            // Under the lock: where to read. Outside it: the read itself.
            let plan = try state.withLock { s -> (RawFile, Int, Int, Int64, Int64, Int64, Int64?)? in
                if s.closed { throw StorageError.closed(directory) }
                let end = s.logEndOffset
                guard offset >= s.logStartOffset && offset <= end else {
                    throw StorageError.offsetOutOfRange(requested: offset, logStart: s.logStartOffset, logEnd: end)
                }
                let limit = min(maxOffset ?? end, end)
                guard target < limit else { return nil }
                let index = s.segmentIndex(for: target)
                let segment = s.segments[index]
                let nextBase = index + 1 < s.segments.count ? s.segments[index + 1].baseOffset : nil
                return (segment.file, segment.startPosition(for: target), segment.size, limit, s.logStartOffset, end, nextBase)
            }
            guard let (file, start, size, limit, logStart, logEnd, nextBase) = plan else {
                return ReadResult(records: ByteBuffer(), logStartOffset: logStartOffset, logEndOffset: logEndOffset)
            }
            let bytes = try LogSegment.readBatches(file: file, from: target, startPosition: start, limit: size,
                                                   maxBytes: max(maxBytes, 1), maxOffset: limit)
            guard bytes.readableBytes == 0, let nextBase, nextBase > target else {
                return ReadResult(records: bytes, logStartOffset: logStart, logEndOffset: logEnd)
            }
            // The offset fell past this segment's last batch (a gap left by compaction, or the segment's
            // end): go on from the next segment's base, looked up afresh since segments may have been
            // merged or deleted meanwhile.
            target = nextBase
        }
    }

    public func slice(from offset: Int64, maxBytes: Int, maxOffset: Int64?) throws -> ReadResult {
        var target = offset
        while true {
            // Under the lock: where to look. Outside it: the batch headers.
            let plan = try state.withLock { s -> (RawFile, Int, Int, Int?, Int64, Int64, Int64, Int64?)? in
                if s.closed { throw StorageError.closed(directory) }
                let end = s.logEndOffset
                guard offset >= s.logStartOffset && offset <= end else {
                    throw StorageError.offsetOutOfRange(requested: offset, logStart: s.logStartOffset, logEnd: end)
                }
                let limit = min(maxOffset ?? end, end)
                guard target < limit else { return nil }
                let index = s.segmentIndex(for: target)
                let segment = s.segments[index]
                let nextBase = index + 1 < s.segments.count ? s.segments[index + 1].baseOffset : nil
                let limitPosition = limit < segment.nextOffset ? segment.startPosition(for: limit) : nil
                return (segment.file, segment.startPosition(for: target), segment.size, limitPosition, limit,
                        s.logStartOffset, end, nextBase)
            }
            guard let (file, start, size, limitPosition, limit, logStart, logEnd, nextBase) = plan else {
                return ReadResult(records: ByteBuffer(), logStartOffset: logStartOffset, logEndOffset: logEndOffset)
            }
            if let (position, count) = try LogSegment.locateBatches(file: file, from: target, startPosition: start, limit: size,
                                                                  maxBytes: max(maxBytes, 1), maxOffset: limit,
                                                                  maxOffsetPosition: limitPosition) {
                let records = FileRecords(descriptor: file.descriptor, position: position, count: count, owner: file)
                return ReadResult(records: ByteBuffer(), file: records, logStartOffset: logStart, logEndOffset: logEnd)
            }
            // Past this segment's last batch (a compaction gap, or its end): go on from the next one.
            guard let nextBase, nextBase > target else {
                return ReadResult(records: ByteBuffer(), logStartOffset: logStart, logEndOffset: logEnd)
            }
            target = nextBase
        }
    }

    public func producerBatches(newerThan timestamp: Int64) throws -> [RecordBatchHeader] {
        let segments = state.withLock { s in
            s.segments.filter { $0.maxTimestamp >= timestamp || $0 === s.active }.map { ($0.file, $0.size) }
        }
        var headers: [RecordBatchHeader] = []
        for (file, size) in segments {
            var scanner = BatchScanner(file: file, from: 0, to: size, validate: false, chunkSize: 64 * 1024)
            while case .batch(_, let header) = try scanner.next() {
                if header.producerId >= 0 { headers.append(header) }
            }
        }
        return headers
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
