import Foundation
import Logging
@testable import SamsaEngine
import SamsaProtocol
import Testing

/// SCRAM credentials as cluster state: Kafka's ScramControlManager rules, describe as ScramImage answers,
/// and persistence in the controller's metadata across a restart.
@Suite struct ScramCredentialStateTests {
    typealias Upsertion = AlterUserScramCredentialsRequest.Upsertion
    typealias Deletion = AlterUserScramCredentialsRequest.Deletion

    private func upsertion(_ user: String, _ mechanism: ScramMechanism = .sha256, iterations: Int = 4096,
                           password: String = "secret", salt: [UInt8] = [1, 2, 3, 4]) -> Upsertion {
        Upsertion(name: user, mechanism: mechanism.rawValue, iterations: Int32(iterations), salt: salt,
                  saltedPassword: mechanism.saltedPassword(password, salt: salt, iterations: iterations))
    }

    private func codes(_ results: [AlterUserScramCredentialsResponse.Result]) -> [String: ErrorCode] {
        Dictionary(uniqueKeysWithValues: results.map { ($0.user, $0.errorCode) })
    }

    @Test func upsertionsStoreDerivedKeysAndDescribeShowsIterations() throws {
        let harness = try ReplicationHarness(brokers: 2)
        defer { harness.close() }
        let cluster = harness.cluster
        let results = try cluster.alterScramCredentials(deletions: [], upsertions: [
            upsertion("alice", .sha256, iterations: 8192, password: "alice-secret"), upsertion("bob", .sha512)])
        #expect(results.map(\.user) == ["alice", "bob"] && results.allSatisfy { $0.errorCode == .none && $0.errorMessage == nil })
        let stored = try #require(cluster.scramCredentials.credential(user: "alice", mechanism: .sha256))
        #expect(stored == ScramCredential.derive(password: "alice-secret", salt: [1, 2, 3, 4], iterations: 8192, mechanism: .sha256))
        #expect(cluster.controller.scramCredentials["alice"]?[.sha256] == stored)

        try cluster.alterScramCredentials(deletions: [], upsertions: [upsertion("alice", .sha512, iterations: 4096)])
        #expect(cluster.describeScramCredentials(users: nil) == [
            .init(user: "alice", credentialInfos: [.init(mechanism: 1, iterations: 8192), .init(mechanism: 2, iterations: 4096)]),
            .init(user: "bob", credentialInfos: [.init(mechanism: 2, iterations: 4096)])])
        #expect(cluster.describeScramCredentials(users: []).count == 2)
        #expect(cluster.describeScramCredentials(users: ["bob", "carol", "alice", "alice"]) == [
            .init(user: "bob", credentialInfos: [.init(mechanism: 2, iterations: 4096)]),
            .init(user: "carol", errorCode: .resourceNotFound, errorMessage: "Attempt to describe a user credential that does not exist: carol"),
            .init(user: "alice", errorCode: .duplicateResource,
                  errorMessage: "Cannot describe SCRAM credentials for the same user twice in a single request: alice")])

        // Deleting the last mechanism removes the user.
        #expect(codes(try cluster.alterScramCredentials(deletions: [Deletion(name: "bob", mechanism: 2)], upsertions: [])) == ["bob": .none])
        #expect(cluster.scramCredentials.all["bob"] == nil && cluster.controller.snapshot().scramCredentials?["bob"] == nil)
    }

    @Test func refusalsFollowKafkasControllerOneResultPerUser() throws {
        let harness = try ReplicationHarness(brokers: 1)
        defer { harness.close() }
        let cluster = harness.cluster
        try cluster.alterScramCredentials(deletions: [], upsertions: [upsertion("dave")])
        let results = try cluster.alterScramCredentials(
            deletions: [Deletion(name: "ghost", mechanism: 1), Deletion(name: "dave", mechanism: 2), Deletion(name: "eve", mechanism: 9)],
            upsertions: [upsertion(""), upsertion("few", iterations: 4095), upsertion("many", iterations: 16385),
                         upsertion("twice", .sha256), upsertion("twice", .sha512), upsertion("fine", iterations: 16384)])
        #expect(results.map(\.user) == ["ghost", "dave", "eve", "", "few", "many", "twice", "fine"])
        let byUser = Dictionary(uniqueKeysWithValues: results.map { ($0.user, ($0.errorCode, $0.errorMessage ?? "")) })
        #expect(byUser["ghost"]! == (.resourceNotFound, "Attempt to delete a user credential that does not exist"))
        #expect(byUser["dave"]! == (.resourceNotFound, "Attempt to delete a user credential that does not exist"))
        #expect(byUser["eve"]! == (.unsupportedSaslMechanism, "Unknown SCRAM mechanism"))
        #expect(byUser[""]! == (.unacceptableCredential, "Username must not be empty"))
        #expect(byUser["few"]! == (.unacceptableCredential, "Too few iterations"))
        #expect(byUser["many"]! == (.unacceptableCredential, "Too many iterations"))
        #expect(byUser["twice"]! == (.duplicateResource, "A user credential cannot be altered twice in the same request"))
        #expect(byUser["fine"]! == (.none, ""))
        // Only the accepted user changed.
        #expect(cluster.scramCredentials.all.keys.sorted() == ["dave", "fine"])
        // A deletion and an upsertion of one user in one request is a duplicate too (KRaft's rule).
        #expect(codes(try cluster.alterScramCredentials(deletions: [Deletion(name: "dave", mechanism: 1)],
                                                        upsertions: [upsertion("dave", .sha512)])) == ["dave": .duplicateResource])
        #expect(cluster.scramCredentials.credential(user: "dave", mechanism: .sha256) != nil)
    }

    @Test func credentialsSurviveARestartWithoutAnyPassword() throws {
        let directory = NSTemporaryDirectory() + "samsa-scram-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let config = ClusterConfig(dataDirectory: directory, ports: [0, 0])
        let first = try Cluster(config: config, logger: logger)
        try first.alterScramCredentials(deletions: [], upsertions: [
            upsertion("alice", .sha256, iterations: 8192, password: "alice-secret"), upsertion("alice2", .sha512, password: "alice-secret")])
        try first.alterScramCredentials(deletions: [Deletion(name: "alice2", mechanism: 2)], upsertions: [])
        let expected = first.scramCredentials.all
        first.shutdown()
        for file in ["samsa-metadata.json", "samsa-metadata.log"] {
            let text = (try? String(contentsOfFile: directory + "/" + file, encoding: .utf8)) ?? ""
            #expect(!text.contains("alice-secret"), "\(file) holds a password")
        }

        let second = try Cluster(config: config, logger: logger)
        #expect(second.scramCredentials.all == expected)
        #expect(second.scramCredentials.all.keys.sorted() == ["alice"])
        #expect(second.describeScramCredentials(users: ["alice"]) == [.init(user: "alice", credentialInfos: [.init(mechanism: 1, iterations: 8192)])])
        second.shutdown()
        // And again once the journal is folded into the snapshot at start.
        let third = try Cluster(config: config, logger: logger)
        defer { third.shutdown() }
        #expect(third.scramCredentials.all == expected)
    }
}
