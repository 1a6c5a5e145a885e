import NIOCore
import SamsaClient
import SamsaEngine
import SamsaProtocol
import Testing
@testable import SamsaServer

/// Topic-level checks with Kafka's StandardAuthorizer on, over the wire as User:ANONYMOUS (PLAINTEXT).
@Suite struct AuthorizationTopicTests {
    typealias F = AuthorizationFixture

    @Test func produceAndFetchNeedWriteAndRead() async throws {
        let server = try await F.start()
        defer { server.stop() }
        try server.cluster.createTopic(name: "open")
        try server.cluster.createTopic(name: "closed")
        F.allow(server, .write, .topic, "open")
        F.allow(server, .read, .topic, "open")
        let connection = try await server.connect()
        defer { connection.close() }
        #expect(try await F.produce(connection, "open") == .none)
        #expect(try await F.produce(connection, "closed") == .topicAuthorizationFailed)
        let allowed = try await F.fetch(connection, "open")
        #expect(allowed.errorCode == .none && allowed.highWatermark == 1)
        #expect(try await F.fetch(connection, "closed").errorCode == .topicAuthorizationFailed)
        // The refused produce wrote nothing.
        F.allow(server, .read, .topic, "closed")
        #expect(try await F.fetch(connection, "closed").highWatermark == 0)
        // A DENY wins over the ALLOW.
        F.allow(server, .write, .topic, "open", permission: .deny)
        #expect(try await F.produce(connection, "open") == .topicAuthorizationFailed)
    }

