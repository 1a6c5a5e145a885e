import Foundation
import NIOCore
import NIOPosix
import SamsaProtocol
import Testing
@testable import SamsaClient

/// The client's SASL exchange against `SecurityFakeBroker`.
@Suite struct SecuritySaslTests {
    static let users = ["alice": "alice-secret", "a,b=c": "odd"]

    private func withBroker(_ settings: SecurityFakeBroker.Settings = .init(users: users),
                            _ body: (SecurityFakeBroker) async throws -> Void) async throws {
        try await SecurityFakeBroker.with(settings, body)
    }

    private func connect(_ broker: SecurityFakeBroker, _ mechanism: ClientSecurity.SASL.Mechanism, _ user: String,
                         _ password: String) async throws -> BrokerConnection {
        try await BrokerConnection.connect(to: broker.address, group: broker.group,
                                           sasl: .init(mechanism: mechanism, username: user, password: password))
    }

    @Test(arguments: [ClientSecurity.SASL.Mechanism.plain, .scram(.sha256), .scram(.sha512)])
    func goodCredentialsLogIn(mechanism: ClientSecurity.SASL.Mechanism) async throws {
        try await withBroker { broker in
            for (user, password) in Self.users {
                let connection = try await connect(broker, mechanism, user, password)
                // Handed out only after the login, and usable.
                #expect(broker.loginCount >= 1)
                _ = try await connection.send(ApiVersionsRequest(), version: 0)
                connection.close()
            }
            #expect(broker.loginCount == 2)
        }
    }

    @Test(arguments: [ClientSecurity.SASL.Mechanism.plain, .scram(.sha256), .scram(.sha512)])
    func wrongPasswordIsOneSentence(mechanism: ClientSecurity.SASL.Mechanism) async throws {
        try await withBroker { broker in
            let address = broker.address.description
            await #expect(throws: ClientError.authenticationFailed(address, "Authentication failed: Invalid username or password")) {
                _ = try await connect(broker, mechanism, "alice", "wrong")
            }
            await #expect(throws: ClientError.authenticationFailed(address, "Authentication failed: Invalid username or password")) {
                _ = try await connect(broker, mechanism, "mallory", "x")
            }
        }
    }

    @Test func aServerThatDoesNotKnowTheCredentialIsRefused() async throws {
        var settings = SecurityFakeBroker.Settings(users: Self.users)
        settings.forgeServerSignature = true
        try await withBroker(settings) { broker in
            do {
                _ = try await connect(broker, .scram(.sha256), "alice", "alice-secret")
                Issue.record("a forged server signature was accepted")
            } catch let error as ClientError {
                #expect(error.isSecurityFailure)
                #expect(error.description.contains("server signature is invalid"))
            }
        }
    }

    @Test func mechanismTheBrokerLacks() async throws {
        try await withBroker(.init(mechanisms: ["PLAIN"], users: Self.users)) { broker in
            await #expect(throws: ClientError.authenticationFailed(broker.address.description,
                "Client SASL mechanism 'SCRAM-SHA-512' not enabled in the server, enabled mechanisms are [PLAIN]")) {
                _ = try await connect(broker, .scram(.sha512), "alice", "alice-secret")
            }
        }
    }

    @Test func reauthenticatesBeforeTheSessionExpires() async throws {
        try await withBroker(.init(users: Self.users, sessionLifetimeMs: 400)) { broker in
            let connection = try await connect(broker, .scram(.sha256), "alice", "alice-secret")
            defer { connection.close() }
            // Requests keep flowing while the login repeats on the same connection.
            let deadline = ContinuousClock.now + .seconds(60)
            while broker.loginCount < 4, ContinuousClock.now < deadline {
                let response = try await connection.send(ApiVersionsRequest(), version: 0)
                #expect(response.errorCode == .none)
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(broker.loginCount >= 4)
            #expect(connection.isActive)
        }
    }

    @Test func aClientStopsAtAFailedLogin() async throws {
        try await withBroker { broker in
            var config = ClientConfig(bootstrapServers: [broker.address, broker.address])
            config.security = ClientSecurity(securityProtocol: .saslPlaintext,
                                             sasl: .init(mechanism: .plain, username: "alice", password: "nope"))
            let client = KafkaClient(config: config, group: broker.group)
            do {
                _ = try await client.anyConnection()
                Issue.record("a wrong password connected")
            } catch let error as ClientError {
                #expect(error.description == "SASL authentication with \(broker.address) failed: Authentication failed: Invalid username or password.")
            }
            await client.close()
            // Not retried on the second bootstrap server: one ApiVersions, one handshake, one authenticate.
            #expect(broker.requestCount == 3)
        }
    }
}
