import Foundation
import SamsaProtocol

/// The tokens a client sends in SaslAuthenticate requests for one login, mechanism by mechanism.
struct SaslExchange: Sendable {
    private enum State: Sendable {
        case plainStart, scramStart(ScramClient), scramFinal(ScramClient), scramVerify(ScramClient), done
    }
    private var state: State
    private let token: [UInt8]

    init(_ sasl: ClientSecurity.SASL) {
        switch sasl.mechanism {
        case .plain:
            state = .plainStart
            token = Self.plainToken(username: sasl.username, password: sasl.password)
        case .scram(let mechanism):
            state = .scramStart(ScramClient(mechanism: mechanism, username: sasl.username, password: sasl.password))
            token = []
        }
    }

    /// PLAIN (RFC 4616) without an authorization id: `\0user\0password`.
    static func plainToken(username: String, password: String) -> [UInt8] {
        [0] + Array(username.utf8) + [0] + Array(password.utf8)
    }

    /// The next token to send given the broker's last one (nil before the first), or nil when the login is done.
    mutating func next(_ challenge: [UInt8]?) throws -> [UInt8]? {
        switch state {
        case .plainStart:
            state = .done
            return token
        case .scramStart(let client):
            state = .scramFinal(client)
            return Array(client.clientFirstMessage.utf8)
        case .scramFinal(var client):
            let final = try client.clientFinalMessage(serverFirst: String(decoding: challenge ?? [], as: UTF8.self))
            state = .scramVerify(client)
            return Array(final.utf8)
        case .scramVerify(let client):
            try client.verifyServerFinal(String(decoding: challenge ?? [], as: UTF8.self))
            state = .done
            return nil
        case .done:
            return nil
        }
    }
}
