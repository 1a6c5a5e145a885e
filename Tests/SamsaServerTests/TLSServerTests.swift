import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import SamsaEngine
import Testing
@testable import SamsaServer

/// TLS listeners end to end: a PLAINTEXT and an SSL listener per broker on port 0, a NIOSSL client that
/// verifies the broker with the test CA, client certificates as principals, refusals.
@Suite(.serialized) struct TLSServerTests {
    /// A cluster with PLAINTEXT and SSL listeners on every broker, both on port 0.
    final class Setup: @unchecked Sendable {
        let cluster: Cluster
        let server: KafkaServer
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let clientGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let directory = NSTemporaryDirectory() + "samsa-tls-server-\(UUID().uuidString)"

        init(brokers: Int, security: [String: String], sslAdvertised: [Int]? = nil) async throws {
            let zeros = Array(repeating: 0, count: brokers)
            let listeners = [ListenerSpec(name: "PLAINTEXT", securityProtocol: .plaintext, host: "127.0.0.1", ports: zeros),
                             ListenerSpec(name: "SSL", securityProtocol: .ssl, host: "127.0.0.1", ports: zeros,
                                          advertisedPorts: sslAdvertised)]
            let config = ClusterConfig(dataDirectory: directory, ports: zeros, listeners: listeners, securityProperties: security)
            var logger = Logger(label: "tls-test")
            logger.logLevel = .warning
            cluster = try Cluster(config: config, logger: logger)
            server = KafkaServer(cluster: cluster, group: group, logger: logger)
            do {
                try await server.start()
            } catch {
                stop()
                throw error
            }
        }

        func port(_ broker: Int, _ listener: String) -> Int { cluster.brokers[broker].port(listener: listener) ?? -1 }

