import NIOCore

public enum CompressionCodec: Int16, Sendable, CaseIterable {
    case none = 0, gzip = 1, snappy = 2, lz4 = 3, zstd = 4

    /// From a `compression.type` value ("none", "gzip", "snappy", "lz4", "zstd").
    public init?(name: String) {
        guard let codec = Self.allCases.first(where: { "\($0)" == name.lowercased() }) else { return nil }
        self = codec
    }
}

/// The 61-byte header of a RecordBatch v2 (magic 2), the only record format Samsa stores.
///
///     baseOffset int64 | batchLength int32 | partitionLeaderEpoch int32 | magic int8 | crc uint32 |
///     attributes int16 | lastOffsetDelta int32 | baseTimestamp int64 | maxTimestamp int64 |
///     producerId int64 | producerEpoch int16 | baseSequence int32 | recordCount int32 | records…
///
/// The CRC covers attributes to the end, so the broker may rewrite baseOffset and partitionLeaderEpoch
/// without recomputing it.
public struct RecordBatchHeader: Sendable, Equatable {
    public static let size = 61
    /// Bytes before `batchLength` counts: baseOffset and batchLength themselves.
    public static let logOverhead = 12
    public static let leaderEpochOffset = 12
    public static let magicOffset = 16
    public static let crcOffset = 17
    public static let attributesOffset = 21
    public static let lastOffsetDeltaOffset = 23
    public static let maxTimestampOffset = 35
    /// Attribute bits for transactional and control batches.
    public static let transactionalFlag: Int16 = 0x10
    public static let controlFlag: Int16 = 0x20

    public var baseOffset: Int64
    public var batchLength: Int32
    public var partitionLeaderEpoch: Int32
    public var magic: Int8
    public var crc: UInt32
    public var attributes: Int16
    public var lastOffsetDelta: Int32
    public var baseTimestamp: Int64
    public var maxTimestamp: Int64
    public var producerId: Int64
    public var producerEpoch: Int16
    public var baseSequence: Int32
    public var recordCount: Int32

    public init(baseOffset: Int64 = 0, batchLength: Int32 = 0, partitionLeaderEpoch: Int32 = -1, magic: Int8 = 2,
                crc: UInt32 = 0, attributes: Int16 = 0, lastOffsetDelta: Int32 = 0, baseTimestamp: Int64 = 0,
                maxTimestamp: Int64 = 0, producerId: Int64 = -1, producerEpoch: Int16 = -1, baseSequence: Int32 = -1,
                recordCount: Int32 = 0) {
        self.baseOffset = baseOffset
        self.batchLength = batchLength
        self.partitionLeaderEpoch = partitionLeaderEpoch
        self.magic = magic
        self.crc = crc
        self.attributes = attributes
        self.lastOffsetDelta = lastOffsetDelta
        self.baseTimestamp = baseTimestamp
        self.maxTimestamp = maxTimestamp
        self.producerId = producerId
        self.producerEpoch = producerEpoch
        self.baseSequence = baseSequence
        self.recordCount = recordCount
    }

    /// Reads a header at absolute `index` without moving the reader index. Nil if fewer than 61 bytes remain.
    public init?(buffer: ByteBuffer, at index: Int) {
        guard index >= buffer.readerIndex, index + Self.size <= buffer.writerIndex else { return nil }
        baseOffset = buffer.getInteger(at: index)!
        batchLength = buffer.getInteger(at: index + 8)!
        partitionLeaderEpoch = buffer.getInteger(at: index + 12)!
        magic = buffer.getInteger(at: index + 16)!
        crc = buffer.getInteger(at: index + 17)!
        attributes = buffer.getInteger(at: index + 21)!
        lastOffsetDelta = buffer.getInteger(at: index + 23)!
        baseTimestamp = buffer.getInteger(at: index + 27)!
        maxTimestamp = buffer.getInteger(at: index + 35)!
        producerId = buffer.getInteger(at: index + 43)!
        producerEpoch = buffer.getInteger(at: index + 51)!
        baseSequence = buffer.getInteger(at: index + 53)!
        recordCount = buffer.getInteger(at: index + 57)!
    }

    public func write(to buffer: inout ByteBuffer) {
        buffer.writeInteger(baseOffset)
        buffer.writeInteger(batchLength)
        buffer.writeInteger(partitionLeaderEpoch)
        buffer.writeInteger(magic)
        buffer.writeInteger(crc)
        buffer.writeInteger(attributes)
        buffer.writeInteger(lastOffsetDelta)
        buffer.writeInteger(baseTimestamp)
        buffer.writeInteger(maxTimestamp)
        buffer.writeInteger(producerId)
        buffer.writeInteger(producerEpoch)
        buffer.writeInteger(baseSequence)
        buffer.writeInteger(recordCount)
    }

    /// Whole batch size on disk and on the wire.
    public var totalSize: Int { Int(batchLength) + Self.logOverhead }
    public var lastOffset: Int64 { baseOffset + Int64(lastOffsetDelta) }
    /// Offset the batch after this one starts at.
    public var nextOffset: Int64 { lastOffset + 1 }

    public var compression: CompressionCodec? { CompressionCodec(rawValue: attributes & 0x07) }
    public var isLogAppendTime: Bool { attributes & 0x08 != 0 }
    public var isTransactional: Bool { attributes & Self.transactionalFlag != 0 }
    public var isControl: Bool { attributes & Self.controlFlag != 0 }
    public var hasDeleteHorizon: Bool { attributes & 0x40 != 0 }
}

extension RecordBatchHeader {
    /// Checks the batch starting at absolute `index`: magic 2, a sane length that fits in `buffer`, a record
    /// count that agrees with lastOffsetDelta for uncompressed batches, and the CRC. Returns the header.
    public static func validate(buffer: ByteBuffer, at index: Int) throws -> RecordBatchHeader {
        guard let header = RecordBatchHeader(buffer: buffer, at: index) else {
            throw ProtocolError.invalidRecordBatch("fewer than \(size) bytes for a batch header")
        }
        guard header.magic == 2 else {
            throw ProtocolError.invalidRecordBatch("magic \(header.magic) is not 2 (only RecordBatch v2 is supported)")
        }
        guard header.totalSize >= size, index + header.totalSize <= buffer.writerIndex else {
            throw ProtocolError.invalidRecordBatch("batch length \(header.batchLength) does not match the bytes sent")
        }
        guard header.recordCount >= 0, header.lastOffsetDelta >= 0 else {
            throw ProtocolError.invalidRecordBatch("negative record count or offset delta")
        }
        let computed = CRC32C.checksum(buffer, at: index + attributesOffset, length: header.totalSize - attributesOffset)
        guard computed == header.crc else {
            throw ProtocolError.corruptRecordBatch(expectedCRC: header.crc, actualCRC: computed)
        }
        return header
    }

    /// Validates every batch in `records` (a produce payload), which must hold at least one batch and
    /// nothing else.
    public static func validateAll(_ records: ByteBuffer) throws -> [RecordBatchHeader] {
        var headers: [RecordBatchHeader] = []
        var index = records.readerIndex
        while index < records.writerIndex {
            let header = try validate(buffer: records, at: index)
            headers.append(header)
            index += header.totalSize
        }
        guard !headers.isEmpty else { throw ProtocolError.invalidRecordBatch("no record batch in the request") }
        return headers
    }
}
