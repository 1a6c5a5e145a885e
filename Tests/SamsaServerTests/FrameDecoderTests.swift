import NIOCore
import NIOTestUtils
import SamsaProtocol
import Testing

/// Kafka's framing (int32 size, then that many bytes) checked by SwiftNIO's decoder verifier, which feeds
/// the input byte by byte, whole, and in every split, and checks nothing is left over.
@Suite struct FrameDecoderTests {
    static func frame(_ body: [UInt8]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(Int32(body.count))
        buffer.writeBytes(body)
        return buffer
    }

    @Test func framesSurviveEveryWayTheBytesCanArrive() throws {
        let bodies: [[UInt8]] = [[], [1], Array(0..<200), [0, 0, 0, 4]]
        var input = ByteBuffer()
        for body in bodies { input.writeImmutableBuffer(Self.frame(body)) }
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: [(input, bodies.map { ByteBuffer(bytes: $0) })],
            decoderFactory: { FrameDecoder(maxFrameSize: 1000) })
    }

    @Test func aSizeAboveTheLimitOrBelowZeroIsAnError() throws {
        for size in [Int32(1001), -1] {
            var buffer = ByteBuffer()
            buffer.writeInteger(size)
            #expect(throws: ProtocolError.self) { try FrameDecoder.nextFrame(&buffer, maxFrameSize: 1000) }
        }
    }
}
