import NIOCore
import SamsaProtocol

extension RecordBatchBuilder {
    /// Attribute bit 4: the batch belongs to a transaction.
    static let transactionalAttribute: Int16 = 0x10

    /// The batch built as `build(compression:)` does, with the transactional attribute set when asked (the
    /// CRC covers the attributes, so it is computed again).
    func build(compression codec: CompressionCodec, transactional: Bool) throws -> ByteBuffer {
        var out = try build(compression: codec)
        if transactional { Self.markTransactional(&out) }
        return out
    }

    static func markTransactional(_ batch: inout ByteBuffer) {
        let start = batch.readerIndex
        guard let attributes = batch.getInteger(at: start + RecordBatchHeader.attributesOffset, as: Int16.self) else { return }
        batch.setInteger(attributes | transactionalAttribute, at: start + RecordBatchHeader.attributesOffset)
        let crc = CRC32C.checksum(batch, at: start + RecordBatchHeader.attributesOffset,
                                  length: batch.readableBytes - RecordBatchHeader.attributesOffset)
        batch.setInteger(crc, at: start + RecordBatchHeader.crcOffset)
    }
}
