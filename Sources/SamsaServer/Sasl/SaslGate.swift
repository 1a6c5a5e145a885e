import NIOCore
import SamsaEngine
import SamsaProtocol

/// Kafka's rule for a SASL listener: until a client has authenticated, and once its session has expired
/// (KIP-368), only ApiVersions, SaslHandshake and SaslAuthenticate are served; any other request closes the
/// connection, as does anything after a refused login.
enum SaslGate {
    static let allowedBeforeAuthentication: Set<APIKey> = [.apiVersions, .saslHandshake, .saslAuthenticate]

    /// Why `apiKey` may not be served on this connection now (nil: it may), for a debug line without secrets.
    static func refusal(_ apiKey: APIKey, session: ConnectionSession, nowMs: Int64 = currentTimeMillis()) -> String? {
        guard session.listener.securityProtocol.usesSASL else { return nil }
        return session.withState { state in
            let sasl = state.sasl
            if sasl.closeAfterAnswer { return "\(apiKey) request after a refused SASL login from \(session.clientAddress)" }
            if allowedBeforeAuthentication.contains(apiKey) { return nil }
            if !sasl.authenticated {
                return "Unexpected \(apiKey) request from \(session.clientAddress) before SASL authentication"
            }
            if let expires = sasl.expiresAtMs, nowMs > expires {
                return "\(apiKey) request from \(state.principal) at \(session.clientAddress) after its SASL session expired"
            }
            return nil
        }
    }

    /// How long a connection stays open after its refusal was written, for the client to close it first. A
    /// close right behind the answer can reach the client in the same read, and kafka-python then drops the
    /// answer and reports only "socket disconnected"; any request meanwhile closes at once (`refusal`).
    static let lingerAfterRefusal = TimeAmount.seconds(5)

    /// SaslHandshake v0 chose a mechanism and the login is not done: the next frame is a bare token.
    static func awaitsRawToken(_ session: ConnectionSession) -> Bool {
        session.listener.securityProtocol.usesSASL && session.withState { $0.sasl.rawTokens && !$0.sasl.closeAfterAnswer }
    }

    /// The answer just written must be the connection's last (a refused login or mechanism).
    static func closesAfterAnswer(_ session: ConnectionSession) -> Bool {
        session.listener.securityProtocol.usesSASL && session.withState { $0.sasl.closeAfterAnswer }
    }
}
