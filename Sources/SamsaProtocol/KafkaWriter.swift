import NIOCore

/// Writes Kafka's primitive types; the mirror of `KafkaReader`.
public struct KafkaWriter: Sendable {
    public var buffer: ByteBuffer
    public var flexible: Bool
    /// What was written before `buffer`, when some of it is not copied into a buffer (`writeRecords`).
    public private(set) var earlierParts: [FramePart] = []

    public init(buffer: ByteBuffer = ByteBuffer(), flexible: Bool = false) {
        self.buffer = buffer
        self.flexible = flexible
    }

    public mutating func writeInt8(_ value: Int8) { buffer.writeInteger(value) }
    public mutating func writeInt16(_ value: Int16) { buffer.writeInteger(value) }
    public mutating func writeInt32(_ value: Int32) { buffer.writeInteger(value) }
    public mutating func writeInt64(_ value: Int64) { buffer.writeInteger(value) }
    public mutating func writeUInt32(_ value: UInt32) { buffer.writeInteger(value) }
    public mutating func writeBool(_ value: Bool) { buffer.writeInteger(value ? 1 : 0 as Int8) }
    public mutating func writeFloat64(_ value: Double) { buffer.writeInteger(value.bitPattern) }

    public mutating func writeUUID(_ value: KafkaUUID) {
        buffer.writeInteger(value.high)
        buffer.writeInteger(value.low)
    }

    public mutating func writeUnsignedVarint(_ value: UInt32) {
        var v = value
        while v >= 0x80 {
            buffer.writeInteger(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        buffer.writeInteger(UInt8(v))
    }

    public mutating func writeUnsignedVarlong(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            buffer.writeInteger(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        buffer.writeInteger(UInt8(v))
    }

    public mutating func writeVarint(_ value: Int32) {
        writeUnsignedVarint(UInt32(bitPattern: (value << 1) ^ (value >> 31)))
    }

    public mutating func writeVarlong(_ value: Int64) {
        writeUnsignedVarlong(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    private mutating func writeLength(_ length: Int, wide: Bool) {
        if flexible {
            writeUnsignedVarint(UInt32(length + 1))
        } else if wide {
            writeInt32(Int32(length))
        } else {
            writeInt16(Int16(length))
        }
    }

    public mutating func writeNullableString(_ value: String?) {
        guard let value else { return writeLength(-1, wide: false) }
        writeLength(value.utf8.count, wide: false)
        buffer.writeString(value)
    }

    public mutating func writeString(_ value: String) { writeNullableString(value) }

    /// A string that is never compact (the request header's client id).
    public mutating func writeLegacyNullableString(_ value: String?) {
        guard let value else { return writeInt16(-1) }
        writeInt16(Int16(value.utf8.count))
        buffer.writeString(value)
    }

    public mutating func writeNullableBytes(_ value: ByteBuffer?) {
        guard var value else { return writeLength(-1, wide: true) }
        writeLength(value.readableBytes, wide: true)
        buffer.writeBuffer(&value)
    }

    public mutating func writeBytes(_ value: ByteBuffer) { writeNullableBytes(value) }

    /// Record batches (a fetch's records): large ones, and ones still in a file, follow the bytes written
    /// so far as parts of their own instead of being copied into `buffer`.
    public mutating func writeRecords(_ records: ByteBuffer?, file: FileRecords? = nil) {
        if let file {
            writeLength(file.count, wide: true)
            appendUncopied(.file(file))
        } else if let records, records.readableBytes >= Self.uncopiedThreshold {
            writeLength(records.readableBytes, wide: true)
            appendUncopied(.bytes(records))
        } else {
            writeNullableBytes(records)
        }
    }

    /// Below this, copying records is cheaper than a part of their own.
    static let uncopiedThreshold = 16 * 1024

    private mutating func appendUncopied(_ part: FramePart) {
        earlierParts.append(.bytes(buffer))
        earlierParts.append(part)
        buffer = ByteBuffer()
    }

    /// Everything written, in order.
    public var parts: [FramePart] { earlierParts + [.bytes(buffer)] }

    /// Everything written in one buffer (records in a file cannot be: only the broker's socket sends those).
    public var flattened: ByteBuffer {
        guard !earlierParts.isEmpty else { return buffer }
        var all = ByteBuffer()
        for part in parts {
            guard case .bytes(var bytes) = part else { preconditionFailure("file records cannot be flattened") }
            all.writeBuffer(&bytes)
        }
        return all
    }

    /// Fills in the int32 the frame started with: the size of everything written after it.
    public mutating func setSizePrefix() {
        let size = Int32(count - 4)
        guard !earlierParts.isEmpty, case .bytes(var first) = earlierParts[0] else {
            buffer.setInteger(size, at: buffer.readerIndex)
            return
        }
        earlierParts[0] = .bytes(ByteBuffer())  // `first` is now the only reference: no copy on write
        first.setInteger(size, at: first.readerIndex)
        earlierParts[0] = .bytes(first)
    }

    /// How many bytes were written in all.
    public var count: Int { earlierParts.reduce(buffer.readableBytes) { $0 + $1.count } }

    public mutating func writeBytes(_ value: [UInt8]) {
        writeLength(value.count, wide: true)
        buffer.writeBytes(value)
    }

    public mutating func writeNullableArray<T>(_ values: [T]?, _ element: (inout KafkaWriter, T) -> Void) {
        guard let values else { return writeLength(-1, wide: true) }
        writeLength(values.count, wide: true)
        for value in values { element(&self, value) }
    }

    public mutating func writeArray<T>(_ values: [T], _ element: (inout KafkaWriter, T) -> Void) {
        writeNullableArray(values, element)
    }

    /// Writes a tagged-field section: each present field as (tag, size, bytes), in ascending tag order.
    /// Does nothing for non-flexible versions.
    public mutating func writeTaggedFields(_ fields: [(tag: UInt32, write: (inout KafkaWriter) -> Void)] = []) {
        guard flexible else { return }
        writeUnsignedVarint(UInt32(fields.count))
        for field in fields {
            var sub = KafkaWriter(flexible: true)
            field.write(&sub)
            writeUnsignedVarint(field.tag)
            writeUnsignedVarint(UInt32(sub.buffer.readableBytes))
            buffer.writeBuffer(&sub.buffer)
        }
    }
}
