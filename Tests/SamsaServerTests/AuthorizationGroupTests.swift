import NIOCore
import SamsaClient
import SamsaEngine
import SamsaProtocol
import Testing
@testable import SamsaServer

/// Group and transaction checks with Kafka's StandardAuthorizer on, over the wire as User:ANONYMOUS.
@Suite struct AuthorizationGroupTests {
    typealias F = AuthorizationFixture

    static func join(_ connection: BrokerConnection, _ group: String) async throws -> JoinGroupResponse {
        try await connection.send(JoinGroupRequest(
            groupId: group, sessionTimeoutMs: 10000, rebalanceTimeoutMs: 10000, memberId: "", protocolType: "consumer",
            protocols: [.init(name: "range", metadata: ByteBuffer(bytes: [0, 0, 0, 0, 0, 0, 0, 0]))]), version: 3)
    }

    @Test func groupsNeedReadAndDescribe() async throws {
        let server = try await F.start()
        defer { server.stop() }
        try server.cluster.createTopic(name: "t")
        F.allow(server, .read, .group, "allowed", pattern: .prefixed)
        F.allow(server, .read, .topic, "t")
        let connection = try await server.connect()
        defer { connection.close() }
        let found = try await connection.send(FindCoordinatorRequest(key: "forbidden"), version: 2)
        #expect(found.errorCode == .groupAuthorizationFailed && found.errorMessage == "Group authorization failed.")
        #expect(try await connection.send(FindCoordinatorRequest(key: "allowed"), version: 2).errorCode == .none)
        #expect(try await Self.join(connection, "forbidden").errorCode == .groupAuthorizationFailed)
        let joined = try await Self.join(connection, "allowed")
        #expect(joined.errorCode == .none)
        let heartbeat = try await connection.send(HeartbeatRequest(groupId: "forbidden", generationId: 1, memberId: "m"))
        #expect(heartbeat.errorCode == .groupAuthorizationFailed)

        // Offsets: READ on the group and each topic to commit; DESCRIBE to fetch.
        try server.cluster.createTopic(name: "secret")
        let commit = try await connection.send(OffsetCommitRequest(groupId: "allowed-offsets", topics: [
            .init(name: "t", partitions: [.init(partitionIndex: 0, committedOffset: 5)]),
            .init(name: "secret", partitions: [.init(partitionIndex: 0, committedOffset: 7)])]), version: 2)
        let codes = Dictionary(uniqueKeysWithValues: commit.topics.map { ($0.name, $0.partitions[0].errorCode) })
        #expect(codes == ["t": .none, "secret": .topicAuthorizationFailed])
        let refused = try await connection.send(OffsetCommitRequest(groupId: "forbidden", topics: [
            .init(name: "t", partitions: [.init(partitionIndex: 0, committedOffset: 5)])]), version: 2)
        #expect(refused.topics[0].partitions[0].errorCode == .groupAuthorizationFailed)
        let fetched = try await connection.send(OffsetFetchRequest(groupId: "allowed-offsets", topics: [
            .init(name: "t", partitionIndexes: [0]), .init(name: "secret", partitionIndexes: [0])]), version: 5)
        let offsets = Dictionary(uniqueKeysWithValues: fetched.topics.compactMap { topic in
            topic.partitions.first.map { (topic.name, $0) }
        })
        #expect(offsets["t"]?.committedOffset == 5 && offsets["secret"]?.errorCode == .topicAuthorizationFailed)
        // From "all the group's offsets", topics the principal may not describe are left out.
        server.cluster.authorizer.add([AclBinding(resourceType: .topic, resourceName: "secret", patternType: .literal,
                                                  principal: "User:*", host: "*", operation: .read, permission: .allow)])
        #expect(try await connection.send(OffsetCommitRequest(groupId: "allowed-offsets", topics: [
            .init(name: "secret", partitions: [.init(partitionIndex: 0, committedOffset: 7)])]), version: 2).topics[0].partitions[0].errorCode == .none)
        server.cluster.authorizer.remove([AclBinding(resourceType: .topic, resourceName: "secret", patternType: .literal,
                                                     principal: "User:*", host: "*", operation: .read, permission: .allow)])
        let all = try await connection.send(OffsetFetchRequest(groupId: "allowed-offsets", topics: nil), version: 5)
        #expect(all.topics.map(\.name) == ["t"])
        let other = try await connection.send(OffsetFetchRequest(groupId: "forbidden", topics: nil), version: 5)
        #expect(other.errorCode == .groupAuthorizationFailed)

        // ListGroups shows only the groups the principal may describe; DescribeGroups refuses the others.
        let everyGroup = try await connection.send(ListGroupsRequest())
        #expect(Set(everyGroup.groups.map(\.groupId)).isSuperset(of: ["allowed", "allowed-offsets"]))
        let readAllowed = AclBinding(resourceType: .group, resourceName: "allowed", patternType: .prefixed,
                                     principal: "User:ANONYMOUS", host: "*", operation: .read, permission: .allow)
        server.cluster.authorizer.remove([readAllowed])
        F.allow(server, .describe, .group, "allowed-offsets")
        #expect(try await connection.send(ListGroupsRequest()).groups.map(\.groupId) == ["allowed-offsets"])
        server.cluster.authorizer.add([readAllowed])
        let described = try await connection.send(DescribeGroupsRequest(groups: ["allowed", "forbidden"], includeAuthorizedOperations: true),
                                                   version: 3)
        #expect(described.groups.map(\.errorCode) == [.none, .groupAuthorizationFailed])
        #expect(described.groups[0].authorizedOperations == (1 << 3) | (1 << 8))
        let deleted = try await connection.send(DeleteGroupsRequest(groupsNames: ["allowed"]))
        #expect(deleted.results[0].errorCode == .groupAuthorizationFailed)
    }

    @Test func transactionsNeedWriteOnTheTransactionalId() async throws {
        let server = try await F.start()
        defer { server.stop() }
        try server.cluster.createTopic(name: "t")
        try server.cluster.createTopic(name: "secret")
        F.allow(server, .write, .transactionalId, "tx")
        F.allow(server, .write, .topic, "t")
        let connection = try await server.connect()
        defer { connection.close() }
        let refused = try await connection.send(InitProducerIdRequest(transactionalId: "other"))
        #expect(refused.errorCode == .transactionalIdAuthorizationFailed)
        let coordinator = try await connection.send(FindCoordinatorRequest(key: "other", keyType: 1), version: 2)
        #expect(coordinator.errorCode == .transactionalIdAuthorizationFailed)
        var producer = InitProducerIdResponse(errorCode: .coordinatorNotAvailable)
        for _ in 0..<200 where producer.errorCode != .none {
            // The first use creates __transaction_state; its coordinator loads before answering.
            _ = try await connection.send(FindCoordinatorRequest(key: "tx", keyType: 1), version: 2)
            producer = try await connection.send(InitProducerIdRequest(transactionalId: "tx"))
            if producer.errorCode != .none { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(producer.errorCode == .none)
        let added = try await connection.send(AddPartitionsToTxnRequest(
            transactionalId: "tx", producerId: producer.producerId, producerEpoch: producer.producerEpoch,
            topics: [.init(name: "t", partitions: [0]), .init(name: "secret", partitions: [0])]), version: 3)
        let codes = Dictionary(uniqueKeysWithValues: added.resultsByTopic.map { ($0.name, $0.partitions[0].errorCode) })
        #expect(codes == ["t": .operationNotAttempted, "secret": .topicAuthorizationFailed])
        // An internal topic is never added by a client, as in Kafka.
        let withInternal = try await connection.send(AddPartitionsToTxnRequest(
            transactionalId: "tx", producerId: producer.producerId, producerEpoch: producer.producerEpoch,
            topics: [.init(name: "t", partitions: [0]), .init(name: "__consumer_offsets", partitions: [0])]), version: 3)
        let internalCodes = Dictionary(uniqueKeysWithValues: withInternal.resultsByTopic.map { ($0.name, $0.partitions[0].errorCode) })
        #expect(internalCodes == ["t": .operationNotAttempted, "__consumer_offsets": .topicAuthorizationFailed])
        let ended = try await connection.send(EndTxnRequest(transactionalId: "other", producerId: 1, producerEpoch: 0, committed: true))
        #expect(ended.errorCode == .transactionalIdAuthorizationFailed)
        // Idempotent producing: WRITE on some topic is enough (Kafka's authorizeByResourceType).
        #expect(try await connection.send(InitProducerIdRequest()).errorCode == .none)
        server.cluster.authorizer.replaceAll([])
        #expect(try await connection.send(InitProducerIdRequest()).errorCode == .clusterAuthorizationFailed)
    }
}
