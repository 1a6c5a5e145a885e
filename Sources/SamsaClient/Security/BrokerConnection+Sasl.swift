import NIOCore
import SamsaProtocol

extension BrokerConnection {
    /// Logs in: SaslHandshake v1 names the mechanism, then SaslAuthenticate carries the tokens (KIP-152). When the
    /// broker says how long the session lasts (v1+, KIP-368), the login is repeated on this connection before then.
    func authenticate() async throws {
        guard let sasl else { return }
        let address = self.address.description
        guard supports(.saslHandshake), supports(.saslAuthenticate),
              let handshakeVersion = try? version(for: SaslHandshakeRequest.self), handshakeVersion >= 1 else {
            throw ClientError.authenticationFailed(address, "the broker does not offer SASL with SaslAuthenticate on this listener (is security.protocol right?)")
        }
        let handshake = try await send(SaslHandshakeRequest(mechanism: sasl.mechanism.name), version: 1, timeout: nil,
                                       duringLogin: true)
        if handshake.errorCode == .unsupportedSaslMechanism {
            throw ClientError.authenticationFailed(address, "Client SASL mechanism '\(sasl.mechanism.name)' not enabled in the server, enabled mechanisms are [\(handshake.mechanisms.joined(separator: ", "))]")
        }
        guard handshake.errorCode == .none else {
            throw ClientError.authenticationFailed(address, "the broker answered the SASL handshake with \(handshake.errorCode.name)")
        }
        let authVersion = try version(for: SaslAuthenticateRequest.self)
        var exchange = SaslExchange(sasl)
        var challenge: [UInt8]?
        var lifetimeMs: Int64 = 0
        do {
            while let token = try exchange.next(challenge) {
                let response = try await send(SaslAuthenticateRequest(authBytes: token), version: authVersion, timeout: nil,
                                              duringLogin: true)
                guard response.errorCode == .none else {
                    throw ClientError.authenticationFailed(address, response.errorMessage ?? response.errorCode.name)
                }
                challenge = response.authBytes
                lifetimeMs = response.sessionLifetimeMs
            }
        } catch let error as ScramError {
            throw ClientError.authenticationFailed(address, error.description)
        }
        if lifetimeMs > 0 { scheduleReauthentication(afterMs: lifetimeMs) }
    }

    /// Kafka's clients re-authenticate at a random 85–95% of the session's lifetime.
    private func scheduleReauthentication(afterMs lifetimeMs: Int64) {
        let delay = TimeAmount.milliseconds(Int64(Double(lifetimeMs) * Double.random(in: 0.85...0.95)))
        let timer = channel.eventLoop.scheduleTask(in: delay) { [weak self] in
            self?.beginReauthentication()
        }
        channel.closeFuture.whenComplete { _ in timer.cancel() }
    }

    /// Requests written before this point are answered first (a broker answers in order); later ones wait until
    /// the login is done. A failed re-authentication closes the connection: the client reconnects on next use.
    private func beginReauthentication() {
        reauthentication.withLock { pending in
            guard pending == nil, channel.isActive else { return }
            pending = Task { [self] in
                defer { reauthentication.withLock { $0 = nil } }
                do {
                    try await authenticate()
                } catch {
                    close()
                    throw error
                }
            }
        }
    }
}
