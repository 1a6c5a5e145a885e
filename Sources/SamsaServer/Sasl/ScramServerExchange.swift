import Foundation
import SamsaProtocol

/// SCRAM-SHA-256/512's server side (RFC 5802, RFC 7677) as Kafka's ScramSaslServer: client-first
/// (`n,[a=authzid],n=user,r=nonce[,ext…]`) → server-first (`r=nonce+ours,s=salt,i=iterations`) → client-final
/// (`c=channel binding,r=nonce,p=proof`) → server-final (`v=signature`). Only `n` (no channel binding) is
/// accepted, as in Kafka; extensions are ignored. An unknown user gets a made-up salt and fails at the proof,
/// so the answers do not tell whether a user exists.
struct ScramServerExchange: SaslServerExchange {
    let mechanism: ScramMechanism
    /// Looks a user's credential up (the cluster's store).
    let credentials: @Sendable (String) -> ScramCredential?
    private var state: State = .first

    private enum State: Sendable {
        case first
        case final(user: String, credential: ScramCredential?, gs2Header: String, clientFirstBare: String, serverFirst: String, nonce: String)
        case done
    }

    init(mechanism: ScramMechanism, credentials: @escaping @Sendable (String) -> ScramCredential?, serverNonce: String? = nil) {
        self.mechanism = mechanism
        self.credentials = credentials
        self.serverNonce = serverNonce ?? Self.randomNonce()
    }

    private let serverNonce: String

    mutating func evaluate(_ token: [UInt8]) throws(SaslFailure) -> (challenge: [UInt8], user: String?) {
        guard let message = String(validating: token, as: UTF8.self) else { throw .hidden("a SCRAM message that is not UTF-8") }
        switch state {
        case .first:
            let first = try Self.parseClientFirst(message)
            let credential = credentials(first.user)
            if !first.authzid.isEmpty && first.authzid != first.user {
                throw .told("Authentication failed: Client requested an authorization id that is different from username")
            }
            if let credential, credential.iterations < mechanism.minIterations {
                throw .hidden("iterations \(credential.iterations) is less than the minimum \(mechanism.minIterations) for \(mechanism)")
            }
            let salt = credential?.salt ?? Self.decoySalt(for: first.user, mechanism: mechanism)
            let iterations = credential?.iterations ?? 4096
            let nonce = first.nonce + serverNonce
            let serverFirst = "r=\(nonce),s=\(Data(salt).base64EncodedString()),i=\(iterations)"
            state = .final(user: first.user, credential: credential, gs2Header: first.gs2Header, clientFirstBare: first.bare,
                           serverFirst: serverFirst, nonce: nonce)
            return (Array(serverFirst.utf8), nil)
        case .final(let user, let credential, let gs2Header, let clientFirstBare, let serverFirst, let nonce):
            state = .done
            guard let proofRange = message.range(of: ",p=", options: .backwards) else { throw .hidden("a client-final message without a proof") }
            let withoutProof = String(message[..<proofRange.lowerBound])
            let fields = withoutProof.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count >= 2, fields[0].hasPrefix("c="), fields[1].hasPrefix("r="),
                  let proof = Data(base64Encoded: String(message[proofRange.upperBound...])) else {
                throw .hidden("a malformed client-final message")
            }
            guard Data(base64Encoded: String(fields[0].dropFirst(2))) == Data(gs2Header.utf8) else {
                throw .hidden("a channel binding that does not match the client-first message")
            }
            // Kafka checks only the end: librdkafka sends its own nonce again in front (r=client+client+server).
            guard fields[1].dropFirst(2).hasSuffix(nonce) else { throw .hidden("Invalid client nonce in the final client message.") }
            let authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof
            guard let credential, mechanism.verify(proof: Array(proof), storedKey: credential.storedKey, authMessage: authMessage) else {
                throw .hidden("Invalid client credentials")
            }
            let signature = mechanism.serverSignature(serverKey: credential.serverKey, authMessage: authMessage)
            return (Array("v=\(Data(signature).base64EncodedString())".utf8), user)
        case .done:
            throw .hidden("a SCRAM message after the exchange ended")
        }
    }

    // MARK: Client-first

    struct ClientFirst: Equatable {
        var gs2Header: String
        var authzid: String
        var user: String
        var nonce: String
        var bare: String
    }

    /// `n,[a=authzid],n=saslname,r=nonce[,extensions]`.
    static func parseClientFirst(_ message: String) throws(SaslFailure) -> ClientFirst {
        let parts = message.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "n" else { throw .hidden("a client-first message that is not of the form n,[a=id],n=user,r=nonce") }
        var authzid = ""
        if !parts[1].isEmpty {
            guard parts[1].hasPrefix("a="), let decoded = saslName(parts[1].dropFirst(2)) else { throw .hidden("a malformed authorization id") }
            authzid = decoded
        }
        let bare = String(parts[2])
        let fields = bare.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count >= 2, fields[0].hasPrefix("n="), fields[1].hasPrefix("r="),
              let user = saslName(fields[0].dropFirst(2)), !user.isEmpty else {
            throw .hidden("a client-first message without n=user,r=nonce")
        }
        let nonce = String(fields[1].dropFirst(2))
        guard !nonce.isEmpty, nonce.allSatisfy({ $0.isASCII && $0 != "," && !$0.isWhitespace }) else {
            throw .hidden("a client-first message with an invalid nonce")
        }
        return ClientFirst(gs2Header: "\(parts[0]),\(parts[1]),", authzid: authzid, user: user, nonce: nonce, bare: bare)
    }

    /// RFC 5802's saslname: `=2C` is `,` and `=3D` is `=`; any other `=` is malformed.
    static func saslName(_ text: Substring) -> String? {
        var out = ""
        var rest = text[...]
        while let equals = rest.firstIndex(of: "=") {
            out += rest[..<equals]
            let code = rest[rest.index(after: equals)...].prefix(2)
            switch code {
            case "2C": out += ","
            case "3D": out += "="
            default: return nil
            }
            rest = rest[rest.index(equals, offsetBy: 3)...]
        }
        return out + rest
    }

    // MARK: Nonces and decoys

    static func randomNonce() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<32).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// Per process: unknown users get the same salt on every try, as a real one would.
    private static let decoyKey = ScramCredential.randomSalt()

    static func decoySalt(for user: String, mechanism: ScramMechanism) -> [UInt8] {
        Array(mechanism.hmac(key: decoyKey, Array(user.utf8)).prefix(32))
    }
}
