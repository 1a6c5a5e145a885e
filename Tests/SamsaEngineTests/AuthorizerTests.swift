import SamsaProtocol
import Testing
@testable import SamsaEngine

/// StandardAuthorizer's rules, ported from Kafka's StandardAuthorizerTest and AuthorizerInterfaceDefaultTest cases.
@Suite struct AuthorizerTests {
    let alice = KafkaPrincipal(name: "alice"), bob = KafkaPrincipal(name: "bob")

    func acl(_ type: AclResourceType = .topic, _ name: String, _ pattern: AclPatternType = .literal, _ principal: String,
             _ operation: AclOperation, _ permission: AclPermissionType = .allow, host: String = "*") -> AclBinding {
        AclBinding(resourceType: type, resourceName: name, patternType: pattern, principal: principal, host: host,
                   operation: operation, permission: permission)
    }

    func authorizer(_ acls: [AclBinding], superUsers: Set<String> = [], allowIfNone: Bool = false) -> Authorizer {
        let authorizer = Authorizer(settings: .init(enabled: true, superUsers: superUsers, allowEveryoneIfNoAclFound: allowIfNone))
        authorizer.add(acls)
        return authorizer
    }

    func may(_ a: Authorizer, _ who: KafkaPrincipal, _ op: AclOperation, _ name: String, _ type: AclResourceType = .topic,
             host: String = "127.0.0.1") -> Bool {
        a.authorize(who, host: host, operation: op, resourceType: type, name: name)
    }

    @Test func withoutAnAuthorizerEverythingIsAllowed() {
        let a = Authorizer()
        #expect(may(a, alice, .write, "anything"))
    }

    @Test func simpleAuthorizations() {
        // testSimpleAuthorizations: prefixed foo for alice, literal foobar denied to bob.
        let a = authorizer([acl(.topic, "foo", .prefixed, "User:alice", .read),
                            acl(.topic, "foobar", .literal, "User:bob", .read, .deny),
                            acl(.topic, "foobar", .literal, "User:*", .describe)])
        #expect(may(a, alice, .read, "foobar") && may(a, alice, .read, "food") && may(a, alice, .describe, "foo"))
        #expect(!may(a, alice, .write, "foobar"))
        #expect(!may(a, bob, .read, "foobar") && may(a, bob, .describe, "foobar"))
        #expect(!may(a, bob, .read, "food"), "a resource some ACL names is denied to those it does not name")
        #expect(!may(a, alice, .read, "fo") && !may(a, alice, .read, "other"))
    }

