import NIOCore
import SamsaClient
import SamsaEngine
import SamsaProtocol
import Testing
@testable import SamsaServer

/// Admin and log APIs with Kafka's StandardAuthorizer on, over the wire as User:ANONYMOUS.
@Suite struct AuthorizationAdminTests {
    typealias F = AuthorizationFixture

    @Test func logAndClusterApisNeedTheirOperations() async throws {
        let server = try await F.start()
        defer { server.stop() }
        try server.cluster.createTopic(name: "t")
        let connection = try await server.connect()
        defer { connection.close() }
        let offsets = try await connection.send(ListOffsetsRequest(topics: [.init(name: "t", partitions: [.init(partitionIndex: 0, timestamp: -1)])]))
        #expect(offsets.topics[0].partitions[0].errorCode == .topicAuthorizationFailed)
        let elect = try await connection.send(ElectLeadersRequest(topicPartitions: [.init(topic: "t", partitions: [0])]))
        #expect(elect.errorCode == .clusterAuthorizationFailed)
        let state = try await connection.send(SamsaClusterRequest(action: .describe))
        #expect(state.errorCode == .clusterAuthorizationFailed && state.brokers.isEmpty)
        let deleted = try await connection.send(OffsetDeleteRequest(groupId: "g", topics: [.init(name: "t", partitions: [0])]))
        #expect(deleted.errorCode == .groupAuthorizationFailed)

        F.allow(server, .describe, .topic, "t")
        F.allow(server, .describe, .cluster, Authorizer.clusterResourceName)
        let allowed = try await connection.send(ListOffsetsRequest(topics: [.init(name: "t", partitions: [.init(partitionIndex: 0, timestamp: -1)])]))
        #expect(allowed.topics[0].partitions[0].errorCode == .none)
        #expect(try await connection.send(SamsaClusterRequest(action: .describe)).errorCode == .none)
        // Fault injection needs ALTER on the cluster.
        #expect(try await connection.send(SamsaClusterRequest(action: .heal)).errorCode == .clusterAuthorizationFailed)
    }
}
