import Foundation
import SamsaProtocol
import Testing
@testable import SamsaClient

@Suite struct SecurityPropertiesTests {
    @Test func librdkafkaNames() throws {
        let parsed = try ClientSecurity.parse([
            "security.protocol": "sasl_ssl", "ssl.ca.location": "/ca.pem", "ssl.certificate.location": "/client.pem",
            "ssl.key.location": "/client.key", "ssl.key.password": "kp", "ssl.endpoint.identification.algorithm": "none",
            "sasl.mechanisms": "SCRAM-SHA-512", "sasl.username": "alice", "sasl.password": "a=b,c", "acks": "all",
        ])
        let security = parsed.security
        #expect(security.securityProtocol == .saslSsl)
        #expect(security.tls.caLocation == "/ca.pem" && security.tls.certificateLocation == "/client.pem")
        #expect(security.tls.keyLocation == "/client.key" && security.tls.keyPassword == "kp" && !security.tls.verifyHostname)
        #expect(security.sasl == ClientSecurity.SASL(mechanism: .scram(.sha512), username: "alice", password: "a=b,c"))
        #expect(parsed.others == ["acks": "all"])
        #expect(!security.description.contains("a=b,c"))
    }

    @Test func javaNames() throws {
        let security = try ClientSecurity.parse([
            "security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": "PLAIN",
            "sasl.jaas.config": #"org.apache.kafka.common.security.plain.PlainLoginModule required username="bob" password="p \"q\"";"#,
            "ssl.truststore.location": "/ca.pem", "ssl.truststore.type": "PEM",
            "ssl.keystore.location": "/keystore.pem", "ssl.keystore.type": "pem", "ssl.truststore.password": "ignored",
        ]).security
        #expect(security.securityProtocol == .saslPlaintext)
        #expect(security.sasl == ClientSecurity.SASL(mechanism: .plain, username: "bob", password: #"p "q""#))
        #expect(security.tls.caLocation == "/ca.pem")
        // Java's PEM keystore holds the certificate and the key in one file.
        #expect(security.tls.certificateLocation == "/keystore.pem" && security.tls.keyLocation == "/keystore.pem")
        #expect(security.tls.verifyHostname)
    }

    @Test func defaultsArePlaintextAndHostnameChecked() throws {
        let security = try ClientSecurity.parse([:]).security
        #expect(security == .plaintext && security.tls.verifyHostname && security.sasl == nil)
        // SASL settings without a SASL protocol are not used, as in Kafka.
        #expect(try ClientSecurity.parse(["sasl.mechanism": "PLAIN", "sasl.username": "u", "sasl.password": "p"]).security.sasl == nil)
    }

    @Test(arguments: [
        (["security.protocol": "TLS"], "security.protocol must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL, not \"TLS\"."),
        (["security.protocol": "SASL_SSL", "sasl.mechanism": "GSSAPI", "sasl.username": "u", "sasl.password": "p"],
         "sasl.mechanism GSSAPI is not supported: use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512."),
        (["security.protocol": "SASL_SSL", "sasl.mechanism": "OAUTHBEARER"],
         "sasl.mechanism OAUTHBEARER is not supported: use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512."),
        (["security.protocol": "SASL_SSL"],
         "security.protocol=SASL_SSL needs sasl.mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (Kafka's default GSSAPI is not supported)."),
        (["security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": "PLAIN", "sasl.username": "u"],
         "sasl.mechanism PLAIN needs sasl.username and sasl.password (or sasl.jaas.config with username and password)."),
        (["ssl.truststore.type": "JKS"], "ssl.truststore.type=JKS is not supported: samsa reads PEM files only (ssl.truststore.type=PEM)."),
        (["ssl.keystore.type": "PKCS12"], "ssl.keystore.type=PKCS12 is not supported: samsa reads PEM files only (ssl.keystore.type=PEM)."),
        (["ssl.endpoint.identification.algorithm": "ldap"], "ssl.endpoint.identification.algorithm must be https or none, not \"ldap\"."),
        (["ssl.key.location": "/k.pem"], "A client certificate needs both ssl.certificate.location and ssl.key.location."),
        (["sasl.jaas.config": "PlainLoginModule username=\"u\";"],
         "sasl.jaas.config must read 'LoginModule required username=\"…\" password=\"…\";'."),
    ])
    func badValuesAreOneSentence(properties: [String: String], sentence: String) {
        #expect(throws: ClientError.invalidArgument(sentence)) { _ = try ClientSecurity.parse(properties) }
    }

    @Test func loadsAPropertiesFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("samsa-client-\(UUID()).properties").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try """
        # SASL_SSL with SCRAM
        security.protocol=SASL_SSL
        sasl.mechanism=SCRAM-SHA-256
        sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\
            username="alice" password="alice-secret";
        linger.ms=5
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let parsed = try ClientSecurity.load(path: path)
        #expect(parsed.security.sasl == ClientSecurity.SASL(mechanism: .scram(.sha256), username: "alice", password: "alice-secret"))
        #expect(parsed.others == ["linger.ms": "5"])
        #expect(throws: ClientError.invalidArgument("Cannot read the client properties file /nonexistent/x.properties.")) {
            _ = try ClientSecurity.load(path: "/nonexistent/x.properties")
        }
    }

    @Test func unreadableTLSFilesNameTheSetting() throws {
        var security = ClientSecurity(securityProtocol: .ssl)
        security.tls.caLocation = "/nonexistent/ca.pem"
        #expect(throws: ClientError.invalidArgument("ssl.ca.location /nonexistent/ca.pem is not a readable PEM certificate file.")) {
            _ = try security.makeSSLContext()
        }
        #expect(try ClientSecurity.plaintext.makeSSLContext() == nil)
    }

    @Test func securityFailuresAreRecognisable() {
        let failed = ClientError.authenticationFailed("127.0.0.1:9094", "Authentication failed: Invalid username or password")
        #expect(failed.description == "SASL authentication with 127.0.0.1:9094 failed: Authentication failed: Invalid username or password.")
        #expect(failed.isSecurityFailure && failed.code == .saslAuthenticationFailed)
        #expect(ClientError.tlsHandshakeFailed("h:1", "x").description == "TLS handshake with h:1 failed: x.")
        #expect(!ClientError.noBrokers.isSecurityFailure)
    }
}
