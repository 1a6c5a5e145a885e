import Foundation
import Logging
import SamsaProtocol
import Testing
@testable import SamsaEngine

/// ACLs as cluster state: validated as Kafka's AclControlManager, journaled, applied to the authorizer, and
/// back after a restart.
@Suite struct AclPersistenceTests {
    let read = AclBinding(resourceType: .topic, resourceName: "orders", patternType: .literal, principal: "User:alice",
                          host: "*", operation: .read, permission: .allow)
    let prefixed = AclBinding(resourceType: .group, resourceName: "app-", patternType: .prefixed, principal: "User:bob",
                              host: "*", operation: .all, permission: .deny)

    @Test func aclsSurviveARestart() throws {
        let directory = NSTemporaryDirectory() + "samsa-acls-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let config = ClusterConfig(dataDirectory: directory, ports: [0], settings: BrokerSettings(["offsets.topic.num.partitions": "1"]),
                                   securityProperties: ["authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer"])
        let first = try Cluster(config: config, logger: logger)
        #expect(first.createAcls([read, prefixed, read]).allSatisfy { $0 == nil })
        #expect(first.authorizer.acls == [read, prefixed])
        #expect(first.authorizer.authorize(KafkaPrincipal(name: "alice"), host: "1.2.3.4", operation: .read, resourceType: .topic, name: "orders"))
        let deleted = first.deleteAcls([AclBindingFilter(resourceType: .group, patternType: .any)])
        #expect(try deleted[0].get() == [prefixed])
        #expect(first.createAcls([prefixed]) == [nil])
        #expect(try first.deleteAcls([AclBindingFilter(exactly: prefixed)])[0].get() == [prefixed])
        first.shutdown()

        let second = try Cluster(config: config, logger: logger)
        defer { second.shutdown() }
        #expect(second.controller.acls == [read])
        #expect(second.authorizer.acls == [read], "the authorizer is loaded from the journal at start")
        #expect(try second.describeAcls(AclBindingFilter(resourceType: .topic, resourceName: "orders", patternType: .match)).get() == [read])
    }

    @Test func invalidAclsAreRefusedOneByOne() {
        func problem(_ change: (inout AclBinding) -> Void) -> String? {
            var acl = read
            change(&acl)
            return Cluster.aclProblem(acl)?.message
        }
        #expect(problem { _ in } == nil)
        #expect(problem { $0.resourceType = .cluster } == "The only valid name for the CLUSTER resource is kafka-cluster")
        #expect(problem { $0.resourceName = "" } == "Invalid empty resource name")
        #expect(problem { $0.resourceType = .any } == "Invalid resourceType ANY")
        #expect(problem { $0.patternType = .match } == "Invalid patternType MATCH")
        #expect(problem { $0.operation = .any } == "Invalid operation ANY")
        #expect(problem { $0.permission = .unknown } == "Invalid permissionType UNKNOWN")
        #expect(problem { $0.principal = "alice" } == "expected a string in format principalType:principalName but got alice")
        #expect(Cluster.aclProblem(AclBinding(resourceType: .cluster, resourceName: "kafka-cluster", patternType: .literal,
                                              principal: "User:a", host: "*", operation: .alter, permission: .allow)) == nil)
    }
}
