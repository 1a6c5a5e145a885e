import Foundation
import SamsaProtocol

/// The client's half of a SCRAM exchange (RFC 5802, RFC 7677) as Kafka's ScramSaslClient runs it: no channel
/// binding (`n,,`), the user name escaped, and the server's signature checked before the login counts.
public struct ScramClient: Sendable {
    public let mechanism: ScramMechanism
    private let password: String
    private let clientNonce: String
    /// `n=<user>,r=<nonce>`: part of the AuthMessage both sides sign.
    public let clientFirstBare: String
    private var expectedServerSignature: [UInt8]?

    /// `nonce` is for tests (RFC 7677's example); a login uses a fresh random one.
    public init(mechanism: ScramMechanism, username: String, password: String, nonce: String? = nil) {
        self.mechanism = mechanism
        self.password = password
        clientNonce = nonce ?? Self.randomNonce()
        clientFirstBare = "n=\(Self.saslName(username)),r=\(clientNonce)"
    }

    public var clientFirstMessage: String { "n,," + clientFirstBare }

    /// RFC 5802 §5.1: "=" and "," in a user name travel as "=3D" and "=2C".
    public static func saslName(_ name: String) -> String {
        name.replacingOccurrences(of: "=", with: "=3D").replacingOccurrences(of: ",", with: "=2C")
    }

    static func randomNonce() -> String {
        Data((0..<24).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
    }

    /// Answers the server-first message (`r=…,s=…,i=…`) with the client-final one, carrying the proof.
    public mutating func clientFinalMessage(serverFirst: String) throws -> String {
        let fields = Self.fields(serverFirst)
        if fields["m"] != nil { throw ScramError("the broker asked for a SCRAM extension samsa does not know") }
        guard let nonce = fields["r"], nonce.hasPrefix(clientNonce), nonce.count > clientNonce.count else {
            throw ScramError("the broker's SCRAM nonce does not extend the client's")
        }
        guard let saltText = fields["s"], let salt = Data(base64Encoded: saltText), let iterationsText = fields["i"],
              let iterations = Int(iterationsText) else {
            throw ScramError("the broker's SCRAM server-first message is malformed")
        }
        guard iterations >= mechanism.minIterations else {
            throw ScramError("the broker asked for \(iterations) SCRAM iterations, fewer than the minimum \(mechanism.minIterations)")
        }
        let withoutProof = "c=biws,r=\(nonce)"
        let authMessage = "\(clientFirstBare),\(serverFirst),\(withoutProof)"
        let salted = mechanism.saltedPassword(password, salt: Array(salt), iterations: iterations)
        let clientKey = mechanism.clientKey(saltedPassword: salted)
        let proof = mechanism.clientProof(clientKey: clientKey, storedKey: mechanism.storedKey(clientKey: clientKey),
                                          authMessage: authMessage)
        expectedServerSignature = mechanism.serverSignature(serverKey: mechanism.serverKey(saltedPassword: salted),
                                                            authMessage: authMessage)
        return "\(withoutProof),p=\(Data(proof).base64EncodedString())"
    }

    /// Checks the server-final message: `v=` must be the signature only a server that knows the credential can make.
    public func verifyServerFinal(_ serverFinal: String) throws {
        let fields = Self.fields(serverFinal)
        if let error = fields["e"] { throw ScramError("the broker refused the SCRAM proof (\(error))") }
        guard let expected = expectedServerSignature, let text = fields["v"], let signature = Data(base64Encoded: text),
              constantTimeEqual(Array(signature), expected) else {
            throw ScramError("the broker's SCRAM server signature is invalid (the broker does not know this credential)")
        }
    }

    /// `k=v,k=v`: values may hold "=" (base64), never ",".
    static func fields(_ message: String) -> [String: String] {
        var result: [String: String] = [:]
        for part in message.split(separator: ",") {
            guard let equals = part.firstIndex(of: "=") else { continue }
            result[String(part[..<equals])] = String(part[part.index(after: equals)...])
        }
        return result
    }
}

/// A SCRAM exchange that cannot go on; the connection reports it as a failed SASL authentication.
public struct ScramError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
