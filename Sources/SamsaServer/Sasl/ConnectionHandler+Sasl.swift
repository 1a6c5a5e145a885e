import NIOCore
import SamsaProtocol

extension ConnectionHandler {
    /// After a refused SASL login the answer is the connection's last: once it is written, the client gets
    /// `SaslGate.lingerAfterRefusal` to close the connection before the broker does. On the event loop.
    func closeIfRefused() {
        guard SaslGate.closesAfterAnswer(session), let context else { return }
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenComplete { [channel = context.channel] _ in
            channel.eventLoop.scheduleTask(in: SaslGate.lingerAfterRefusal) { channel.close(promise: nil) }
        }
        context.writeAndFlush(wrapOutboundOut(.byteBuffer(ByteBuffer())), promise: written)
    }
}

extension ConnectionHandler {
    /// After SaslHandshake v0 a frame is a bare SASL token, answered by a bare frame (Kafka 0.10's form, before
    /// KIP-152). A refused token closes the connection after the failed-login delay: a bare frame has no room
    /// for an error, so Kafka answers none.
    func submitRawToken(_ frame: ByteBuffer, context: ChannelHandlerContext) -> Bool {
        let header = RequestHeader(apiKey: .saslAuthenticate, apiVersion: 0, correlationId: 0, clientId: nil)
        let requestContext = makeRequestContext(header, context: context)
        let token = Array(buffer: frame)
        return submit(.saslAuthenticate, context: context, run: {
            let reply = requestContext.authenticate(token, settings: try requestContext.saslSettings())
            let future: EventLoopFuture<SaslAuthenticateResponse> = switch reply {
            case .now(let response): requestContext.eventLoop.makeSucceededFuture(response)
            case .later(let future): future
            case .none: requestContext.eventLoop.makeFailedFuture(SaslTokenRefused())
            }
            return .later(future.flatMapThrowing { response in
                guard response.errorCode == .none else { throw SaslTokenRefused() }
                return EncodedResponse { $0.buffer.writeBytes(response.authBytes) }
            })
        }, frame: { ResponseFrame.bare($0.write) })
    }
}

/// A bare SASL token was refused (the refusal itself is logged by `authenticate`).
struct SaslTokenRefused: Error, CustomStringConvertible {
    var description: String { "SASL login refused after SaslHandshake v0; closing the connection" }
}
