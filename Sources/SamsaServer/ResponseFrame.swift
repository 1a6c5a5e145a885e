import NIOCore
import SamsaProtocol

/// A response frame: size, header, body, encoded once in place; large records follow as parts of their
/// own (uncopied, or still in a segment file).
enum ResponseFrame {
    static func build(correlationId: Int32, taggedHeader: Bool, flexible: Bool = false,
                      _ body: (inout KafkaWriter) -> Void) -> [FramePart] {
        bare(flexible: flexible) { writer in
            ResponseHeader.write(correlationId: correlationId, taggedFields: taggedHeader, to: &writer.buffer)
            body(&writer)
        }
    }

    /// A frame with no header: size, then the body (alone, a SASL token after SaslHandshake v0).
    static func bare(flexible: Bool = false, _ body: (inout KafkaWriter) -> Void) -> [FramePart] {
        var writer = KafkaWriter(buffer: ByteBuffer(), flexible: flexible)
        writer.buffer.writeInteger(0 as Int32)
        body(&writer)
        writer.setSizePrefix()
        return writer.parts
    }
}
