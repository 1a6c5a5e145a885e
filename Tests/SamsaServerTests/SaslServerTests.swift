import Foundation
import Logging
import SamsaClient
import SamsaEngine
import SamsaProtocol
import Testing
@testable import SamsaServer

/// SASL over a real connection to a SASL_PLAINTEXT listener: logins, the pre-authentication gate, refused
/// logins (delayed off-thread, then closed), re-authentication (KIP-368), counts and logs.
@Suite struct SaslServerTests {
    @Test func advertisesSaslHandshakeV0ToV1AndSaslAuthenticate() async throws {
        let server = try await SaslTestServer()
        defer { server.stop() }
        let connection = try await server.connect()
        defer { connection.close() }
        let versions = try await connection.send(ApiVersionsRequest())
        let ranges = Dictionary(uniqueKeysWithValues: versions.apiKeys.map { ($0.apiKey, $0.minVersion...$0.maxVersion) })
        #expect(ranges[APIKey.saslHandshake.rawValue] == 0...1)
        #expect(ranges[APIKey.saslAuthenticate.rawValue] == 0...2)
    }

    // Kafka 0.10's form (SaslHandshake v0, then bare tokens), and what librdkafka up to 2.0 needs to see
    // advertised (v0 in SaslHandshake's range) before it logs in at all.

