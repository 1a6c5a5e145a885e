import NIOCore
import SamsaClient
import SamsaEngine
import SamsaProtocol
@testable import SamsaServer

/// A one-broker server with Kafka's StandardAuthorizer on, and ACLs for the PLAINTEXT client (User:ANONYMOUS).
enum AuthorizationFixture {
    static let securityProperties = ["authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer"]

    static func start() async throws -> TestServer {
        let server = try await TestServer.start()
        server.cluster.authorizer.configure(Authorizer.Settings(properties: securityProperties))
        return server
    }

    static func allow(_ server: TestServer, _ operation: AclOperation, _ type: AclResourceType, _ name: String,
                      pattern: AclPatternType = .literal, permission: AclPermissionType = .allow) {
        server.cluster.authorizer.add([AclBinding(resourceType: type, resourceName: name, patternType: pattern,
                                                  principal: KafkaPrincipal.anonymous.description, host: "*",
                                                  operation: operation, permission: permission)])
    }

    static func batch(_ values: [String]) -> ByteBuffer {
        var builder = RecordBatchBuilder()
        for value in values { builder.append(key: nil, value: ByteBuffer(string: value), timestamp: 1000) }
        return builder.build()
    }

    static func produce(_ connection: BrokerConnection, _ topic: String) async throws -> ErrorCode {
        let response = try await connection.send(ProduceRequest(acks: 1, timeoutMs: 1000, topicData: [
            .init(name: topic, partitionData: [.init(index: 0, records: batch(["v"]))])]))
        return response.responses[0].partitionResponses[0].errorCode
    }

    static func fetch(_ connection: BrokerConnection, _ topic: String) async throws -> FetchResponse.PartitionData {
        let response = try await connection.send(FetchRequest(maxWaitMs: 0, minBytes: 1, topics: [
            .init(topic: topic, partitions: [.init(partition: 0, fetchOffset: 0, partitionMaxBytes: 1 << 20)])]), version: 12)
        return response.responses[0].partitions[0]
    }
}
