import Foundation
import SamsaProtocol

extension ClientSecurity {
    /// What a properties file (`--command-config`, `--producer.config`, Connect's worker file) said: the security
    /// settings, the keys that were not about security (a producer or consumer may want them), and warnings.
    public struct Parsed: Sendable {
        public var security: ClientSecurity
        /// Keys this parser did not take, with their values.
        public var others: [String: String]
    }

    /// The keys read here; librdkafka's names and Java's.
    public static let propertyNames: Set<String> = [
        "security.protocol", "ssl.ca.location", "ssl.certificate.location", "ssl.key.location", "ssl.key.password",
        "ssl.endpoint.identification.algorithm", "sasl.mechanism", "sasl.mechanisms", "sasl.username", "sasl.password",
        "sasl.jaas.config", "ssl.truststore.location", "ssl.truststore.type", "ssl.truststore.certificates",
        "ssl.keystore.location", "ssl.keystore.type", "ssl.keystore.certificate.chain", "ssl.keystore.key",
        // Java's, meaningless for PEM files; accepted so a Java client's file works unchanged.
        "ssl.truststore.password", "ssl.keystore.password", "ssl.protocol", "ssl.enabled.protocols",
    ]

    /// Reads a Java properties file.
    public static func load(path: String) throws -> Parsed {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ClientError.invalidArgument("Cannot read the client properties file \(path).")
        }
        let properties: [String: String]
        do {
            properties = try JavaProperties.parse(text)
        } catch {
            throw ClientError.invalidArgument("The client properties file \(path) is malformed at \(error).")
        }
        return try parse(properties)
    }

    /// Takes the security keys of `properties`; a bad value or an unsupported mechanism throws one sentence.
    public static func parse(_ properties: [String: String]) throws -> Parsed {
        func value(_ key: String) -> String? {
            guard let raw = properties[key]?.trimmingCharacters(in: .whitespaces) else { return nil }
            return raw
        }
        var security = ClientSecurity()
        if let raw = value("security.protocol") {
            guard let parsed = SecurityProtocol(rawValue: raw.uppercased()) else {
                throw ClientError.invalidArgument("security.protocol must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL, not \"\(raw)\".")
            }
            security.securityProtocol = parsed
        }
        security.tls = try parseTLS(value)
        security.sasl = try parseSASL(value, securityProtocol: security.securityProtocol)
        let others = properties.filter { !propertyNames.contains($0.key) }
        return Parsed(security: security, others: others)
    }

    private static func parseTLS(_ value: (String) -> String?) throws -> TLS {
        var tls = TLS()
        for key in ["ssl.truststore.type", "ssl.keystore.type"] {
            if let type = value(key), type.uppercased() != "PEM" {
                throw ClientError.invalidArgument("\(key)=\(type) is not supported: samsa reads PEM files only (\(key)=PEM).")
            }
        }
        tls.caLocation = value("ssl.ca.location") ?? value("ssl.truststore.location")
        tls.caPEM = value("ssl.truststore.certificates")
        tls.certificateLocation = value("ssl.certificate.location") ?? value("ssl.keystore.location")
        tls.certificatePEM = value("ssl.keystore.certificate.chain")
        // Java's PEM keystore holds the key beside the certificate.
        tls.keyLocation = value("ssl.key.location") ?? value("ssl.keystore.location")
        tls.keyPEM = value("ssl.keystore.key")
        tls.keyPassword = value("ssl.key.password")
        if let algorithm = value("ssl.endpoint.identification.algorithm") {
            switch algorithm.lowercased() {
            case "https": tls.verifyHostname = true
            case "none", "": tls.verifyHostname = false
            default:
                throw ClientError.invalidArgument("ssl.endpoint.identification.algorithm must be https or none, not \"\(algorithm)\".")
            }
        }
        if (tls.keyLocation != nil || tls.keyPEM != nil) != (tls.certificateLocation != nil || tls.certificatePEM != nil) {
            throw ClientError.invalidArgument("A client certificate needs both ssl.certificate.location and ssl.key.location.")
        }
        return tls
    }

    private static func parseSASL(_ value: (String) -> String?, securityProtocol: SecurityProtocol) throws -> SASL? {
        let rawMechanism = value("sasl.mechanism") ?? value("sasl.mechanisms")
        var username = value("sasl.username")
        var password = value("sasl.password")
        if let jaas = value("sasl.jaas.config") {
            let options = try JaasConfig.options(jaas)
            username = username ?? options["username"]
            password = password ?? options["password"]
        }
        guard securityProtocol.usesSASL else { return nil }
        guard let rawMechanism, !rawMechanism.isEmpty else {
            throw ClientError.invalidArgument("security.protocol=\(securityProtocol.rawValue) needs sasl.mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (Kafka's default GSSAPI is not supported).")
        }
        let mechanism: SASL.Mechanism
        if rawMechanism.uppercased() == "PLAIN" {
            mechanism = .plain
        } else if let scram = ScramMechanism(mechanismName: rawMechanism) {
            mechanism = .scram(scram)
        } else {
            throw ClientError.invalidArgument("sasl.mechanism \(rawMechanism) is not supported: use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.")
        }
        guard let username, let password else {
            throw ClientError.invalidArgument("sasl.mechanism \(mechanism.name) needs sasl.username and sasl.password (or sasl.jaas.config with username and password).")
        }
        return SASL(mechanism: mechanism, username: username, password: password)
    }

}
