/// Why a SASL exchange failed. Kafka sends some reasons to the client as they are (its
/// SaslAuthenticationException) and hides the others behind one sentence that says nothing about whether the
/// user exists (its SaslException); `clientMessage` does the same.
enum SaslFailure: Error, Equatable {
    /// Told to the client as is.
    case told(String)
    /// Hidden from the client (an unknown user, a wrong proof, a malformed message); the detail is for the log.
    case hidden(String)

    func clientMessage(mechanism: String, reauthenticating: Bool) -> String {
        switch self {
        case .told(let message): message
        case .hidden:
            "Authentication failed during \(reauthenticating ? "re-authentication" : "authentication") due to invalid "
                + "credentials with SASL mechanism \(mechanism)"
        }
    }

    /// What the broker logs: never a password, token or proof.
    var logDetail: String {
        switch self {
        case .told(let message), .hidden(let message): message
        }
    }
}

/// One mechanism's server side: takes the client's tokens one SaslAuthenticate at a time.
protocol SaslServerExchange: Sendable {
    /// The answer to the client's `token`, and the authenticated user once the exchange is complete.
    mutating func evaluate(_ token: [UInt8]) throws(SaslFailure) -> (challenge: [UInt8], user: String?)
}
