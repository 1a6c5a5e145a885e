import NIOCore
import Testing
@testable import SamsaProtocol

/// Shared checks for message codecs.
enum CodecChecks {
    static func bytes(_ hex: String) -> ByteBuffer {
        var buffer = ByteBuffer()
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            buffer.writeInteger(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return buffer
    }

    static func hex(_ buffer: ByteBuffer) -> String {
        let digits = Array("0123456789abcdef")
        return String(buffer.readableBytesView.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }

    /// Every version encodes, decodes back to a value that re-encodes to the same bytes, and every
    /// truncation of the encoding is rejected with an error rather than a crash.
    static func roundTrip<M: KafkaMessage>(_ value: M, versions: ClosedRange<Int16>, flexibleFrom: Int16?,
                                           sourceLocation: SourceLocation = #_sourceLocation) throws {
        for version in versions {
            let flexible = flexibleFrom.map { version >= $0 } ?? false
            var writer = KafkaWriter(flexible: flexible)
            value.write(to: &writer, version: version)
            let encoded = writer.buffer
            var reader = KafkaReader(encoded, flexible: flexible)
            let decoded = try M(from: &reader, version: version)
            #expect(reader.remaining == 0, "v\(version) left \(reader.remaining) bytes", sourceLocation: sourceLocation)
            var again = KafkaWriter(flexible: flexible)
            decoded.write(to: &again, version: version)
            #expect(again.buffer == encoded, "v\(version) re-encoding differs", sourceLocation: sourceLocation)
            for cut in 0..<encoded.readableBytes {
                var truncated = KafkaReader(encoded.getSlice(at: encoded.readerIndex, length: cut)!, flexible: flexible)
                #expect(throws: (any Error).self, "v\(version) accepted \(cut) of \(encoded.readableBytes) bytes",
                        sourceLocation: sourceLocation) { _ = try M(from: &truncated, version: version) }
            }
        }
    }

    /// The value decodes from kafka-python's bytes and encodes back to exactly those bytes.
    static func matches<M: KafkaMessage>(_ hex: String, _ value: M, version: Int16, flexible: Bool,
                                         sourceLocation: SourceLocation = #_sourceLocation) throws {
        var reader = KafkaReader(bytes(hex), flexible: flexible)
        let decoded = try M(from: &reader, version: version)
        #expect(decoded == value, "v\(version) decoded differently", sourceLocation: sourceLocation)
        #expect(reader.remaining == 0, sourceLocation: sourceLocation)
        var writer = KafkaWriter(flexible: flexible)
        value.write(to: &writer, version: version)
        #expect(Self.hex(writer.buffer) == hex, "v\(version) encoding differs from kafka-python", sourceLocation: sourceLocation)
    }

    /// `matches` for every version in `fixtures` (version -> hex), each against the value built for that
    /// version; `versions` are those the fixtures must cover, so a regeneration that loses one fails.
    static func matchesEach<M: KafkaMessage>(_ fixtures: [Int16: String], versions: ClosedRange<Int16>, flexibleFrom: Int16?,
                                             sourceLocation: SourceLocation = #_sourceLocation, _ value: (Int16) -> M) throws {
        #expect(fixtures.keys.sorted() == Array(versions), "fixtures cover \(fixtures.keys.sorted())", sourceLocation: sourceLocation)
        for (version, hex) in fixtures.sorted(by: { $0.key < $1.key }) {
            try matches(hex, value(version), version: version, flexible: flexibleFrom.map { version >= $0 } ?? false,
                        sourceLocation: sourceLocation)
        }
    }
}

let fixtureTopicId = KafkaUUID(high: 1, low: 2)
let fixtureRecords = ByteBuffer(bytes: Array(1...10) as [UInt8])
