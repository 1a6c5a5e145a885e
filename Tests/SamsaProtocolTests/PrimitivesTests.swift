import NIOCore
import Testing
@testable import SamsaProtocol

@Suite struct PrimitivesTests {
    @Test func varintsRoundTrip() throws {
        let values: [Int32] = [0, 1, -1, 63, -64, 64, 300, -300, .max, .min]
        var writer = KafkaWriter()
        for v in values { writer.writeVarint(v) }
        var reader = KafkaReader(writer.buffer)
        for v in values { #expect(try reader.readVarint() == v) }
        #expect(reader.remaining == 0)
    }

    @Test func varlongsRoundTrip() throws {
        let values: [Int64] = [0, -1, 1 << 40, -(1 << 40), .max, .min]
        var writer = KafkaWriter()
        for v in values { writer.writeVarlong(v) }
        var reader = KafkaReader(writer.buffer)
        for v in values { #expect(try reader.readVarlong() == v) }
    }

    @Test func knownVarintEncoding() throws {
        var writer = KafkaWriter()
        writer.writeUnsignedVarint(300)
        #expect(Array(writer.buffer.readableBytesView) == [0xAC, 0x02])
        writer = KafkaWriter()
        writer.writeVarint(-1)
        #expect(Array(writer.buffer.readableBytesView) == [0x01])
    }

    @Test func overlongVarintIsRejected() {
        var reader = KafkaReader(ByteBuffer(bytes: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]))
        #expect(throws: ProtocolError.varintTooLong) { try reader.readUnsignedVarint() }
    }

    @Test func compactAndClassicStrings() throws {
        for flexible in [false, true] {
            var writer = KafkaWriter(flexible: flexible)
            writer.writeString("héllo")
            writer.writeNullableString(nil)
            writer.writeString("")
            var reader = KafkaReader(writer.buffer, flexible: flexible)
            #expect(try reader.readString() == "héllo")
            #expect(try reader.readNullableString() == nil)
            #expect(try reader.readString() == "")
        }
    }

    @Test func stringLongerThanFrameIsTruncationError() {
        var buffer = ByteBuffer()
        buffer.writeInteger(Int16(100))
        buffer.writeString("short")
        var reader = KafkaReader(buffer)
        #expect(throws: ProtocolError.truncated(field: "topic")) { try reader.readString("topic") }
    }

    @Test func hugeArrayCountDoesNotAllocate() {
        var buffer = ByteBuffer()
        buffer.writeInteger(Int32.max)
        var reader = KafkaReader(buffer)
        #expect(throws: ProtocolError.self) { try reader.readArray { try $0.readInt32() } }
    }

    @Test func unknownTaggedFieldsAreSkipped() throws {
        var writer = KafkaWriter(flexible: true)
        writer.writeTaggedFields([(tag: 7, write: { $0.writeInt64(42) }), (tag: 9, write: { $0.writeString("x") })])
        writer.writeInt32(1234)
        var reader = KafkaReader(writer.buffer, flexible: true)
        var seen: [UInt32] = []
        try reader.readTaggedFields { tag, r in
            seen.append(tag)
            if tag == 7 { let v = try r.readInt64(); #expect(v == 42) }
        }
        #expect(seen == [7, 9])
        #expect(try reader.readInt32() == 1234)
    }

    @Test func uuidBase64RoundTrip() {
        let id = KafkaUUID.random()
        #expect(KafkaUUID(base64: id.description) == id)
        #expect(id.description.count == 22)
    }

    @Test func crc32cKnownValue() {
        // RFC 3720 test vector: 32 bytes of zeros.
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A9136AA)
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE3069283)
    }

    @Test func frameDecoderRejectsOversizeAndNegative() throws {
        var big = ByteBuffer()
        big.writeInteger(Int32(1 << 30))
        #expect(throws: ProtocolError.self) { try FrameDecoder.nextFrame(&big, maxFrameSize: 1024) }
        var negative = ByteBuffer()
        negative.writeInteger(Int32(-5))
        #expect(throws: ProtocolError.self) { try FrameDecoder.nextFrame(&negative, maxFrameSize: 1024) }
        var partial = ByteBuffer()
        partial.writeInteger(Int32(10))
        partial.writeBytes([1, 2, 3])
        #expect(try FrameDecoder.nextFrame(&partial, maxFrameSize: 1024) == nil)
        partial.writeBytes([4, 5, 6, 7, 8, 9, 10])
        #expect(try FrameDecoder.nextFrame(&partial, maxFrameSize: 1024)?.readableBytes == 10)
    }
}
