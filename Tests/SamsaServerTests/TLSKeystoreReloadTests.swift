import Foundation
import SamsaClient
import SamsaEngine
import Testing
@testable import SamsaServer

/// A keystore changed with (Incremental)AlterConfigs on a broker: new TLS connections get the new certificate,
/// open ones keep theirs, and a keystore that cannot be used is refused with nothing changed.
@Suite(.serialized) struct TLSKeystoreReloadTests {
    @Test func alterConfigsSwapsTheKeystoreForNewConnections() async throws {
        guard let first = try TLSTestCertificates.make(), let second = try TLSTestCertificates.make() else { return }
        defer { first.remove(); second.remove() }
        let setup = try await TLSServerTests.Setup(brokers: 1, security: ["ssl.keystore.location": first.serverKeystore])
        defer { setup.stop() }
        let port = setup.port(0, "SSL")
        func served(trusting ca: String) async -> Bool {
            guard let client = try? await TLSTestClient.connect(port: port, group: setup.clientGroup, ca: ca) else { return false }
            defer { client.close() }
            return (try? await client.metadataPorts())?[0] == Int32(port)
        }
        let open = try await TLSTestClient.connect(port: port, group: setup.clientGroup, ca: first.ca)
        defer { open.close() }
        #expect(await served(trusting: first.ca))
        #expect(await !served(trusting: second.ca))

        let client = KafkaClient(config: ClientConfig(bootstrapServers: [BrokerAddress(host: "127.0.0.1", port: setup.port(0, "PLAINTEXT"))]),
                                 group: setup.clientGroup)
        let admin = Admin(client: client)
        try await admin.incrementalAlterConfigs(.broker(0), [.set("listener.name.ssl.ssl.keystore.location", second.serverKeystore)])
        #expect(await served(trusting: second.ca))
        #expect(await !served(trusting: first.ca))
        #expect(try await open.metadataPorts()[0] == Int32(port), "an open connection keeps its context")

        // A certificate with another key, or the cluster-default entity: refused, the listener unchanged.
        var said = ""
        do {
            try await admin.incrementalAlterConfigs(.broker(0), [.set("listener.name.ssl.ssl.keystore.location", second.path("mismatched-keystore.pem"))])
        } catch { said = "\(error)" }
        #expect(said.contains("does not match its private key"), "\(said)")
        do {
            try await admin.incrementalAlterConfigs(.broker(nil), [.set("ssl.keystore.location", first.serverKeystore)])
            said = ""
        } catch { said = "\(error)" }
        #expect(said.contains("Cannot update these configs at default cluster level, broker id must be specified"), "\(said)")
        #expect(await served(trusting: second.ca))

        // AlterConfigs too; validateOnly checks without swapping.
        try await admin.alterConfigs(.broker(0), ["ssl.keystore.location": first.serverKeystore], validateOnly: true)
        #expect(await served(trusting: second.ca))
        try await admin.incrementalAlterConfigs(.broker(0), [.delete("listener.name.ssl.ssl.keystore.location")])
        try await admin.alterConfigs(.broker(0), ["ssl.keystore.location": first.serverKeystore])
        #expect(await served(trusting: first.ca))
        #expect(await !served(trusting: second.ca))
        await client.close()
    }
}
