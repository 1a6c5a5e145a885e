import Crypto
import _CryptoExtras
import Foundation

/// SCRAM-SHA-256 and SCRAM-SHA-512 (RFC 5802, RFC 7677) as Kafka uses them: the key derivations both ends
/// compute. The message exchange (client-first, server-first, client-final, server-final) is the SASL
/// code's; this is only the arithmetic, shared by the broker and the client.
public enum ScramMechanism: Int8, Sendable, CaseIterable, Codable, CustomStringConvertible {
    // Kafka's wire codes (DescribeUserScramCredentials, AlterUserScramCredentials).
    case sha256 = 1
    case sha512 = 2

    /// The SASL mechanism name, also the key `samsa configs --entity-type users` takes.
    public var mechanismName: String { self == .sha256 ? "SCRAM-SHA-256" : "SCRAM-SHA-512" }
    public var description: String { mechanismName }
    /// Kafka refuses fewer iterations than this (ScramMechanism.minIterations).
    public var minIterations: Int { 4096 }
    /// Kafka's most (ScramMechanism.MAX_ITERATIONS).
    public static let maxIterations = 16384

    public init?(mechanismName: String) {
        switch mechanismName.uppercased() {
        case "SCRAM-SHA-256": self = .sha256
        case "SCRAM-SHA-512": self = .sha512
        default: return nil
        }
    }

    /// Hi(password, salt, i) of RFC 5802: PBKDF2 with this mechanism's HMAC.
    public func saltedPassword(_ password: String, salt: [UInt8], iterations: Int) -> [UInt8] {
        let function: KDF.Insecure.PBKDF2.HashFunction = self == .sha256 ? .sha256 : .sha512
        let length = self == .sha256 ? 32 : 64
        // Only fails for an unknown hash function, which the two cases above cannot be.
        let key = try! KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: function,
                                                     outputByteCount: length, unsafeUncheckedRounds: iterations)
        return key.withUnsafeBytes { Array($0) }
    }

    public func hmac(key: [UInt8], _ message: [UInt8]) -> [UInt8] {
        let symmetric = SymmetricKey(data: key)
        switch self {
        case .sha256: return Array(HMAC<SHA256>.authenticationCode(for: message, using: symmetric))
        case .sha512: return Array(HMAC<SHA512>.authenticationCode(for: message, using: symmetric))
        }
    }

    public func hash(_ bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .sha256: return Array(SHA256.hash(data: bytes))
        case .sha512: return Array(SHA512.hash(data: bytes))
        }
    }

    public func clientKey(saltedPassword: [UInt8]) -> [UInt8] { hmac(key: saltedPassword, Array("Client Key".utf8)) }
    public func serverKey(saltedPassword: [UInt8]) -> [UInt8] { hmac(key: saltedPassword, Array("Server Key".utf8)) }
    public func storedKey(clientKey: [UInt8]) -> [UInt8] { hash(clientKey) }

    /// ClientProof = ClientKey XOR HMAC(StoredKey, AuthMessage).
    public func clientProof(clientKey: [UInt8], storedKey: [UInt8], authMessage: String) -> [UInt8] {
        let signature = hmac(key: storedKey, Array(authMessage.utf8))
        return zip(clientKey, signature).map { $0 ^ $1 }
    }

    /// ServerSignature = HMAC(ServerKey, AuthMessage).
    public func serverSignature(serverKey: [UInt8], authMessage: String) -> [UInt8] {
        hmac(key: serverKey, Array(authMessage.utf8))
    }

    /// The broker's check of a client-final message: H(ClientProof XOR HMAC(StoredKey, AuthMessage)) == StoredKey.
    public func verify(proof: [UInt8], storedKey: [UInt8], authMessage: String) -> Bool {
        let signature = hmac(key: storedKey, Array(authMessage.utf8))
        guard proof.count == signature.count else { return false }
        let recoveredClientKey = zip(proof, signature).map { $0 ^ $1 }
        return constantTimeEqual(hash(recoveredClientKey), storedKey)
    }
}

/// What a broker keeps of a SCRAM password: never the password, only the salt and the two derived keys.
public struct ScramCredential: Sendable, Hashable, Codable {
    public var salt: [UInt8]
    public var storedKey: [UInt8]
    public var serverKey: [UInt8]
    public var iterations: Int

    public init(salt: [UInt8], storedKey: [UInt8], serverKey: [UInt8], iterations: Int) {
        self.salt = salt
        self.storedKey = storedKey
        self.serverKey = serverKey
        self.iterations = iterations
    }

    /// Derives a credential from a password, as AlterUserScramCredentials' client side does (the salted
    /// password travels, the password does not).
    public static func derive(password: String, salt: [UInt8], iterations: Int, mechanism: ScramMechanism) -> ScramCredential {
        let salted = mechanism.saltedPassword(password, salt: salt, iterations: iterations)
        return derive(saltedPassword: salted, salt: salt, iterations: iterations, mechanism: mechanism)
    }

    /// The broker's side of AlterUserScramCredentials: keys from the salted password the request carries.
    public static func derive(saltedPassword: [UInt8], salt: [UInt8], iterations: Int, mechanism: ScramMechanism) -> ScramCredential {
        let clientKey = mechanism.clientKey(saltedPassword: saltedPassword)
        return ScramCredential(salt: salt, storedKey: mechanism.storedKey(clientKey: clientKey),
                               serverKey: mechanism.serverKey(saltedPassword: saltedPassword), iterations: iterations)
    }

    /// A fresh random salt (kafka-configs sends 32 bytes).
    public static func randomSalt(count: Int = 32) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255) }
    }
}

/// Compares without leaking, through timing, where two secrets first differ.
public func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for (x, y) in zip(a, b) { difference |= x ^ y }
    return difference == 0
}
