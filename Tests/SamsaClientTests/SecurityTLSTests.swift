import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import SamsaProtocol
import Testing
@testable import SamsaClient

/// Certificates made with Debian's openssl at test time, in a temp dir (no private key is committed).
final class TestCertificates: Sendable {
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("samsa-client-tls-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let key = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
        try Self.shell("""
        set -e
        cd '\(directory)'
        openssl req -x509 \(key) -keyout ca.key -out ca.pem -days 2 -subj /CN=samsa-test-ca
        openssl req -x509 \(key) -keyout wrong-ca.key -out wrong-ca.pem -days 2 -subj /CN=samsa-wrong-ca
        for name in server other client; do
          openssl req \(key) -keyout $name.key -out $name.csr -subj /CN=$name
        done
        printf 'subjectAltName=IP:127.0.0.1\\n' > server.ext
        printf 'subjectAltName=DNS:other.example\\n' > other.ext
        printf 'extendedKeyUsage=clientAuth\\n' > client.ext
        for name in server other client; do
          openssl x509 -req -in $name.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out $name.pem -days 2 -extfile $name.ext
        done
        """)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    func path(_ name: String) -> String { "\(directory)/\(name)" }

    /// A server context with `name`'s certificate; `requireClientCertificate` trusts the test CA for clients.
    func serverContext(_ name: String, requireClientCertificate: Bool = false) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(path("\(name).pem")).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: path("\(name).key"), format: .pem)))
        if requireClientCertificate {
            configuration.certificateVerification = .noHostnameVerification
            configuration.trustRoots = .file(path("ca.pem"))
        }
        return try NIOSSLContext(configuration: configuration)
    }

    private static func shell(_ script: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ClientError.invalidArgument("openssl failed to make the test certificates.") }
    }
}

@Suite struct SecurityTLSTests {
    let certificates: TestCertificates

    init() throws { certificates = try TestCertificates() }

    private func withBroker(_ server: String, requireClientCertificate: Bool = false, users: [String: String] = [:],
                            _ body: (SecurityFakeBroker) async throws -> Void) async throws {
        let context = try certificates.serverContext(server, requireClientCertificate: requireClientCertificate)
        try await SecurityFakeBroker.with(.init(tls: context, users: users), body)
    }

    private func security(ca: String = "ca.pem", verifyHostname: Bool = true, clientCertificate: Bool = false) -> ClientSecurity {
        var security = ClientSecurity(securityProtocol: .ssl)
        security.tls.caLocation = certificates.path(ca)
        security.tls.verifyHostname = verifyHostname
        if clientCertificate {
            security.tls.certificateLocation = certificates.path("client.pem")
            security.tls.keyLocation = certificates.path("client.key")
        }
        return security
    }

    private func connect(_ broker: SecurityFakeBroker, _ security: ClientSecurity) async throws -> BrokerConnection {
        try await BrokerConnection.connect(to: broker.address, group: broker.group, tls: try security.makeSSLContext(),
                                           sasl: security.sasl)
    }

    @Test func trustsTheCAAndChecksTheAddress() async throws {
        try await withBroker("server") { broker in
            let connection = try await connect(broker, security())
            #expect(try await connection.send(ApiVersionsRequest(), version: 0).errorCode == .none)
            connection.close()
        }
    }

    @Test func aCertificateForAnotherHostIsRefusedUnlessTheCheckIsOff() async throws {
        try await withBroker("other") { broker in
            await #expect(throws: ClientError.tlsHandshakeFailed(broker.address.description,
                "the broker's certificate does not name 127.0.0.1 (ssl.endpoint.identification.algorithm=none skips this check)")) {
                _ = try await connect(broker, security())
            }
            let connection = try await connect(broker, security(verifyHostname: false))
            #expect(connection.isActive)
            connection.close()
        }
    }

    @Test func aWrongCAIsRefusedWithOneSentence() async throws {
        try await withBroker("server") { broker in
            do {
                _ = try await connect(broker, security(ca: "wrong-ca.pem"))
                Issue.record("a certificate from an untrusted CA was accepted")
            } catch let error as ClientError {
                #expect(error.description == "TLS handshake with \(broker.address) failed: the broker's certificate is not signed by an authority this client trusts (ssl.ca.location).")
            }
        }
    }

    @Test func clientCertificate() async throws {
        try await withBroker("server", requireClientCertificate: true) { broker in
            let connection = try await connect(broker, security(clientCertificate: true))
            #expect(try await connection.send(ApiVersionsRequest(), version: 0).errorCode == .none)
            connection.close()
            await #expect(throws: (any Error).self) { _ = try await connect(broker, security()) }
        }
    }

    @Test func saslSslWithScramThroughAKafkaClient() async throws {
        try await withBroker("server", users: ["alice": "alice-secret"]) { broker in
            var config = ClientConfig(bootstrapServers: [broker.address])
            var security = security()
            security.securityProtocol = .saslSsl
            security.sasl = .init(mechanism: .scram(.sha512), username: "alice", password: "alice-secret")
            config.security = security
            let client = KafkaClient(config: config, group: broker.group)
            let connection = try await client.anyConnection()
            #expect(connection.isActive && broker.loginCount == 1)
            await client.close()
        }
    }

    @Test func plaintextOnATLSPortFailsCleanly() async throws {
        try await withBroker("server") { broker in
            await #expect(throws: (any Error).self) {
                _ = try await BrokerConnection.connect(to: broker.address, group: broker.group, requestTimeout: .seconds(20))
            }
        }
    }
}