    @Test func handshakeV0ThenABareTokenLogsIn() async throws {
        let server = try await SaslTestServer()
        defer { server.stop() }
        let fd = try RawSocket.connect(port: server.address.port)
        defer { close(fd) }
        RawSocket.send(fd, Self.handshakeV0("PLAIN"))
        let handshake = try #require(RawSocket.readFrame(fd))
        #expect(Array(handshake.prefix(6)) == [0, 0, 0, 1, 0, 0])  // correlation id 1, no error
        RawSocket.send(fd, Self.bare(Array("\0alice\0alice-secret".utf8)))
        #expect(RawSocket.readFrame(fd) == [])  // PLAIN's empty answer, as a bare frame
        // Metadata v1 (all topics): served only to a logged-in client.
        RawSocket.send(fd, [0, 0, 0, 14, 0, 3, 0, 1, 0, 0, 0, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        let metadata = try #require(RawSocket.readFrame(fd))
        #expect(Array(metadata.prefix(4)) == [0, 0, 0, 2])
        #expect(server.cluster.logins.counts(mechanism: "PLAIN") == LoginStats.Counts(succeeded: 1, failed: 0))
    }

    @Test func aRefusedBareTokenClosesTheConnection() async throws {
        let server = try await SaslTestServer()
        defer { server.stop() }
        let fd = try RawSocket.connect(port: server.address.port)
        defer { close(fd) }
        RawSocket.send(fd, Self.handshakeV0("PLAIN"))
        _ = try #require(RawSocket.readFrame(fd))
        RawSocket.send(fd, Self.bare(Array("\0alice\0wrong".utf8)))
        #expect(RawSocket.readFrame(fd) == nil)
        #expect(server.cluster.logins.counts(mechanism: "PLAIN") == LoginStats.Counts(succeeded: 0, failed: 1))
    }

    /// SaslHandshake v0 request frame, correlation id 1, null client id.
    static func handshakeV0(_ mechanism: String) -> [UInt8] {
        let name = Array(mechanism.utf8)
        let body: [UInt8] = [0, 17, 0, 0, 0, 0, 0, 1, 0xFF, 0xFF, 0, UInt8(name.count)] + name
        return bare(body)
    }

    static func bare(_ bytes: [UInt8]) -> [UInt8] {
        let size = UInt32(bytes.count)
        return [UInt8(size >> 24), UInt8(size >> 16 & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size & 0xFF)] + bytes
    }

    @Test func plainLoginThenRequestsAreServed() async throws {
        let server = try await SaslTestServer()
        defer { server.stop() }
        let connection = try await server.connect()
        defer { connection.close() }
        let answer = try await connection.plainLogin("alice", "alice-secret")
        #expect(answer.errorCode == .none && answer.sessionLifetimeMs == 0)
        let metadata = try await connection.send(MetadataRequest(topicNames: []))
        #expect(metadata.brokers.count == 1)
        #expect(server.cluster.logins.counts(mechanism: "PLAIN") == LoginStats.Counts(succeeded: 1, failed: 0))
    }

    @Test(arguments: ScramMechanism.allCases)
    func scramLoginOverTheWire(mechanism: ScramMechanism) async throws {
        let server = try await SaslTestServer()
        defer { server.stop() }
        server.cluster.scramCredentials.set(user: "bob", mechanism: mechanism,
                                            ScramCredential.derive(password: "bob-secret", salt: ScramCredential.randomSalt(),
                                                                   iterations: 4096, mechanism: mechanism))
        let connection = try await server.connect()
        defer { connection.close() }
        let answer = try await connection.scramLogin(mechanism, user: "bob", password: "bob-secret")
        #expect(answer.errorCode == .none)
        _ = try await connection.send(MetadataRequest(topicNames: []))
        #expect(server.cluster.logins.counts(mechanism: mechanism.mechanismName).succeeded == 1)

        for (user, password) in [("bob", "wrong"), ("nobody", "bob-secret")] {
            let refused = try await server.connect()
            let failure = try await refused.scramLogin(mechanism, user: user, password: password)
            #expect(failure.errorCode == .saslAuthenticationFailed)
            #expect(failure.errorMessage == "Authentication failed during authentication due to invalid credentials with SASL mechanism \(mechanism.mechanismName)")
            try await eventually { !refused.isActive }
        }
        #expect(server.cluster.logins.counts(mechanism: mechanism.mechanismName).failed == 2)
    }

    @Test func aRequestBeforeAuthenticationClosesTheConnection() async throws {
        let server = try await SaslTestServer()
        defer { server.stop() }
        let connection = try await server.connect()
        defer { connection.close() }
        _ = try? await connection.send(MetadataRequest(topicNames: []))
        try await eventually { !connection.isActive }
    }

    @Test func aWrongPasswordIsAnsweredLaterThenClosedAndNeverLogged() async throws {
        let log = CapturedLog()
        let server = try await SaslTestServer(logHandler: log.handler)
        defer { server.stop() }
        let connection = try await server.connect()
        defer { connection.close() }
        // The answer comes after the delay, which the event loop schedules: the handler thread is not held.
        let answer = try await connection.plainLogin("alice", "wrong-secret")
        #expect(answer.errorCode == .saslAuthenticationFailed)
        #expect(answer.errorMessage == "Authentication failed: Invalid username or password")
        try await eventually { !connection.isActive }
        #expect(server.cluster.logins.counts(mechanism: "PLAIN") == LoginStats.Counts(succeeded: 0, failed: 1))

        let good = try await server.connect()
        defer { good.close() }
        #expect(try await good.plainLogin("alice", "alice-secret").errorCode == .none)
        let lines = log.all
        #expect(lines.contains { $0.contains("Failed authentication") })
        #expect(!lines.contains { $0.contains("wrong-secret") || $0.contains("alice-secret") || $0.contains("admin-secret") })
    }

    @Test func anUnknownMechanismIsRefusedAndCloses() async throws {
        let server = try await SaslTestServer(properties: ["sasl.enabled.mechanisms": "SCRAM-SHA-512"])
        defer { server.stop() }
        let connection = try await server.connect()
        defer { connection.close() }
        let answer = try await connection.send(SaslHandshakeRequest(mechanism: "PLAIN"), version: 1)
        #expect(answer.errorCode == .unsupportedSaslMechanism && answer.mechanisms == ["SCRAM-SHA-512"])
        try await eventually { !connection.isActive }
    }

    @Test func anExpiredSessionClosesOnItsNextRequest() async throws {
        let server = try await SaslTestServer(properties: SaslTestServer.defaultProperties.merging(["connections.max.reauth.ms": "300"]) { $1 })
        defer { server.stop() }
        let connection = try await server.connect()
        defer { connection.close() }
        let answer = try await connection.plainLogin("alice", "alice-secret")
        #expect(answer.sessionLifetimeMs == 300)
        try await Task.sleep(for: .milliseconds(400))
        _ = try? await connection.send(MetadataRequest(topicNames: []))
        try await eventually { !connection.isActive }
    }

    @Test func reauthenticationRenewsTheSessionAndKeepsThePrincipal() async throws {
        let properties = SaslTestServer.defaultProperties.merging(["connections.max.reauth.ms": "60000"]) { $1 }
        let server = try await SaslTestServer(properties: properties)
        defer { server.stop() }
        let connection = try await server.connect()
        defer { connection.close() }
        #expect(try await connection.plainLogin("alice", "alice-secret").errorCode == .none)
        #expect(try await connection.plainLogin("alice", "alice-secret").sessionLifetimeMs == 60000)
        _ = try await connection.send(MetadataRequest(topicNames: []))
        let other = try await connection.plainLogin("admin", "admin-secret")
        #expect(other.errorCode == .saslAuthenticationFailed)
        #expect(other.errorMessage == "Cannot change principals during re-authentication from User:alice: User:admin")
        try await eventually { !connection.isActive }
    }

    @Test func gssapiIsRefusedAtStart() async throws {
        await #expect(throws: ServerError.self) {
            _ = try await SaslTestServer(properties: ["sasl.enabled.mechanisms": "GSSAPI"])
        }
    }
}
