import Foundation
import SamsaProtocol

/// A SCRAM credential as the cluster metadata stores it (Kafka's UserScramCredentialRecord): the salt and
/// the two derived keys in base64, so the JSON snapshot stays one line per field. Never a password.
public struct StoredScramCredential: Codable, Sendable, Equatable {
    public var salt: String
    public var storedKey: String
    public var serverKey: String
    public var iterations: Int

    public init(_ credential: ScramCredential) {
        salt = Data(credential.salt).base64EncodedString()
        storedKey = Data(credential.storedKey).base64EncodedString()
        serverKey = Data(credential.serverKey).base64EncodedString()
        iterations = credential.iterations
    }

    /// Nil if a field is not base64 or the iterations are out of Kafka's range (a hand-edited file); such a
    /// credential is left out, not guessed at.
    public var credential: ScramCredential? {
        guard (1...ScramMechanism.maxIterations).contains(iterations), let salt = Data(base64Encoded: salt), let storedKey = Data(base64Encoded: storedKey),
              let serverKey = Data(base64Encoded: serverKey) else { return nil }
        return ScramCredential(salt: Array(salt), storedKey: Array(storedKey), serverKey: Array(serverKey), iterations: iterations)
    }
}

extension ClusterMetadata {
    /// The stored credentials by user and mechanism, as `ScramCredentialStore` holds them.
    var scramCredentialTable: [String: [ScramMechanism: ScramCredential]] {
        var table: [String: [ScramMechanism: ScramCredential]] = [:]
        for (user, stored) in scramCredentials ?? [:] {
            for (name, record) in stored {
                guard let mechanism = ScramMechanism(mechanismName: name), let credential = record.credential else { continue }
                table[user, default: [:]][mechanism] = credential
            }
        }
        return table
    }
}
