import NIOCore

public struct RecordHeader: Sendable, Equatable {
    public var key: String
    public var value: ByteBuffer?

    public init(key: String, value: ByteBuffer?) {
        self.key = key
        self.value = value
    }
}

/// One record inside a v2 batch. Offsets and timestamps are deltas from the batch's base values.
public struct Record: Sendable, Equatable {
    public var attributes: Int8
    public var timestampDelta: Int64
    public var offsetDelta: Int32
    public var key: ByteBuffer?
    public var value: ByteBuffer?
    public var headers: [RecordHeader]

    public init(attributes: Int8 = 0, timestampDelta: Int64 = 0, offsetDelta: Int32 = 0,
                key: ByteBuffer?, value: ByteBuffer?, headers: [RecordHeader] = []) {
        self.attributes = attributes
        self.timestampDelta = timestampDelta
        self.offsetDelta = offsetDelta
        self.key = key
        self.value = value
        self.headers = headers
    }

    /// Reads one record (length-prefixed) from `reader`.
    public init(from reader: inout KafkaReader) throws {
        let length = Int(try reader.readVarint("record length"))
        guard length >= 0, let body = reader.buffer.readSlice(length: length) else {
            throw ProtocolError.invalidRecordBatch("record length \(length) overruns the batch")
        }
        var r = KafkaReader(body)
        attributes = try r.readInt8("record attributes")
        timestampDelta = try r.readVarlong("timestamp delta")
        offsetDelta = try r.readVarint("offset delta")
        key = try Self.readVarBytes(&r, "record key")
        value = try Self.readVarBytes(&r, "record value")
        let count = Int(try r.readVarint("header count"))
        guard count >= 0, count <= r.remaining else { throw ProtocolError.invalidRecordBatch("bad header count \(count)") }
        headers = []
        headers.reserveCapacity(count)
        for _ in 0..<count {
            let keyLength = Int(try r.readVarint("header key length"))
            guard keyLength >= 0, let keyString = r.buffer.readString(length: keyLength) else {
                throw ProtocolError.invalidRecordBatch("bad header key length \(keyLength)")
            }
            headers.append(RecordHeader(key: keyString, value: try Self.readVarBytes(&r, "header value")))
        }
    }

    private static func readVarBytes(_ r: inout KafkaReader, _ field: String) throws -> ByteBuffer? {
        let length = Int(try r.readVarint(field))
        if length < 0 { return nil }
        guard let slice = r.buffer.readSlice(length: length) else { throw ProtocolError.truncated(field: field) }
        return slice
    }

    /// Writes this record, length-prefixed, as it appears inside a batch. The length is computed first so
    /// the record is written in place, without a temporary buffer (the producer's per-record hot path).
    public func write(to writer: inout KafkaWriter) {
        var length = 1 + Self.varlongSize(timestampDelta) + Self.varintSize(offsetDelta)
            + Self.bytesSize(key) + Self.bytesSize(value) + Self.varintSize(Int32(headers.count))
        for header in headers {
            let keyLength = header.key.utf8.count
            length += Self.varintSize(Int32(keyLength)) + keyLength + Self.bytesSize(header.value)
        }
        writer.writeVarint(Int32(length))
        writer.writeInt8(attributes)
        writer.writeVarlong(timestampDelta)
        writer.writeVarint(offsetDelta)
        Self.writeVarBytes(&writer, key)
        Self.writeVarBytes(&writer, value)
        writer.writeVarint(Int32(headers.count))
        for header in headers {
            writer.writeVarint(Int32(header.key.utf8.count))
            writer.buffer.writeString(header.key)
            Self.writeVarBytes(&writer, header.value)
        }
    }

    static func varintSize(_ value: Int32) -> Int {
        var v = UInt32(bitPattern: (value << 1) ^ (value >> 31))
        var size = 1
        while v >= 0x80 { v >>= 7; size += 1 }
        return size
    }

    static func varlongSize(_ value: Int64) -> Int {
        var v = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        var size = 1
        while v >= 0x80 { v >>= 7; size += 1 }
        return size
    }

    static func bytesSize(_ bytes: ByteBuffer?) -> Int {
        guard let bytes else { return 1 }
        return varintSize(Int32(bytes.readableBytes)) + bytes.readableBytes
    }

    private static func writeVarBytes(_ w: inout KafkaWriter, _ bytes: ByteBuffer?) {
        guard let bytes else { return w.writeVarint(-1) }
        w.writeVarint(Int32(bytes.readableBytes))
        w.buffer.writeImmutableBuffer(bytes)
    }
}
