import NIOCore

/// Splits a byte stream into Kafka frames (int32 size, then that many bytes). A size above `maxFrameSize`
/// or below zero is an error: the connection is closed rather than buffering an attacker's length.
public struct FrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = ByteBuffer

    public let maxFrameSize: Int

    public init(maxFrameSize: Int) {
        self.maxFrameSize = maxFrameSize
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = try Self.nextFrame(&buffer, maxFrameSize: maxFrameSize) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(frame))
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }

    /// The framing rule on its own, for callers outside a channel pipeline.
    public static func nextFrame(_ buffer: inout ByteBuffer, maxFrameSize: Int) throws -> ByteBuffer? {
        guard let size = buffer.getInteger(at: buffer.readerIndex, as: Int32.self) else { return nil }
        if size < 0 || Int(size) > maxFrameSize {
            throw ProtocolError.frameTooLarge(size: Int(size), limit: maxFrameSize)
        }
        guard buffer.readableBytes >= 4 + Int(size) else { return nil }
        buffer.moveReaderIndex(forwardBy: 4)
        return buffer.readSlice(length: Int(size))
    }
}

/// Builds one length-prefixed frame: reserves the size field, lets the caller write, then fills it in.
public enum Frame {
    public static func build(allocator: ByteBufferAllocator = ByteBufferAllocator(), capacity: Int = 256,
                             _ body: (inout ByteBuffer) -> Void) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: capacity)
        buffer.writeInteger(0 as Int32)
        body(&buffer)
        buffer.setInteger(Int32(buffer.readableBytes - 4), at: buffer.readerIndex)
        return buffer
    }
}