    @Test func withoutAnAuthorizerEverythingIsAllowed() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        try server.cluster.createTopic(name: "t")
        let connection = try await server.connect()
        defer { connection.close() }
        #expect(try await F.produce(connection, "t") == .none)
        let cluster = try await connection.send(DescribeClusterRequest(includeClusterAuthorizedOperations: true))
        #expect(cluster.clusterAuthorizedOperations == [5, 7, 8, 9, 10, 11, 12].reduce(Int32(0)) { $0 | (1 << $1) })
    }

    @Test func metadataHidesTopicsThePrincipalMayNotDescribe() async throws {
        let server = try await F.start()
        defer { server.stop() }
        for name in ["visible-a", "visible-b", "hidden"] { try server.cluster.createTopic(name: name) }
        F.allow(server, .describe, .topic, "visible-", pattern: .prefixed)
        let connection = try await server.connect()
        defer { connection.close() }
        let all = try await connection.send(MetadataRequest(topics: nil, includeTopicAuthorizedOperations: true), version: 9)
        #expect(all.topics.compactMap(\.name).sorted() == ["visible-a", "visible-b"])
        #expect(all.topics.allSatisfy { $0.topicAuthorizedOperations == 1 << 8 })
        let named = try await connection.send(MetadataRequest(topicNames: ["hidden", "missing", "visible-a"], allowAutoTopicCreation: false))
        let codes = Dictionary(uniqueKeysWithValues: named.topics.map { ($0.name ?? "", $0.errorCode) })
        #expect(codes == ["hidden": .topicAuthorizationFailed, "missing": .topicAuthorizationFailed, "visible-a": .none])
        // Auto-creation needs CREATE: DESCRIBE alone is refused, without creating the topic.
        let auto = try await connection.send(MetadataRequest(topicNames: ["visible-new"], allowAutoTopicCreation: true))
        #expect(auto.topics.first?.errorCode == .topicAuthorizationFailed)
        #expect(server.cluster.controller.topic("visible-new") == nil)
        F.allow(server, .create, .topic, "visible-new")
        let created = try await connection.send(MetadataRequest(topicNames: ["visible-new"], allowAutoTopicCreation: true))
        #expect(created.topics.first?.errorCode == ErrorCode.none && server.cluster.controller.topic("visible-new") != nil)
    }

    @Test func createDeleteAndPartitionsNeedTheirOperations() async throws {
        let server = try await F.start()
        defer { server.stop() }
        F.allow(server, .create, .topic, "mine-", pattern: .prefixed)
        let connection = try await server.connect()
        defer { connection.close() }
        let created = try await connection.send(CreateTopicsRequest(topics: [
            .init(name: "mine-1", numPartitions: 1, replicationFactor: 1), .init(name: "theirs", numPartitions: 1, replicationFactor: 1)]))
        let byName = Dictionary(uniqueKeysWithValues: created.topics.map { ($0.name, $0) })
        #expect(byName["mine-1"]?.errorCode == ErrorCode.none)
        #expect(byName["mine-1"]?.topicConfigErrorCode == .topicAuthorizationFailed)
        #expect(byName["theirs"]?.errorCode == .topicAuthorizationFailed && byName["theirs"]?.errorMessage == "Authorization failed.")
        #expect(server.cluster.controller.topic("theirs") == nil)

        let grow = try await connection.send(CreatePartitionsRequest(topics: [.init(name: "mine-1", count: 2)]))
        #expect(grow.results.first?.errorCode == .topicAuthorizationFailed)
        let refused = try await connection.send(DeleteTopicsRequest(names: ["mine-1", "unseen"]))
        let codes = Dictionary(uniqueKeysWithValues: refused.responses.map { ($0.name ?? "", $0.errorCode) })
        // Describe is implied by nothing granted here: both answers hide whether the topic exists.
        #expect(codes == ["mine-1": .topicAuthorizationFailed, "unseen": .topicAuthorizationFailed])
        F.allow(server, .delete, .topic, "mine-", pattern: .prefixed)
        let deleted = try await connection.send(DeleteTopicsRequest(names: ["mine-1", "mine-unknown"]))
        let after = Dictionary(uniqueKeysWithValues: deleted.responses.map { ($0.name ?? "", $0.errorCode) })
        #expect(after == ["mine-1": .none, "mine-unknown": .unknownTopicOrPartition])
    }

    @Test func configsNeedDescribeAndAlterConfigs() async throws {
        let server = try await F.start()
        defer { server.stop() }
        try server.cluster.createTopic(name: "t")
        F.allow(server, .describeConfigs, .topic, "t")
        let connection = try await server.connect()
        defer { connection.close() }
        let described = try await connection.send(DescribeConfigsRequest(resources: [
            .init(resourceType: DescribeConfigsRequest.topicResource, resourceName: "t"),
            .init(resourceType: DescribeConfigsRequest.brokerResource, resourceName: "0")]))
        #expect(described.results[0].errorCode == .none && !described.results[0].configs.isEmpty)
        #expect(described.results[1].errorCode == .clusterAuthorizationFailed)
        let altered = try await connection.send(IncrementalAlterConfigsRequest(resources: [
            .init(resourceType: DescribeConfigsRequest.topicResource, resourceName: "t",
                  configs: [.init(name: "retention.ms", operation: IncrementalAlterConfigsRequest.set, value: "1000")])]))
        #expect(altered.responses[0].errorCode == .topicAuthorizationFailed)
        F.allow(server, .alterConfigs, .topic, "t")
        let allowed = try await connection.send(IncrementalAlterConfigsRequest(resources: [
            .init(resourceType: DescribeConfigsRequest.topicResource, resourceName: "t",
                  configs: [.init(name: "retention.ms", operation: IncrementalAlterConfigsRequest.set, value: "1000")])]))
        #expect(allowed.responses[0].errorCode == .none)
    }

    @Test func clusterAuthorizedOperationsFollowTheAcls() async throws {
        let server = try await F.start()
        defer { server.stop() }
        let connection = try await server.connect()
        defer { connection.close() }
        let none = try await connection.send(DescribeClusterRequest(includeClusterAuthorizedOperations: true))
        #expect(none.clusterAuthorizedOperations == 0)
        F.allow(server, .describe, .cluster, Authorizer.clusterResourceName)
        F.allow(server, .idempotentWrite, .cluster, Authorizer.clusterResourceName)
        let some = try await connection.send(DescribeClusterRequest(includeClusterAuthorizedOperations: true))
        #expect(some.clusterAuthorizedOperations == (1 << 8) | (1 << 12))
        let metadata = try await connection.send(MetadataRequest(topics: [], includeClusterAuthorizedOperations: true), version: 9)
        #expect(metadata.clusterAuthorizedOperations == (1 << 8) | (1 << 12))
        let logDirs = try await connection.send(DescribeLogDirsRequest(), version: 3)
        #expect(logDirs.errorCode == .none)
        server.cluster.authorizer.replaceAll([])
        #expect(try await connection.send(DescribeLogDirsRequest(), version: 3).errorCode == .clusterAuthorizationFailed)
    }
}
