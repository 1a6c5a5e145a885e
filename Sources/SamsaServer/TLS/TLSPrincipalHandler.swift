import Logging
import NIOCore
import NIOSSL
import SamsaEngine

/// Sits after the NIOSSL server handler: once the handshake is done, a client certificate makes the
/// connection's principal `User:<subject DN, RFC 2253>` (Kafka's DefaultKafkaPrincipalBuilder, through
/// `ssl.principal.mapping.rules`); without one it stays ANONYMOUS. SASL on SASL_SSL overrides it later.
///
/// Thread-safety: a channel handler, used on its channel's event loop only.
final class TLSPrincipalHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private let session: ConnectionSession
    private let mapper: SslPrincipalMapper
    private let logger: Logger

    init(session: ConnectionSession, mapper: SslPrincipalMapper, logger: Logger) {
        self.session = session
        self.mapper = mapper
        self.logger = logger
    }

    /// Decrypted bytes flow only after the handshake, so the first read is when the peer certificate is known
    /// (before any request is decoded); the handler then steps out of the pipeline.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let certificate = try? context.pipeline.syncOperations.handler(type: NIOSSLServerHandler.self).peerCertificate
        if let certificate {
            // Fail closed: a certificate whose subject cannot be read must not make the client ANONYMOUS.
            guard let der = try? certificate.toDERBytes(), let subject = DistinguishedName.subject(ofCertificate: der) else {
                logger.warning("Closing a TLS connection: its client certificate's subject cannot be read.")
                context.close(promise: nil)
                return
            }
            guard let name = mapper.name(for: subject) else {
                logger.warning("Closing a TLS connection: no ssl.principal.mapping.rules rule matches \(subject).")
                context.close(promise: nil)
                return
            }
            session.setPrincipal(KafkaPrincipal(name: name))
        }
        context.fireChannelRead(data)
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // A client that does not speak TLS (or presents a certificate we refuse) is closed; the broker goes on.
        logger.debug("Closing a TLS connection from \(String(describing: context.remoteAddress)): \(error)")
        context.close(promise: nil)
    }
}
