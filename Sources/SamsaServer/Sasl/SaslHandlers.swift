import Foundation
import NIOCore
import SamsaEngine
import SamsaProtocol

// SaslHandshake (17) picks the mechanism; after v1 SaslAuthenticate (36) carries its tokens (KIP-152), after
// v0 they come as bare frames (ConnectionHandler.submitRawToken). Re-authentication (KIP-368) needs v1.

extension RequestDispatcher {
    mutating func registerSaslHandshake() {
        register(SaslHandshakeRequest.self) { request, context in
            let session = context.session
            guard session.listener.securityProtocol.usesSASL else {
                // Kafka's KafkaApis answer on a listener without SASL.
                return .now(SaslHandshakeResponse(errorCode: .illegalSaslState, mechanisms: []))
            }
            let settings = try context.saslSettings()
            let mechanism = request.mechanism
            let accepted = session.withState { state -> Bool in
                let sameAsBefore = !state.sasl.authenticated || state.sasl.authenticatedMechanism == mechanism
                let bareTokens = context.version == 0
                guard settings.mechanisms.contains(mechanism), sameAsBefore, !(bareTokens && state.sasl.authenticated) else {
                    state.sasl.closeAfterAnswer = true
                    return false
                }
                state.sasl.mechanism = mechanism
                state.sasl.exchange = nil
                state.sasl.rawTokens = bareTokens
                return true
            }
            if !accepted {
                context.logger.debug("Refusing SASL mechanism \(mechanism) from \(session.clientAddress) on listener \(session.listener.name)")
            }
            return .now(SaslHandshakeResponse(errorCode: accepted ? .none : .unsupportedSaslMechanism, mechanisms: settings.mechanisms))
        }
    }

    mutating func registerSaslAuthenticate() {
        register(SaslAuthenticateRequest.self) { request, context in
            let session = context.session
            guard session.listener.securityProtocol.usesSASL else {
                return .now(SaslAuthenticateResponse(errorCode: .illegalSaslState,
                                                     errorMessage: "SaslAuthenticate request received after successful authentication"))
            }
            let settings = try context.saslSettings()
            return context.authenticate(request.authBytes, settings: settings)
        }
    }
}

extension RequestContext {
    func saslSettings() throws -> SaslSettings {
        try session.saslSettings ?? SaslSettings(properties: cluster.config.securityProperties, listener: session.listener.name)
    }

    /// One SaslAuthenticate round: runs the mechanism's exchange and, when it completes, makes the user this
    /// connection's principal. A failure is answered after the failed-authentication delay (scheduled on the
    /// event loop, not slept on this thread) and closes the connection.
    func authenticate(_ token: [UInt8], settings: SaslSettings) -> Reply<SaslAuthenticateResponse> {
        typealias Outcome = (mechanism: String, reauthenticating: Bool, result: Result<(challenge: [UInt8], user: String?), SaslFailure>)
        let outcome: Outcome? = session.withState { state in
            guard let mechanism = state.sasl.mechanism else { return nil }
            var exchange = state.sasl.exchange as? any SaslServerExchange ?? newExchange(mechanism, settings: settings)
            let result = Result { () throws(SaslFailure) in try exchange.evaluate(token) }
            state.sasl.exchange = exchange
            return (mechanism, state.sasl.authenticated, result)
        }
        guard let outcome else {
            session.withState { $0.sasl.closeAfterAnswer = true }
            return .now(SaslAuthenticateResponse(errorCode: .illegalSaslState,
                                                 errorMessage: "Unexpected SaslAuthenticate request without a SaslHandshake request"))
        }
        let (mechanism, reauthenticating) = (outcome.mechanism, outcome.reauthenticating)
        switch outcome.result {
        case .success((let challenge, nil)):
            return .now(SaslAuthenticateResponse(authBytes: challenge))
        case .success((let challenge, let user?)):
            let principal = KafkaPrincipal(name: user)
            if reauthenticating && principal != session.principal {
                return refuse(.told("Cannot change principals during re-authentication from \(session.principal): \(principal)"),
                              mechanism: mechanism, reauthenticating: true, settings: settings)
            }
            let now = currentTimeMillis()
            session.withState { state in
                state.sasl.mechanism = nil
                state.sasl.exchange = nil
                state.sasl.authenticated = true
                state.sasl.rawTokens = false
                state.sasl.authenticatedMechanism = mechanism
                let (expires, overflow) = now.addingReportingOverflow(settings.reauthMs)
                state.sasl.expiresAtMs = settings.reauthMs > 0 && !overflow ? expires : nil
                state.principal = principal
            }
            cluster.logins.recordSuccess(mechanism: mechanism)
            logger.debug("SASL \(mechanism) \(reauthenticating ? "re-authentication" : "authentication") of \(principal) from \(session.clientAddress) succeeded")
            return .now(SaslAuthenticateResponse(authBytes: challenge, sessionLifetimeMs: settings.reauthMs))
        case .failure(let failure):
            return refuse(failure, mechanism: mechanism, reauthenticating: reauthenticating, settings: settings)
        }
    }

    private func newExchange(_ mechanism: String, settings: SaslSettings) -> any SaslServerExchange {
        if let scram = ScramMechanism(mechanismName: mechanism) {
            let store = cluster.scramCredentials
            return ScramServerExchange(mechanism: scram) { store.credential(user: $0, mechanism: scram) }
        }
        return PlainServerExchange(users: settings.plainUsers)
    }

    /// SASL_AUTHENTICATION_FAILED after `connection.failed.authentication.delay.ms`; the connection then closes.
    private func refuse(_ failure: SaslFailure, mechanism: String, reauthenticating: Bool,
                        settings: SaslSettings) -> Reply<SaslAuthenticateResponse> {
        session.withState { state in
            state.sasl.mechanism = nil
            state.sasl.exchange = nil
            state.sasl.closeAfterAnswer = true
        }
        cluster.logins.recordFailure(mechanism: mechanism)
        let what = reauthenticating ? "re-authentication" : "authentication"
        let failed = cluster.logins.counts(mechanism: mechanism).failed
        let count = "\(failed) failed \(mechanism) login\(failed == 1 ? "" : "s") since start"
        logger.info("Failed \(what) with /\(session.clientAddress) on listener \(session.listener.name) (\(mechanism): \(failure.logDetail)); \(count)")
        let response = SaslAuthenticateResponse(errorCode: .saslAuthenticationFailed,
                                                errorMessage: failure.clientMessage(mechanism: mechanism, reauthenticating: reauthenticating))
        guard settings.failedAuthenticationDelayMs > 0 else { return .now(response) }
        let delayed = eventLoop.scheduleTask(in: .milliseconds(settings.failedAuthenticationDelayMs)) { response }
        return .later(delayed.futureResult)
    }
}
