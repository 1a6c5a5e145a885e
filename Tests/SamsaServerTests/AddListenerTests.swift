import Foundation
import SamsaClient
import SamsaEngine
import SamsaProtocol
import Testing
@testable import SamsaServer

/// `KafkaServer.addListener`: a SASL listener opened while the server runs, on every running broker.
@Suite struct AddListenerTests {
    static let secured = ListenerSpec(name: "SECURED", securityProtocol: .saslPlaintext, host: "127.0.0.1", ports: [])

    @Test func anAddedSaslListenerBindsEveryBrokerAndAScramClientLogsInThroughIt() async throws {
        let server = try await TestServer.start(brokers: 2)
        defer { server.stop() }
        try server.cluster.setScramCredential(ScramCredential.derive(password: "reader-secret", salt: ScramCredential.randomSalt(),
                                                                     iterations: 4096, mechanism: .sha256),
                                              user: "reader", mechanism: .sha256)
        let ports = try await server.server.addListener(Self.secured)
        #expect(ports.keys.sorted() == [0, 1])
        #expect(ports.values.allSatisfy { $0 > 0 } && Set(ports.values).count == 2)
        #expect(!ports.values.contains(server.cluster.brokers[0].port))

        var config = ClientConfig(bootstrapServers: [BrokerAddress(host: "127.0.0.1", port: ports[0]!)], clientId: "reader")
        config.security = ClientSecurity(securityProtocol: .saslPlaintext,
                                         sasl: .init(mechanism: .scram(.sha256), username: "reader", password: "reader-secret"))
        let client = KafkaClient(config: config)
        let view = try await client.refreshMetadata(topics: [])
        await client.close()
        // Metadata answers with the addresses of the listener the client came in on.
        #expect(view.brokers.mapValues(\.port) == ports)
        #expect(server.cluster.logins.counts(mechanism: "SCRAM-SHA-256").succeeded >= 1)

        // The plain listener still serves, and a second listener of the same name is refused in one sentence.
        let plain = try await server.connect()
        _ = try await plain.send(MetadataRequest(topicNames: []))
        plain.close()
        await #expect(throws: ServerError.self) { try await server.server.addListener(Self.secured) }
    }

    @Test func aSaslClientWithAWrongPasswordIsRefusedOnTheAddedListener() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        let ports = try await server.server.addListener(Self.secured)
        var config = ClientConfig(bootstrapServers: [BrokerAddress(host: "127.0.0.1", port: ports[0]!)], clientId: "nobody")
        config.security = ClientSecurity(securityProtocol: .saslPlaintext,
                                         sasl: .init(mechanism: .scram(.sha256), username: "nobody", password: "x"))
        config.requestTimeout = .seconds(10)
        let client = KafkaClient(config: config)
        defer { Task { await client.close() } }
        await #expect(throws: ClientError.self) { _ = try await client.refreshMetadata(topics: []) }
    }
}
