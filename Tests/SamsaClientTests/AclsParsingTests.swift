import ArgumentParser
import SamsaProtocol
import Testing
@testable import samsa

/// `samsa acls` reads kafka-acls' flags and builds the same ACLs (AclCommand.scala).
@Suite struct AclsParsingTests {
    func acls(_ arguments: [String]) throws -> AclsCommand {
        try #require(try Samsa.parseAsRoot(["acls", "--bootstrap-server", "localhost:9092"] + arguments) as? AclsCommand)
    }

    func message(_ arguments: [String]) -> String {
        do {
            _ = try Samsa.parseAsRoot(["acls"] + arguments)
            return ""
        } catch {
            return Samsa.message(for: error)
        }
    }

    @Test func addBuildsEveryPrincipalHostAndOperation() throws {
        let command = try acls(["--add", "--allow-principal", "User:alice", "--allow-principal", "User:bob", "--operation", "read",
                                "--operation", "Write", "--topic", "orders", "--deny-principal", "User:eve", "--deny-host", "10.0.0.1"])
        let plan = try command.plan()
        #expect(plan.map(\.resource.text) == ["ResourcePattern(resourceType=TOPIC, name=orders, patternType=LITERAL)"])
        let entries = plan[0].entries
        #expect(entries.count == 6)
        #expect(entries.contains(AclEntry(principal: "User:bob", host: "*", operation: .write, permission: .allow)))
        #expect(entries.contains(AclEntry(principal: "User:eve", host: "10.0.0.1", operation: .read, permission: .deny)))
    }

    @Test func producerAndConsumerConveniences() throws {
        let producer = try acls(["--add", "--allow-principal", "User:p", "--producer", "--topic", "t", "--transactional-id", "tx",
                                 "--idempotent", "--resource-pattern-type", "literal"]).plan()
        let byType = Dictionary(uniqueKeysWithValues: producer.map { ($0.resource.type, Set($0.entries.map(\.operation))) })
        #expect(byType[.topic] == [.write, .describe, .create])
        #expect(byType[.transactionalId] == [.write, .describe])
        #expect(byType[.cluster] == [.idempotentWrite])
        let consumer = try acls(["--add", "--allow-principal", "User:c", "--consumer", "--topic", "t", "--group", "g",
                                 "--resource-pattern-type", "PREFIXED"]).plan()
        #expect(consumer.map(\.resource.patternType) == [.prefixed, .prefixed])
        #expect(Dictionary(uniqueKeysWithValues: consumer.map { ($0.resource.type, Set($0.entries.map(\.operation))) })
                == [.topic: [.read, .describe], .group: [.read]])
    }

    @Test func kafkaAclsRefusals() {
        #expect(message(["--topic", "t"]) == "Command must include exactly one action: --list, --add, --remove.")
        #expect(message(["--add", "--list"]) == "Command must include exactly one action: --list, --add, --remove.")
        #expect(message(["--add", "--principal", "User:a", "--topic", "t"]) == "The --principal option is only available if --list is set")
        #expect(message(["--add", "--producer", "--allow-principal", "User:a"]) == "With --producer you must specify a --topic")
        #expect(message(["--add", "--idempotent", "--topic", "t"]) == "The --idempotent option is only available if --producer is set")
        #expect(message(["--add", "--consumer", "--topic", "t"]).hasPrefix("With --consumer you must specify a --topic and a --group"))
        #expect(message(["--add", "--resource-pattern-type", "match", "--topic", "t"])
                == "A '--resource-pattern-type' value of 'MATCH' is not valid when adding acls.")
        #expect(message(["--add", "--allow-principal", "alice", "--topic", "t"])
                == "expected a string in format principalType:principalName but got alice")
        #expect(message(["--add", "--allow-principal", "User:a", "--operation", "Read", "--cluster"]).hasPrefix("ResourceType CLUSTER only supports operations"))
        #expect(message(["--add", "--allow-principal", "User:a", "--operation", "Fly", "--topic", "t"]).hasPrefix("Unknown operation Fly"))
    }

    @Test func delegationTokensAndInvalidCombinationsAreRefused() throws {
        #expect(message(["--add", "--allow-principal", "User:a", "--operation", "Describe", "--delegation-token", "tok"])
                == "--delegation-token names a delegation token resource, but Samsa does not support delegation tokens.")
        #expect(message(["--list", "--user-principal", "User:bob"])
                == "--user-principal names a delegation token resource, but Samsa does not support delegation tokens.")
        #expect(message(["--list", "--producer", "--topic", "t"]) == "Option \"[list]\" can't be used with option \"[producer]\"")
        #expect(message(["--list", "--allow-principal", "User:a"]) == "Option \"[list]\" can't be used with option \"[allow-principal]\"")
        #expect(message(["--add", "--producer", "--topic", "t", "--allow-principal", "User:a", "--operation", "Read"])
                == "Option \"[producer]\" can't be used with option \"[operation]\"")
        #expect(message(["--add", "--consumer", "--topic", "t", "--group", "g", "--deny-principal", "User:a"])
                == "Option \"[consumer]\" can't be used with option \"[deny-principal]\"")
        // --producer with --consumer may name a transactional id and the cluster (kafka-acls allows it).
        let both = try acls(["--add", "--allow-principal", "User:pc", "--producer", "--consumer", "--topic", "t", "--group", "g",
                             "--transactional-id", "tx", "--idempotent"]).plan()
        let byType = Dictionary(uniqueKeysWithValues: both.map { ($0.resource.type, Set($0.entries.map(\.operation))) })
        #expect(byType == [.topic: [.write, .describe, .create, .read], .group: [.read], .transactionalId: [.write, .describe],
                           .cluster: [.idempotentWrite]])
    }

    @Test func listTakesFiltersAndPrincipals() throws {
        let list = try acls(["--list", "--topic", "t", "--resource-pattern-type", "match", "--principal", "User:alice"])
        #expect(list.resources.map(\.filterText) == ["ResourcePatternFilter(resourceType=TOPIC, name=t, patternType=MATCH)"])
        #expect(try acls(["--list"]).resources.isEmpty)
        for (given, expected) in [("any", "ANY"), ("Literal", "LITERAL"), ("prefixed", "PREFIXED")] {
            #expect(try acls(["--list", "--group", "g", "--resource-pattern-type", given]).resources.map(\.filterText)
                    == ["ResourcePatternFilter(resourceType=GROUP, name=g, patternType=\(expected))"])
        }
        // The cluster is LITERAL only: a prefixed filter leaves it out, as kafka-acls does.
        #expect(try acls(["--list", "--cluster", "--resource-pattern-type", "prefixed"]).resources.isEmpty)
        #expect(try acls(["--remove", "--cluster", "--force"]).resources.map(\.name) == ["kafka-cluster"])
    }

    @Test func outputIsKafkaAcls() {
        let text = AclsCommand.block("Current ACLs for resource", "ResourcePattern(resourceType=TOPIC, name=t, patternType=LITERAL)",
                                     [AclEntry(principal: "User:alice", host: "*", operation: .read, permission: .allow)])
        #expect(text == "Current ACLs for resource `ResourcePattern(resourceType=TOPIC, name=t, patternType=LITERAL)`: \n \t(principal=User:alice, host=*, operation=READ, permissionType=ALLOW) \n")
    }
}
