import NIOCore

/// Reads Kafka's primitive types from one complete frame. `flexible` selects the compact encodings
/// (unsigned-varint lengths, tagged fields) that flexible message versions use. Every shortfall throws:
/// by the time a reader exists, the whole frame has arrived.
public struct KafkaReader: Sendable {
    public var buffer: ByteBuffer
    public var flexible: Bool

    public init(_ buffer: ByteBuffer, flexible: Bool = false) {
        self.buffer = buffer
        self.flexible = flexible
    }

    public var remaining: Int { buffer.readableBytes }

    @inline(__always)
    private mutating func int<T: FixedWidthInteger>(_ type: T.Type, _ field: String) throws -> T {
        guard let value = buffer.readInteger(as: T.self) else { throw ProtocolError.truncated(field: field) }
        return value
    }

    public mutating func readInt8(_ field: String = "int8") throws -> Int8 { try int(Int8.self, field) }
    public mutating func readInt16(_ field: String = "int16") throws -> Int16 { try int(Int16.self, field) }
    public mutating func readInt32(_ field: String = "int32") throws -> Int32 { try int(Int32.self, field) }
    public mutating func readInt64(_ field: String = "int64") throws -> Int64 { try int(Int64.self, field) }
    public mutating func readUInt32(_ field: String = "uint32") throws -> UInt32 { try int(UInt32.self, field) }
    public mutating func readBool(_ field: String = "bool") throws -> Bool { try readInt8(field) != 0 }

    public mutating func readFloat64(_ field: String = "float64") throws -> Double {
        Double(bitPattern: try int(UInt64.self, field))
    }

    public mutating func readUUID(_ field: String = "uuid") throws -> KafkaUUID {
        let high = try int(UInt64.self, field)
        let low = try int(UInt64.self, field)
        return KafkaUUID(high: high, low: low)
    }

    public mutating func readUnsignedVarint(_ field: String = "varint") throws -> UInt32 {
        var result: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            guard let byte = buffer.readInteger(as: UInt8.self) else { throw ProtocolError.truncated(field: field) }
            if shift == 28 && byte > 0x0f { throw ProtocolError.varintTooLong }
            result |= UInt32(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    public mutating func readUnsignedVarlong(_ field: String = "varlong") throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard let byte = buffer.readInteger(as: UInt8.self) else { throw ProtocolError.truncated(field: field) }
            if shift == 63 && byte > 1 { throw ProtocolError.varintTooLong }
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// Zig-zag encoded signed varint, as record fields use.
    public mutating func readVarint(_ field: String = "varint") throws -> Int32 {
        let raw = try readUnsignedVarint(field)
        return Int32(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    public mutating func readVarlong(_ field: String = "varlong") throws -> Int64 {
        let raw = try readUnsignedVarlong(field)
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// Length of a string, bytes or array: -1 means null. Compact forms store length + 1 as an unsigned varint.
    private mutating func readLength(_ field: String, compact: Bool, wide: Bool) throws -> Int {
        let length: Int
        if compact {
            length = Int(try readUnsignedVarint(field)) - 1
        } else if wide {
            length = Int(try readInt32(field))
        } else {
            length = Int(try readInt16(field))
        }
        if length < -1 { throw ProtocolError.negativeLength(field: field, length: length) }
        if length > buffer.readableBytes { throw ProtocolError.truncated(field: field) }
        return length
    }

    public mutating func readNullableString(_ field: String = "string") throws -> String? {
        let length = try readLength(field, compact: flexible, wide: false)
        if length < 0 { return nil }
        return buffer.readString(length: length)
    }

    public mutating func readString(_ field: String = "string") throws -> String {
        guard let value = try readNullableString(field) else {
            throw ProtocolError.negativeLength(field: field, length: -1)
        }
        return value
    }

    /// A string that is never compact, whatever the message version (the request header's client id).
    public mutating func readLegacyNullableString(_ field: String = "string") throws -> String? {
        let length = try readLength(field, compact: false, wide: false)
        if length < 0 { return nil }
        return buffer.readString(length: length)
    }

    /// Bytes as a slice of the frame: no copy.
    public mutating func readNullableBytes(_ field: String = "bytes") throws -> ByteBuffer? {
        let length = try readLength(field, compact: flexible, wide: true)
        if length < 0 { return nil }
        return buffer.readSlice(length: length)
    }

    public mutating func readBytes(_ field: String = "bytes") throws -> ByteBuffer {
        try readNullableBytes(field) ?? ByteBuffer()
    }

    public mutating func readNullableArray<T>(
        _ field: String = "array", _ element: (inout KafkaReader) throws -> T
    ) throws -> [T]? {
        let count = try readLength(field, compact: flexible, wide: true)
        if count < 0 { return nil }
        var result: [T] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try element(&self)) }
        return result
    }

    public mutating func readArray<T>(_ field: String = "array", _ element: (inout KafkaReader) throws -> T) throws -> [T] {
        try readNullableArray(field, element) ?? []
    }

    /// Reads a tagged-field section (flexible versions only). `known` is given each tag with a reader
    /// limited to that field's bytes; tags it does not consume are skipped, as the protocol requires.
    public mutating func readTaggedFields(_ known: (UInt32, inout KafkaReader) throws -> Void = { _, _ in }) throws {
        guard flexible else { return }
        let count = try readUnsignedVarint("tagged fields")
        for _ in 0..<count {
            let tag = try readUnsignedVarint("tag")
            let size = Int(try readUnsignedVarint("tag size"))
            guard let slice = buffer.readSlice(length: size) else { throw ProtocolError.truncated(field: "tagged field \(tag)") }
            var sub = KafkaReader(slice, flexible: true)
            try known(tag, &sub)
        }
    }
}
