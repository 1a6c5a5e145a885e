import NIOCore
import SamsaProtocol

/// Rewrites batches for topics with message.timestamp.type=LogAppendTime: sets the timestamp-type bit and
/// maxTimestamp to the broker's clock, then recomputes each CRC (both fields are inside it).
enum LogAppendTime {
    static func stamp(_ records: ByteBuffer, now: Int64) -> ByteBuffer {
        var copy = ByteBuffer()
        copy.reserveCapacity(records.readableBytes)
        copy.writeImmutableBuffer(records)
        var index = copy.readerIndex
        while let header = RecordBatchHeader(buffer: copy, at: index) {
            copy.setInteger(header.attributes | 0x08, at: index + RecordBatchHeader.attributesOffset)
            copy.setInteger(now, at: index + RecordBatchHeader.maxTimestampOffset)
            let crc = CRC32C.checksum(copy, at: index + RecordBatchHeader.attributesOffset,
                                      length: header.totalSize - RecordBatchHeader.attributesOffset)
            copy.setInteger(crc, at: index + RecordBatchHeader.crcOffset)
            index += header.totalSize
        }
        return copy
    }
}
