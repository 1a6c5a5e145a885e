import NIOCore
import SamsaProtocol

/// One record of an uncompressed v2 batch, located in the batch's bytes without decoding its value or
/// headers: what compaction decides on (offset, key, whether a value exists) and where the record lies,
/// so a kept record is copied byte for byte.
struct RecordSlot {
    /// Byte range of the whole record, length prefix included, relative to the batch's first byte.
    var range: Range<Int>
    /// Where the bytes after the timestamp delta start (offset delta, key, value, headers), batch-relative.
    var afterTimestamp: Int
    var attributes: Int8
    var timestampDelta: Int64
    var offsetDelta: Int32
    /// A slice of the batch; nil for a record without a key.
    var key: ByteBuffer?
    /// False for a tombstone (null value).
    var hasValue: Bool

    /// The records of the batch starting at `batch.readerIndex`. Throws if any record is malformed.
    static func all(in batch: ByteBuffer, header: RecordBatchHeader) throws -> [RecordSlot] {
        let bodyLength = header.totalSize - RecordBatchHeader.size
        guard bodyLength >= 0, let body = batch.getSlice(at: batch.readerIndex + RecordBatchHeader.size, length: bodyLength) else {
            throw StorageError.invalidBatch("the batch is shorter than its length field")
        }
        let count = Int(header.recordCount)
        guard count >= 0, count <= bodyLength else { throw StorageError.invalidBatch("record count \(count) exceeds the batch") }
        var reader = KafkaReader(body)
        var slots: [RecordSlot] = []
        slots.reserveCapacity(count)
        for _ in 0..<count {
            let start = reader.buffer.readerIndex
            let length = Int(try reader.readVarint("record length"))
            let recordStart = reader.buffer.readerIndex
            guard length > 0, length <= reader.remaining else { throw StorageError.invalidBatch("record length \(length) overruns the batch") }
            let attributes = try reader.readInt8("record attributes")
            let timestampDelta = try reader.readVarlong("timestamp delta")
            let afterTimestamp = reader.buffer.readerIndex
            let offsetDelta = try reader.readVarint("offset delta")
            let keyLength = Int(try reader.readVarint("key length"))
            var key: ByteBuffer?
            if keyLength >= 0 {
                guard let slice = reader.buffer.readSlice(length: keyLength) else { throw StorageError.invalidBatch("key overruns its record") }
                key = slice
            }
            let valueLength = try reader.readVarint("value length")
            let end = recordStart + length
            guard reader.buffer.readerIndex <= end, valueLength <= end - reader.buffer.readerIndex else {
                throw StorageError.invalidBatch("record fields overrun the record length")
            }
            reader.buffer.moveReaderIndex(to: end)
            let shift = RecordBatchHeader.size
            slots.append(RecordSlot(range: (start + shift)..<(end + shift), afterTimestamp: afterTimestamp + shift,
                                    attributes: attributes, timestampDelta: timestampDelta, offsetDelta: offsetDelta,
                                    key: key, hasValue: valueLength >= 0))
        }
        guard reader.remaining == 0 else { throw StorageError.invalidBatch("bytes follow the last record") }
        return slots
    }
}
