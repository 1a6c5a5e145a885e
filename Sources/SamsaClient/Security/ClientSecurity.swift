import SamsaProtocol

/// How a client reaches a secured cluster: the transport (`security.protocol`), the TLS material and the SASL
/// login, named after librdkafka's and Java's client properties (see `ClientSecurity+Properties.swift`).
public struct ClientSecurity: Sendable, Equatable {
    /// Kafka's `security.protocol` values.
    public enum SecurityProtocol: String, Sendable, CaseIterable {
        case plaintext = "PLAINTEXT"
        case ssl = "SSL"
        case saslPlaintext = "SASL_PLAINTEXT"
        case saslSsl = "SASL_SSL"

        public var usesTLS: Bool { self == .ssl || self == .saslSsl }
        public var usesSASL: Bool { self == .saslPlaintext || self == .saslSsl }
    }

    /// TLS material: PEM files (or PEM text, as Java's `ssl.truststore.certificates`/`ssl.keystore.key` carry it).
    public struct TLS: Sendable, Equatable {
        /// PEM file of the certificate authorities to trust; nil trusts the system's roots.
        public var caLocation: String?
        /// PEM text of the authorities to trust (`ssl.truststore.certificates`).
        public var caPEM: String?
        /// The client's certificate (chain), for brokers with `ssl.client.auth=required`.
        public var certificateLocation: String?
        public var certificatePEM: String?
        public var keyLocation: String?
        public var keyPEM: String?
        public var keyPassword: String?
        /// `ssl.endpoint.identification.algorithm=https` (the default): the broker's certificate must name the
        /// host the client dialled.
        public var verifyHostname: Bool = true

        public init() {}
    }

    /// A SASL login.
    public struct SASL: Sendable, Equatable {
        public enum Mechanism: Sendable, Equatable {
            case plain
            case scram(ScramMechanism)

            public var name: String {
                switch self {
                case .plain: return "PLAIN"
                case .scram(let scram): return scram.mechanismName
                }
            }
        }

        public var mechanism: Mechanism
        public var username: String
        public var password: String

        public init(mechanism: Mechanism, username: String, password: String) {
            self.mechanism = mechanism
            self.username = username
            self.password = password
        }
    }

    public var securityProtocol: SecurityProtocol
    public var tls: TLS
    public var sasl: SASL?

    public init(securityProtocol: SecurityProtocol = .plaintext, tls: TLS = TLS(), sasl: SASL? = nil) {
        self.securityProtocol = securityProtocol
        self.tls = tls
        self.sasl = sasl
    }

    public static let plaintext = ClientSecurity()
}

extension ClientSecurity: CustomStringConvertible {
    /// For logs: never the password.
    public var description: String {
        var parts = [securityProtocol.rawValue]
        if let sasl { parts.append("\(sasl.mechanism.name) as \(sasl.username)") }
        return parts.joined(separator: " ")
    }
}
