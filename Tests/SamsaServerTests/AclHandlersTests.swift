import Foundation
import SamsaClient
import SamsaEngine
import SamsaProtocol
import Testing
@testable import SamsaServer

/// CreateAcls, DescribeAcls and DeleteAcls over the wire: SECURITY_DISABLED without an authorizer, per-creation
/// INVALID_REQUEST, MATCH filters, CLUSTER_AUTHORIZATION_FAILED for a principal without cluster rights.
@Suite struct AclHandlersTests {
    let read = AclBinding(resourceType: .topic, resourceName: "orders", patternType: .literal, principal: "User:alice",
                          host: "*", operation: .read, permission: .allow)
    let prefixed = AclBinding(resourceType: .topic, resourceName: "ord", patternType: .prefixed, principal: "User:bob",
                              host: "*", operation: .write, permission: .allow)

    @Test func withoutAnAuthorizerTheApisAnswerSecurityDisabled() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        let connection = try await server.connect()
        let created = try await connection.send(CreateAclsRequest(creations: [read]))
        #expect(created.results == [.init(errorCode: .securityDisabled, errorMessage: "No Authorizer is configured.")])
        let described = try await connection.send(DescribeAclsRequest(filter: .any))
        #expect(described.errorCode == .securityDisabled && described.errorMessage == "No Authorizer is configured on the broker")
        let deleted = try await connection.send(DeleteAclsRequest(filters: [.any]))
        #expect(deleted.filterResults.map(\.errorCode) == [.securityDisabled])
        let versions = try await connection.send(ApiVersionsRequest())
        for key in [APIKey.describeAcls, .createAcls, .deleteAcls] {
            #expect(versions.apiKeys.first { $0.apiKey == key.rawValue }?.maxVersion == 3, "\(key) not advertised up to v3")
        }
    }

    @Test func createDescribeAndDeleteThroughTheAdminClient() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        server.cluster.authorizer.configure(.init(enabled: true, allowEveryoneIfNoAclFound: true))
        let client = KafkaClient(config: ClientConfig(bootstrapServers: [server.address]), group: server.clientGroup)
        let admin = Admin(client: client)
        try await admin.createAcls([read, prefixed])
        #expect(Set(try await admin.describeAcls()) == [read, prefixed])
        let match = AclBindingFilter(resourceType: .topic, resourceName: "orders", patternType: .match)
        #expect(Set(try await admin.describeAcls(match)) == [read, prefixed])
        #expect(try await admin.describeAcls(AclBindingFilter(resourceType: .topic, resourceName: "orders", patternType: .literal)) == [read])

        let invalid = AclBinding(resourceType: .topic, resourceName: "x", patternType: .match, principal: "User:a", host: "*",
                                 operation: .read, permission: .allow)
        let answer = try await server.connect().send(CreateAclsRequest(creations: [invalid, read]))
        #expect(answer.results == [.init(errorCode: .invalidRequest, errorMessage: "Invalid patternType MATCH"), .init()])
        let badFilter = try await server.connect().send(DeleteAclsRequest(filters: [AclBindingFilter(operation: .unknown), AclBindingFilter(principal: "User:bob")]))
        #expect(badFilter.filterResults.map(\.errorCode) == [.invalidRequest, .none])
        #expect(badFilter.filterResults[1].matchingAcls.map(\.acl) == [prefixed])
        #expect(try await admin.deleteAcls([.any]) == [[read]])
        #expect(try await admin.describeAcls().isEmpty)
        #expect(server.cluster.authorizer.acls.isEmpty)
        await client.close()
    }

    @Test func onlyPrincipalsWithClusterRightsManageAcls() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        // ANONYMOUS (a plaintext connection) may describe the cluster, not alter it.
        server.cluster.authorizer.configure(.init(enabled: true))
        server.cluster.authorizer.add([AclBinding(resourceType: .cluster, resourceName: "kafka-cluster", patternType: .literal,
                                                  principal: "User:ANONYMOUS", host: "*", operation: .describe, permission: .allow)])
        let connection = try await server.connect()
        let created = try await connection.send(CreateAclsRequest(creations: [read]))
        #expect(created.results == [.init(errorCode: .clusterAuthorizationFailed, errorMessage: "Cluster authorization failed.")])
        let deleted = try await connection.send(DeleteAclsRequest(filters: [.any]))
        #expect(deleted.filterResults.map(\.errorCode) == [.clusterAuthorizationFailed])
        let described = try await connection.send(DescribeAclsRequest(filter: .any))
        #expect(described.errorCode == .none && described.resources.count == 1)
        server.cluster.authorizer.configure(.init(enabled: true, superUsers: ["User:ANONYMOUS"]))
        #expect(try await connection.send(CreateAclsRequest(creations: [read])).results == [.init()])
    }
}
