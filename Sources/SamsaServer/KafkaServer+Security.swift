import NIOSSL
import SamsaEngine

/// The TLS contexts and SASL settings of the server's listeners, built once (at start, or when a listener is
/// added or its keystore reloaded), never per connection.
extension KafkaServer {
    /// Builds every TLS listener's context (and principal mapping) once, so a bad key stops the start.
    func prepareTLS() throws {
        for listener in cluster.config.listeners where listener.securityProtocol.usesTLS { try prepareTLS(listener) }
    }

    /// Builds one TLS listener's context and principal mapping from the server's `ssl.*` keys.
    func prepareTLS(_ listener: ListenerSpec) throws {
        let properties = cluster.config.securityProperties.merging(keystoreOverrides.withLock { $0 }) { $1 }
        let settings = TLSListenerSettings(listener: listener, properties: properties)
        let context = try settings.makeContext()
        let mapper = try SslPrincipalMapper(rules: settings.value("ssl.principal.mapping.rules"))
        tlsContexts.withLock { $0[listener.name] = context }
        principalMappers.withLock { $0[listener.name] = mapper }
    }

    /// Gives TLS listener `name` a new context (a reloaded keystore): new connections use it, open ones keep theirs.
    func replaceTLSContext(_ context: NIOSSLContext, listener name: String) {
        tlsContexts.withLock { $0[name] = context }
        logger.info("Listener \(name) reloaded its keystore; new connections use it")
    }

    /// Reads one SASL listener's settings once, so a bad one is refused in one sentence before it is bound.
    func prepareSASL(_ listener: ListenerSpec) throws {
        let settings = try SaslSettings(properties: cluster.config.securityProperties, listener: listener.name)
        saslSettings.withLock { $0[listener.name] = settings }
    }
}
