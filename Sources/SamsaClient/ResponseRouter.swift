import NIOCore
import SamsaProtocol

/// A request on its way out, and what to do with its answer.
struct OutboundRequest: Sendable {
    var frame: ByteBuffer
    var correlationId: Int32
    /// Nil for requests that get no response (acks=0 produce).
    var completion: (@Sendable (Result<ByteBuffer, Error>) -> Void)?
}

/// Matches response frames to requests. Kafka answers a connection's requests in order, so a FIFO with
/// a correlation-id check is enough; a mismatch means the stream is broken and the connection closes.
final class ResponseRouter: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = OutboundRequest
    typealias OutboundOut = ByteBuffer

    private var waiting = CircularBuffer<(Int32, @Sendable (Result<ByteBuffer, Error>) -> Void)>()
    private let address: String

    init(address: String) {
        self.address = address
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        if let completion = request.completion { waiting.append((request.correlationId, completion)) }
        context.write(wrapOutboundOut(request.frame), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var frame = unwrapInboundIn(data)
        guard let correlationId = frame.getInteger(at: frame.readerIndex, as: Int32.self),
              let (expected, completion) = waiting.first, expected == correlationId else {
            context.fireErrorCaught(ClientError.connectionClosed(address))
            context.close(promise: nil)
            return
        }
        waiting.removeFirst()
        frame.moveReaderIndex(forwardBy: 4)
        completion(.success(frame))
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(ClientError.connectionClosed(address))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        failAll(error)
        context.close(promise: nil)
    }

    private func failAll(_ error: Error) {
        let pending = waiting
        waiting.removeAll()
        for (_, completion) in pending { completion(.failure(error)) }
    }
}
