import NIOCore

/// Encodes records into one RecordBatch v2 with its CRC, uncompressed. Used by producers and by the
/// broker for the records it writes itself (`__consumer_offsets`).
public struct RecordBatchBuilder: Sendable {
    public var baseOffset: Int64
    public var partitionLeaderEpoch: Int32 = -1
    public var producerId: Int64 = -1
    public var producerEpoch: Int16 = -1
    public var baseSequence: Int32 = -1
    /// Attributes bit 4: the batch belongs to a transaction (KIP-98).
    public var isTransactional = false
    /// Attributes bit 5: the batch holds control records (end-transaction markers).
    public var isControl = false
    public private(set) var recordCount = 0
    private var baseTimestamp: Int64?
    private var maxTimestamp: Int64 = -1
    private var body: KafkaWriter

    public init(baseOffset: Int64 = 0, capacity: Int = 1024) {
        self.baseOffset = baseOffset
        body = KafkaWriter(buffer: ByteBuffer())
        body.buffer.reserveCapacity(capacity)
    }

    public var isEmpty: Bool { recordCount == 0 }
    /// Bytes the batch will take once built.
    public var estimatedSize: Int { RecordBatchHeader.size + body.buffer.readableBytes }

    public mutating func append(key: ByteBuffer?, value: ByteBuffer?, headers: [RecordHeader] = [], timestamp: Int64) {
        let base = baseTimestamp ?? timestamp
        if baseTimestamp == nil { baseTimestamp = timestamp }
        maxTimestamp = max(maxTimestamp, timestamp)
        Record(timestampDelta: timestamp - base, offsetDelta: Int32(recordCount), key: key, value: value, headers: headers)
            .write(to: &body)
        recordCount += 1
    }

    /// The batch with its records compressed by `codec` (the header and CRC cover the compressed bytes).
    public func build(compression codec: CompressionCodec) throws -> ByteBuffer {
        guard codec != .none else { return build() }
        return assemble(records: try RecordCompression.compress(body.buffer, codec: codec), codec: codec)
    }

    public func build() -> ByteBuffer {
        assemble(records: body.buffer, codec: .none)
    }

    private func assemble(records: ByteBuffer, codec: CompressionCodec) -> ByteBuffer {
        var header = RecordBatchHeader(
            baseOffset: baseOffset,
            batchLength: Int32(RecordBatchHeader.size - RecordBatchHeader.logOverhead + records.readableBytes),
            partitionLeaderEpoch: partitionLeaderEpoch,
            attributes: (isControl ? RecordBatchHeader.controlFlag : 0) | (isTransactional ? RecordBatchHeader.transactionalFlag : 0)
                | codec.rawValue,
            lastOffsetDelta: Int32(max(recordCount - 1, 0)),
            baseTimestamp: baseTimestamp ?? -1,
            maxTimestamp: maxTimestamp,
            producerId: producerId,
            producerEpoch: producerEpoch,
            baseSequence: baseSequence,
            recordCount: Int32(recordCount)
        )
        var out = ByteBuffer()
        out.reserveCapacity(RecordBatchHeader.size + records.readableBytes)
        header.write(to: &out)
        var payload = records
        out.writeBuffer(&payload)
        header.crc = CRC32C.checksum(out, at: out.readerIndex + RecordBatchHeader.attributesOffset,
                                     length: out.readableBytes - RecordBatchHeader.attributesOffset)
        out.setInteger(header.crc, at: out.readerIndex + RecordBatchHeader.crcOffset)
        return out
    }
}
