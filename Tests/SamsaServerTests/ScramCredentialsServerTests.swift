import Foundation
import SamsaClient
import SamsaEngine
import SamsaProtocol
import Testing
@testable import SamsaServer

/// DescribeUserScramCredentials and AlterUserScramCredentials over the wire: Admin's calls, the broker's
/// refusals, authorization on the cluster resource, and `samsa server --add-scram`.
@Suite struct ScramCredentialsServerTests {
    @Test func adminAltersAndDescribesCredentialsOnEveryBroker() async throws {
        let server = try await TestServer.start(brokers: 2)
        defer { server.stop() }
        let client = KafkaClient(config: ClientConfig(bootstrapServers: [server.address]), group: server.clientGroup)
        let admin = Admin(client: client)
        let versions = try await server.connect().send(ApiVersionsRequest())
        for key in [APIKey.describeUserScramCredentials, .alterUserScramCredentials] {
            #expect(versions.apiKeys.contains { $0.apiKey == key.rawValue && $0.maxVersion == 0 }, "\(key) not advertised")
        }

        let refused = try await admin.alterUserScramCredentials([
            .upsert(user: "alice", mechanism: .sha256, iterations: 8192, password: "alice-secret", salt: [9, 9, 9]),
            .upsert(user: "bob", mechanism: .sha512, iterations: 4096, password: "bob-secret"),
            .upsert(user: "few", mechanism: .sha512, iterations: 100, password: "x"),
            .delete(user: "ghost", mechanism: .sha256)])
        #expect(refused == ["few": .broker(.unacceptableCredential, "Too few iterations"),
                            "ghost": .broker(.resourceNotFound, "Attempt to delete a user credential that does not exist")])
        // The broker derived the keys from the salted password; the password never travelled.
        #expect(server.cluster.scramCredentials.credential(user: "alice", mechanism: .sha256)
                == ScramCredential.derive(password: "alice-secret", salt: [9, 9, 9], iterations: 8192, mechanism: .sha256))

        // Every broker answers the same.
        for broker in server.cluster.brokers {
            let connection = try await BrokerConnection.connect(to: BrokerAddress(host: "127.0.0.1", port: broker.port), group: server.clientGroup)
            let described = try await connection.send(DescribeUserScramCredentialsRequest(users: nil))
            #expect(described.results.map(\.user) == ["alice", "bob"])
            #expect(described.results[0].credentialInfos == [.init(mechanism: 1, iterations: 8192)])
        }
        let some = try await admin.describeUserScramCredentials(["bob", "carol"])
        #expect(some == [.init(user: "bob", credentials: [(.sha512, 4096)]),
                         .init(user: "carol", credentials: [],
                               error: .broker(.resourceNotFound, "Attempt to describe a user credential that does not exist: carol"))])
        #expect(try await admin.alterUserScramCredentials([.delete(user: "bob", mechanism: .sha512)]).isEmpty)
        #expect(try await admin.describeUserScramCredentials().map(\.user) == ["alice"])
        await client.close()
    }

    @Test func clusterAuthorizationIsChecked() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        server.cluster.authorizer.configure(Authorizer.Settings(enabled: true))
        let connection = try await server.connect()
        let upsertion = AlterUserScramCredentialsRequest.Upsertion(name: "alice", mechanism: 1, iterations: 4096, salt: [1],
                                                                    saltedPassword: ScramMechanism.sha256.saltedPassword("p", salt: [1], iterations: 4096))
        let denied = try await connection.send(AlterUserScramCredentialsRequest(upsertions: [upsertion, upsertion]))
        #expect(denied.results == [.init(user: "alice", errorCode: .clusterAuthorizationFailed, errorMessage: "Cluster authorization failed.")])
        let hidden = try await connection.send(DescribeUserScramCredentialsRequest(users: ["alice"]))
        #expect(hidden.errorCode == .clusterAuthorizationFailed && hidden.results.map(\.errorCode) == [.clusterAuthorizationFailed])
        #expect(server.cluster.scramCredentials.all.isEmpty)

        // Describe on the cluster lets the principal describe, not alter.
        _ = server.cluster.authorizer.add([AclBinding(resourceType: .cluster, resourceName: Authorizer.clusterResourceName,
                                                      patternType: .literal, principal: KafkaPrincipal.anonymous.description,
                                                      host: "*", operation: .describe, permission: .allow)])
        #expect(try await connection.send(DescribeUserScramCredentialsRequest(users: nil)).errorCode == .none)
        #expect(try await connection.send(AlterUserScramCredentialsRequest(upsertions: [upsertion])).results.first?.errorCode
                == .clusterAuthorizationFailed)
    }

    @Test func addScramArgumentsFollowKafkaStorageSyntax() throws {
        let alice = try ScramCredentialArgument(parsing: "SCRAM-SHA-256=[name=alice,password=alice-secret]")
        #expect(alice.user == "alice" && alice.mechanism == .sha256 && alice.iterations == 4096)
        let bob = try ScramCredentialArgument(parsing: " SCRAM-SHA-512=[name=\"bob\",iterations=8192,salt=AQID,saltedpassword=BAUG] ")
        #expect(bob.user == "bob" && bob.iterations == 8192 && bob.salt == [1, 2, 3] && bob.saltedPassword == [4, 5, 6])
        let refusals: [(String, String)] = [
            ("SCRAM-SHA-256", "Failed to find equals sign in SCRAM argument 'SCRAM-SHA-256'"),
            ("SCRAM-SHA-1=[name=a,password=p]", "The add-scram mechanism SCRAM-SHA-1 is not supported."),
            ("SCRAM-SHA-256=name=a,password=p]", "Expected configuration string to start with ["),
            ("SCRAM-SHA-256=[name=a,password=p", "Expected configuration string to end with ]"),
            ("SCRAM-SHA-256=[password=p]", "You must supply 'name' to add-scram"),
            ("SCRAM-SHA-256=[name=a]", "You must supply one of 'password' or 'saltedpassword' to add-scram"),
            ("SCRAM-SHA-256=[name=a,saltedpassword=AQID]", "You must supply 'salt' with 'saltedpassword' to add-scram"),
            ("SCRAM-SHA-256=[name=a,password=p,colour=red]", "Unknown SCRAM configuration in the SCRAM-SHA-256 argument: only "
             + "name, password, salt, saltedpassword and iterations are taken (a password may not contain a comma)."),
            ("SCRAM-SHA-256=[name=a,password=p,iterations=many]", "Failed to parse iterations count: many"),
            ("SCRAM-SHA-256=[name=a,password=p,iterations=4095]", "The 'iterations' value must be >= 4096 for add-scram using SCRAM-SHA-256"),
            ("SCRAM-SHA-512=[name=a,password=p,iterations=16385]", "The 'iterations' value must be <= 16384 for add-scram using SCRAM-SHA-512"),
            ("SCRAM-SHA-256=[name=a,password]", "No equals sign found in SCRAM component 2 of SCRAM-SHA-256 (a password may not contain a comma)."),
        ]
        // A comma in a password splits it; neither half may show in the error.
        for input in ["SCRAM-SHA-256=[name=a,password=se,cret]", "SCRAM-SHA-256=[name=a,password=se,cr=et]"] {
            do { _ = try ScramCredentialArgument(parsing: input); Issue.record("\(input) was accepted") } catch {
                #expect(!"\(error)".contains("cr"), "\(error)")
            }
        }
        for (input, sentence) in refusals {
            #expect(throws: (any Error).self) { try ScramCredentialArgument(parsing: input) }
            do { _ = try ScramCredentialArgument(parsing: input) } catch { #expect("\(error)" == sentence, "\(input)") }
        }
    }

    @Test func addScramIsJournaledOnceAndSurvivesARestart() async throws {
        let first = try await TestServer.start()
        let directory = first.directory
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let alice = try ScramCredentialArgument(parsing: "SCRAM-SHA-256=[name=alice,password=alice-secret]")
        #expect(try alice.apply(to: first.cluster))
        let stored = try #require(first.cluster.scramCredentials.credential(user: "alice", mechanism: .sha256))
        #expect(stored == ScramCredential.derive(password: "alice-secret", salt: stored.salt, iterations: 4096, mechanism: .sha256))
        first.stop(keepData: true)

        let second = try await TestServer.start(directory: directory)
        defer { second.stop(keepData: true) }
        #expect(second.cluster.scramCredentials.credential(user: "alice", mechanism: .sha256) == stored)
        // The same flag at the next start changes nothing; a new password replaces the credential.
        #expect(try !alice.apply(to: second.cluster))
        #expect(try ScramCredentialArgument(parsing: "SCRAM-SHA-256=[name=alice,password=other]").apply(to: second.cluster))
        #expect(second.cluster.scramCredentials.credential(user: "alice", mechanism: .sha256) != stored)
    }
}
