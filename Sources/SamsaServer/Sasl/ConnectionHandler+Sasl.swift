import NIOCore

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