    @Test func denyWinsAndAllCoversEveryOperation() {
        // testDenyPrecedenceWithOperationAll / testTopicAclWithOperationAll.
        let a = authorizer([acl(.topic, "*", .literal, "User:alice", .all),
                            acl(.topic, "secret", .literal, "User:alice", .all, .deny),
                            acl(.topic, "public-", .prefixed, "User:*", .read)])
        for op in [AclOperation.read, .write, .describe, .alterConfigs] { #expect(may(a, alice, op, "orders")) }
        for op in [AclOperation.read, .write, .describe] { #expect(!may(a, alice, op, "secret")) }
        #expect(may(a, bob, .read, "public-x") && may(a, bob, .describe, "public-x") && !may(a, bob, .write, "public-x"))
    }

    @Test func aDenyOnlyDeniesItsOwnOperation() {
        // A DENY of Read does not deny Describe, while an ALLOW of Read implies it.
        let a = authorizer([acl(.topic, "t", .literal, "User:alice", .read, .deny),
                            acl(.topic, "t", .literal, "User:alice", .write)])
        #expect(!may(a, alice, .read, "t") && may(a, alice, .describe, "t") && may(a, alice, .write, "t"))
        let configs = authorizer([acl(.topic, "t", .literal, "User:alice", .alterConfigs)])
        #expect(may(configs, alice, .describeConfigs, "t") && !may(configs, alice, .describe, "t"))
    }

    @Test func hostsMustMatch() {
        // testHostAddressAclValidation.
        let a = authorizer([acl(.topic, "t", .literal, "User:alice", .read, host: "192.168.0.1"),
                            acl(.topic, "t", .literal, "User:alice", .write, .deny, host: "10.0.0.9")])
        #expect(may(a, alice, .read, "t", host: "192.168.0.1") && !may(a, alice, .read, "t", host: "192.168.0.2"))
        #expect(!may(a, alice, .write, "t", host: "10.0.0.9"))
    }

    @Test func superUsersAndTheNoAclDefault() {
        let a = authorizer([acl(.topic, "t", .literal, "User:alice", .all, .deny)], superUsers: ["User:alice"], allowIfNone: true)
        #expect(may(a, alice, .write, "t"), "super users bypass DENY ACLs")
        #expect(may(a, bob, .write, "untouched"), "allow.everyone.if.no.acl.found applies where no ACL names the resource")
        #expect(!may(a, bob, .write, "t"), "an ACL for someone else names the resource, so the default does not apply")
        let strict = authorizer([])
        #expect(!may(strict, bob, .describe, "kafka-cluster", .cluster))
        let clusterAdmin = authorizer([acl(.cluster, "kafka-cluster", .literal, "User:bob", .alter)])
        #expect(may(clusterAdmin, bob, .alter, "kafka-cluster", .cluster) && may(clusterAdmin, bob, .describe, "kafka-cluster", .cluster))
        #expect(!may(clusterAdmin, bob, .alter, "kafka-cluster", .topic), "resource types do not mix")
    }

    @Test func addRemoveAndManyAcls() {
        var acls: [AclBinding] = []
        for index in 0..<5000 { acls.append(acl(.topic, "topic-\(index)", .literal, "User:user\(index % 50)", .read)) }
        for index in 0..<200 { acls.append(acl(.group, "g\(index)-", .prefixed, "User:alice", .read)) }
        let a = authorizer(acls)
        #expect(may(a, KafkaPrincipal(name: "user7"), .read, "topic-4507") && !may(a, KafkaPrincipal(name: "user8"), .read, "topic-4507"))
        #expect(may(a, alice, .read, "g150-consumers", .group) && !may(a, alice, .read, "h1", .group))
        #expect(a.remove([acls[4507]]) == [acls[4507]])
        #expect(!may(a, KafkaPrincipal(name: "user7"), .read, "topic-4507") && a.acls.count == 5199)
    }

    @Test func authorizeByResourceType() {
        // AuthorizerInterfaceDefaultTest: testAuthorizeByResourceType*.
        func byType(_ a: Authorizer, _ who: KafkaPrincipal = KafkaPrincipal(name: "alice")) -> Bool {
            a.authorizeByResourceType(who, host: "127.0.0.1", operation: .write, resourceType: .topic)
        }
        #expect(!byType(authorizer([])))
        #expect(byType(authorizer([], allowIfNone: true)), "no ACL: allow.everyone.if.no.acl.found decides")
        #expect(byType(authorizer([], superUsers: ["User:alice"])))
        #expect(byType(authorizer([acl(.topic, "t1", .literal, "User:alice", .write)])))
        #expect(!byType(authorizer([acl(.topic, "t1", .literal, "User:alice", .read)])), "implied operations do not count")
        #expect(!byType(authorizer([acl(.topic, "t1", .literal, "User:alice", .write), acl(.topic, "t1", .literal, "User:alice", .write, .deny)])))
        #expect(!byType(authorizer([acl(.topic, "t1", .literal, "User:alice", .write), acl(.topic, "t", .prefixed, "User:alice", .all, .deny)])),
                "a prefixed deny dominates")
        #expect(byType(authorizer([acl(.topic, "t1", .literal, "User:alice", .write), acl(.topic, "t1x", .prefixed, "User:alice", .write, .deny)])))
        #expect(!byType(authorizer([acl(.topic, "*", .literal, "User:alice", .write), acl(.topic, "*", .literal, "User:*", .write, .deny)])),
                "a wildcard deny wins over a wildcard allow")
        #expect(byType(authorizer([acl(.topic, "*", .literal, "User:*", .write)])))
        #expect(!byType(authorizer([acl(.topic, "t1", .literal, "User:bob", .write)])))
        #expect(!byType(authorizer([acl(.topic, "t1", .literal, "User:alice", .write, host: "10.1.1.1")])))
    }
}
