import Foundation
import NIOSSL
import SamsaEngine
import Testing
@testable import SamsaServer

/// `ssl.cipher.suites` and `ssl.enabled.protocols` on a TLS listener: what BoringSSL is given, and what a
/// client offering other suites or versions meets.
@Suite(.serialized) struct TLSCipherSuitesTests {
    func applied(_ properties: [String: String]) throws -> TLSConfiguration {
        let settings = TLSListenerSettings(listener: ListenerSpec(name: "SSL", securityProtocol: .ssl, host: "127.0.0.1", ports: [0]),
                                           properties: properties)
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: [], privateKey: .file("/nonexistent"))
        let (minimum, maximum) = try settings.versions()
        configuration.minimumTLSVersion = minimum
        configuration.maximumTLSVersion = maximum
        try settings.applyCipherSuites(to: &configuration)
        return configuration
    }

    @Test func suitesBecomeBoringSSLsListAndNarrowTheVersions() throws {
        let mixed = try applied(["ssl.cipher.suites": "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_AES_128_GCM_SHA256"])
        #expect(mixed.cipherSuites == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
        #expect(mixed.minimumTLSVersion == .tlsv12 && mixed.maximumTLSVersion == .tlsv13)
        // No TLS 1.3 suite listed: Java would offer no TLS 1.3 suite, so the listener stops at TLS 1.2.
        let old = try applied(["ssl.cipher.suites": "SSL_RSA_WITH_AES_128_CBC_SHA,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"])
        #expect(old.cipherSuites == "TLS_RSA_WITH_AES_128_CBC_SHA:TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")
        #expect(old.maximumTLSVersion == .tlsv12)
        // Only TLS 1.3 suites: TLS 1.3 only (BoringSSL offers its three TLS 1.3 suites, which cannot be chosen).
        let modern = try applied(["listener.name.ssl.ssl.cipher.suites": "TLS_AES_256_GCM_SHA384"])
        #expect(modern.minimumTLSVersion == .tlsv13 && modern.maximumTLSVersion == .tlsv13)
        #expect(modern.cipherSuites == TLSConfiguration.makeServerConfiguration(certificateChain: [], privateKey: .file("/x")).cipherSuites)
        let protocols = try applied(["ssl.enabled.protocols": "TLSv1.3"])
        #expect(protocols.minimumTLSVersion == .tlsv13 && protocols.maximumTLSVersion == .tlsv13)
    }

    @Test func aClientWithoutAListedSuiteOrVersionIsRefused() async throws {
        guard let certs = try TLSTestCertificates.make() else { return }
        defer { certs.remove() }
        let setup = try await TLSServerTests.Setup(brokers: 1, security: [
            "ssl.keystore.location": certs.serverKeystore, "ssl.cipher.suites": "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"])
        defer { setup.stop() }
        let port = setup.port(0, "SSL")
        func served(_ configure: @escaping (inout TLSConfiguration) -> Void) async -> Bool {
            do {
                let client = try await TLSTestClient.connect(port: port, group: setup.clientGroup, ca: certs.ca, configure: configure)
                defer { client.close() }
                return try await client.metadataPorts()[0] == Int32(port)
            } catch {
                return false
            }
        }
        #expect(await served { $0.cipherSuites = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384" })
        #expect(await !served { $0.cipherSuites = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" })
        // No TLS 1.3 suite listed: a client that insists on TLS 1.3 is refused.
        #expect(await !served { $0.minimumTLSVersion = .tlsv13 })
        #expect(await served { $0.maximumTLSVersion = .tlsv12 })
    }
}