        func stop() {
            server.beginStop()
            cluster.shutdown()
            group.shutdownGracefully { _ in }
            clientGroup.shutdownGracefully { _ in }
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test func eachListenerAnswersMetadataWithItsOwnPorts() async throws {
        guard let certs = try TLSTestCertificates.make() else { return }
        defer { certs.remove() }
        let setup = try await Setup(brokers: 2, security: ["ssl.keystore.location": certs.serverKeystore])
        defer { setup.stop() }
        let sslPorts = [Int32(setup.port(0, "SSL")), Int32(setup.port(1, "SSL"))]
        let plainPorts = [Int32(setup.port(0, "PLAINTEXT")), Int32(setup.port(1, "PLAINTEXT"))]
        #expect(Set(sslPorts + plainPorts).count == 4 && !sslPorts.contains(0))
        #expect(plainPorts[0] == Int32(setup.cluster.brokers[0].port))
        let secured = try await TLSTestClient.connect(port: Int(sslPorts[1]), group: setup.clientGroup, ca: certs.ca)
        #expect(try await secured.metadataPorts() == [0: sslPorts[0], 1: sslPorts[1]])
        secured.close()
        let plain = try await TLSTestClient.connect(port: Int(plainPorts[0]), group: setup.clientGroup, ca: certs.ca, tls: false)
        #expect(try await plain.metadataPorts() == [0: plainPorts[0], 1: plainPorts[1]])
        plain.close()
        // A stopped broker closes both its listeners; started again, it serves TLS on the same port.
        try setup.cluster.stopBroker(1)
        try await eventually { (try? await TLSTestClient.connect(port: Int(sslPorts[1]), group: setup.clientGroup, ca: certs.ca)) == nil }
        try setup.cluster.startBroker(1)
        try await eventually {
            guard let again = try? await TLSTestClient.connect(port: Int(sslPorts[1]), group: setup.clientGroup, ca: certs.ca) else { return false }
            defer { again.close() }
            return (try? await again.metadataPorts())?[1] == sslPorts[1]
        }
    }

    @Test func advertisedPortsAreWhatMetadataAnswers() async throws {
        guard let certs = try TLSTestCertificates.make() else { return }
        defer { certs.remove() }
        let setup = try await Setup(brokers: 2, security: ["ssl.keystore.location": certs.serverKeystore], sslAdvertised: [19093, 19094])
        defer { setup.stop() }
        let secured = try await TLSTestClient.connect(port: setup.port(1, "SSL"), group: setup.clientGroup, ca: certs.ca)
        #expect(try await secured.metadataPorts() == [0: 19093, 1: 19094])
        secured.close()
        let plain = try await TLSTestClient.connect(port: setup.port(0, "PLAINTEXT"), group: setup.clientGroup, ca: certs.ca, tls: false)
        #expect(try await plain.metadataPorts() == [0: Int32(setup.port(0, "PLAINTEXT")), 1: Int32(setup.port(1, "PLAINTEXT"))])
        plain.close()
    }

    @Test func clientCertificateIsThePrincipalAndIsRequired() async throws {
        guard let certs = try TLSTestCertificates.make() else { return }
        defer { certs.remove() }
        let setup = try await Setup(brokers: 1, security: ["ssl.keystore.location": certs.serverKeystore, "ssl.client.auth": "required",
                                                           "ssl.truststore.location": certs.ca])
        defer { setup.stop() }
        let port = setup.port(0, "SSL")
        let alice = try await TLSTestClient.connect(port: port, group: setup.clientGroup, ca: certs.ca,
                                                    certificate: (certs.path("client-alice.pem"), certs.path("client-alice.key")))
        #expect(try await alice.metadataPorts()[0] == Int32(port))
        let principals = await setup.server.connectionSessions().map(\.principal.description)
        #expect(principals == ["User:CN=alice,OU=eng,O=Samsa"])
        alice.close()
        for certificate in [nil, (certs.path("expired.pem"), certs.path("expired.key"))] as [(cert: String, key: String)?] {
            let refused: Bool
            do {
                let client = try await TLSTestClient.connect(port: port, group: setup.clientGroup, ca: certs.ca, certificate: certificate)
                defer { client.close() }
                _ = try await client.metadataPorts()
                refused = false
            } catch {
                refused = true
            }
            #expect(refused, "a client with \(certificate?.cert ?? "no certificate") was served")
        }
    }

    @Test func unusableKeystoresAreRefusedInOneSentence() throws {
        guard let certs = try TLSTestCertificates.make() else { return }
        defer { certs.remove() }
        let listener = ListenerSpec(name: "SECURE", securityProtocol: .ssl, host: "127.0.0.1", ports: [0])
        func problem(_ properties: [String: String]) -> String? {
            do {
                _ = try TLSListenerSettings(listener: listener, properties: properties).makeContext()
                return nil
            } catch {
                return "\(error)"
            }
        }
        #expect(problem(["ssl.keystore.location": certs.serverKeystore]) == nil)
        #expect(problem(["listener.name.secure.ssl.keystore.location": certs.path("server-enc-keystore.pem"),
                         "ssl.key.password": "secret"]) == nil)
        #expect(problem(["ssl.keystore.location": certs.path("mismatched-keystore.pem")])?.contains("does not match its private key") == true)
        #expect(problem(["ssl.keystore.location": certs.path("server-enc-keystore.pem"), "ssl.key.password": "wrong"])?
            .contains("ssl.key.password does not decrypt") == true)
        #expect(problem(["ssl.keystore.location": certs.path("server-enc-keystore.pem")])?.contains("ssl.key.password is not set") == true)
        #expect(problem(["ssl.keystore.location": certs.path("absent.pem")]) == "Listener SECURE: cannot read ssl.keystore.location \(certs.path("absent.pem")).")
        #expect(problem([:])?.contains("needs a keystore") == true)
        #expect(problem(["ssl.keystore.location": certs.serverKeystore, "ssl.keystore.type": "JKS"])?.contains("JKS is not supported") == true)
        #expect(problem(["ssl.keystore.location": certs.serverKeystore, "ssl.client.auth": "maybe"])?.contains("ssl.client.auth") == true)
        #expect(problem(["ssl.keystore.location": certs.serverKeystore, "ssl.enabled.protocols": "SSLv3"])?.contains("SSLv3") == true)
        #expect(problem(["ssl.keystore.location": certs.serverKeystore, "ssl.cipher.suites": "TLS_AES_128_GCM_SHA256,TLS_FAKE_WITH_NOTHING"])
                == "Listener SECURE: ssl.cipher.suites names TLS_FAKE_WITH_NOTHING, which is not a cipher suite this broker's TLS library "
                   + "(BoringSSL) supports.")
        #expect(problem(["ssl.keystore.location": certs.serverKeystore, "ssl.cipher.suites": "TLS_AES_128_GCM_SHA256",
                         "ssl.enabled.protocols": "TLSv1.2"])?.contains("names no suite of the TLS versions") == true)
        // Inline PEM, as one line (server.properties continuation lines are joined with spaces).
        let keystore = try String(contentsOfFile: certs.serverKeystore, encoding: .utf8)
        let chain = try String(contentsOfFile: certs.path("server.pem"), encoding: .utf8).replacingOccurrences(of: "\n", with: " ")
        let key = try String(contentsOfFile: certs.path("server.key"), encoding: .utf8).replacingOccurrences(of: "\n", with: " ")
        #expect(!keystore.isEmpty)
        #expect(problem(["ssl.keystore.certificate.chain": chain, "ssl.keystore.key": key]) == nil)
    }

    @Test func subjectIsWrittenAsRFC2253() throws {
        guard let certs = try TLSTestCertificates.make() else { return }
        defer { certs.remove() }
        let der = try NIOSSLCertificate.fromPEMFile(certs.path("client-bob.pem"))[0].toDERBytes()
        #expect(DistinguishedName.subject(ofCertificate: der) == "CN=bob,OU=eng,O=Samsa")
        #expect(DistinguishedName.escape("a,b+c") == "a\\,b\\+c")
    }

    @Test func principalMappingRules() throws {
        let mapper = try SslPrincipalMapper(rules: "RULE:^CN=(.*?),OU=ops,.*$/$1-ops/U, RULE:^CN=(.*?),.*$/$1/L,DEFAULT")
        #expect(mapper.name(for: "CN=Alice,OU=eng,O=Samsa") == "alice")
        #expect(mapper.name(for: "CN=bob,OU=ops,O=Samsa") == "BOB-OPS")
        #expect(mapper.name(for: "O=Samsa") == "O=Samsa")
        #expect(try SslPrincipalMapper(rules: nil).name(for: "CN=x") == "CN=x")
        #expect(try SslPrincipalMapper(rules: "RULE:^CN=(.*)$/$1/").name(for: "O=x") == nil)
        #expect(throws: ServerError.self) { try SslPrincipalMapper(rules: "RULE:broken") }
        // A pattern that does not compile stops the start; it is not skipped in favour of a later rule.
        #expect(throws: ServerError.self) { try SslPrincipalMapper(rules: "RULE:^CN=(.*$/$1/,DEFAULT") }
    }

    @Test func saslSslListenersTakeOnlyTheirOwnClientAuth() {
        let sasl = ListenerSpec(name: "SASL_SSL", securityProtocol: .saslSsl, host: "127.0.0.1", ports: [0])
        let ssl = ListenerSpec(name: "SSL", securityProtocol: .ssl, host: "127.0.0.1", ports: [0])
        let global = ["ssl.client.auth": "required"]
        #expect(TLSListenerSettings(listener: sasl, properties: global).clientAuth == "none")
        #expect(TLSListenerSettings(listener: ssl, properties: global).clientAuth == "required")
        #expect(TLSListenerSettings(listener: sasl, properties: ["listener.name.sasl_ssl.ssl.client.auth": "Requested"]).clientAuth
                == "requested")
    }
}
