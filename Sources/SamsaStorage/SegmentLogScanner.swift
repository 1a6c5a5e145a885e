import NIOCore
import SamsaProtocol

/// Walks the batches of a `.log` segment the way Kafka's FileLogInputStream does for kafka-dump-log:
/// every batch's CRC is computed and reported (a corrupt batch is shown as invalid and the walk goes on,
/// since its length still frames the next batch); a batch cut short by the end of the file (or by
/// `maxBytes`) ends the walk and leaves trailing bytes; a size field too small to be a batch ends it with
/// a sentence naming the position, where Kafka would throw.
///
/// Thread-safety: a value type; one walk per instance.
public struct SegmentLogScanner {
    /// Kafka's HEADER_SIZE_UP_TO_MAGIC: offset, size, leader epoch and magic.
    static let headerUpToMagic = 17
    /// Kafka's LegacyRecord.RECORD_OVERHEAD_V0: the smallest size field FileLogInputStream accepts.
    static let minimumRecordOverhead = 14

    /// How a walk ended.
    public enum End: Sendable, Equatable {
        /// Every byte up to the end (or `maxBytes`) was a whole batch.
        case clean
        /// Bytes after the last whole batch: a torn append, or a batch that runs past the end.
        case trailingBytes(Int)
        /// The bytes at `position` cannot be framed as a batch; the walk cannot go on.
        case corrupt(position: Int, reason: String)
    }

    private var window: SegmentDumpWindow
    private let end: Int
    private let deep: Bool
    /// Position of the next batch (the sum of the sizes of the batches walked: Kafka's validBytes).
    public private(set) var position = 0
    public private(set) var finished: End?

    /// `maxBytes` limits the walk to the first bytes of the file, as `--max-bytes` does.
    public init(_ bytes: SegmentDumpBytes, deep: Bool, maxBytes: Int = Int(Int32.max)) {
        window = SegmentDumpWindow(bytes)
        end = min(bytes.size, max(maxBytes, 0))
        self.deep = deep
    }

    /// The next batch, or nil when the walk is over (then `finished` says how).
    public mutating func next() throws -> SegmentDumpBatch? {
        guard finished == nil else { return nil }
        let remaining = end - position
        guard remaining > Self.headerUpToMagic else {
            finished = remaining > 0 ? .trailingBytes(remaining) : .clean
            return nil
        }
        let start = try window.slice(at: position, count: Self.headerUpToMagic)
        let batchLength = Int(start.getInteger(at: start.readerIndex + 8, as: Int32.self)!)
        let magic = start.getInteger(at: start.readerIndex + 16, as: Int8.self)!
        guard batchLength >= Self.minimumRecordOverhead else {
            finished = .corrupt(position: position, reason: "Found record size \(batchLength) smaller than minimum record overhead (\(Self.minimumRecordOverhead))")
            return nil
        }
        let total = batchLength + RecordBatchHeader.logOverhead
        guard total <= remaining else {
            finished = .trailingBytes(remaining)
            return nil
        }
        guard magic == 2 else {
            finished = .corrupt(position: position, reason: "Found a batch with magic \(magic); only RecordBatch v2 (magic 2) is supported")
            return nil
        }
        guard total >= RecordBatchHeader.size else {
            finished = .corrupt(position: position, reason: "Found a batch of \(total) bytes, smaller than a v2 batch header (\(RecordBatchHeader.size) bytes)")
            return nil
        }
        let bytes = try window.slice(at: position, count: total)
        let header = RecordBatchHeader(buffer: bytes, at: bytes.readerIndex)!
        let crc = CRC32C.checksum(bytes, at: bytes.readerIndex + RecordBatchHeader.attributesOffset,
                                  length: total - RecordBatchHeader.attributesOffset)
        var batch = SegmentDumpBatch(position: position, header: header, computedCRC: crc)
        if deep {
            let decoded = SegmentDumpBatch.decodeRecords(bytes, header: header)
            batch.records = decoded.records
            batch.recordError = decoded.error
        }
        position += total
        return batch
    }

    /// Every batch to the end, or the first `limit` (then `end` is nil): tests, the workbench's bounded views.
    public static func scanAll(_ bytes: SegmentDumpBytes, deep: Bool, maxBytes: Int = Int(Int32.max),
                               limit: Int = .max) throws -> (batches: [SegmentDumpBatch], end: End?) {
        var scanner = SegmentLogScanner(bytes, deep: deep, maxBytes: maxBytes)
        var batches: [SegmentDumpBatch] = []
        while batches.count < limit, let batch = try scanner.next() { batches.append(batch) }
        return (batches, scanner.finished)
    }
}
