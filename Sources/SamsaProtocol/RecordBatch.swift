import NIOCore

/// A decoded batch: its header and records. Decoding is for clients and tools (consumers, compaction,
/// `__consumer_offsets`); the broker's produce and fetch paths move batches as bytes.
public struct RecordBatch: Sendable, Equatable {
    public var header: RecordBatchHeader
    public var records: [Record]

    public init(header: RecordBatchHeader, records: [Record]) {
        self.header = header
        self.records = records
    }

    public func offset(of record: Record) -> Int64 { header.baseOffset + Int64(record.offsetDelta) }

    public func timestamp(of record: Record) -> Int64 {
        header.isLogAppendTime ? header.maxTimestamp : header.baseTimestamp + record.timestampDelta
    }

    /// Decodes every complete batch in `buffer`. A partial batch at the end (a fetch response may cut one)
    /// is ignored, as clients do. CRCs are checked when `verifyCRC` is set.
    public static func decodeAll(_ buffer: ByteBuffer, verifyCRC: Bool = true) throws -> [RecordBatch] {
        var batches: [RecordBatch] = []
        var index = buffer.readerIndex
        while let header = RecordBatchHeader(buffer: buffer, at: index), index + header.totalSize <= buffer.writerIndex {
            let checked = verifyCRC ? try RecordBatchHeader.validate(buffer: buffer, at: index) : header
            let body = buffer.getSlice(at: index + RecordBatchHeader.size, length: header.totalSize - RecordBatchHeader.size)!
            batches.append(RecordBatch(header: checked, records: try decodeRecords(body, header: checked)))
            index += header.totalSize
        }
        return batches
    }

    static func decodeRecords(_ body: ByteBuffer, header: RecordBatchHeader) throws -> [Record] {
        guard let codec = header.compression else {
            throw ProtocolError.unsupportedCompression(Int(header.attributes & 0x07))
        }
        // Compressed batches are stored and served as received; only decoding them needs the codec.
        var reader = KafkaReader(codec == .none ? body : try RecordCompression.decompress(body, codec: codec))
        let count = Int(header.recordCount)
        guard count >= 0, count <= reader.remaining else {
            throw ProtocolError.invalidRecordBatch("record count \(count) exceeds the batch")
        }
        var records: [Record] = []
        records.reserveCapacity(count)
        for _ in 0..<count { records.append(try Record(from: &reader)) }
        return records
    }
}
