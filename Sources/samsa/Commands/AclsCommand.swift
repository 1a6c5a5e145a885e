import ArgumentParser
import Foundation
import SamsaClient
import SamsaProtocol

/// `samsa acls`: add, remove and list ACLs with kafka-acls' flags and output.
struct AclsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acls",
        abstract: "Add, remove and list ACLs (like kafka-acls.sh).",
        discussion: """
        Example: samsa acls --add --allow-principal User:alice --operation Read --topic orders. --producer and --consumer add \
        the ACLs those roles need (--idempotent adds IdempotentWrite on the cluster). --remove asks before deleting unless --force.
        """)

    @OptionGroup var connection: BootstrapOptions

    @Flag(help: "Add ACLs.") var add = false
    @Flag(help: "Remove ACLs.") var remove = false
    @Flag(help: "List ACLs (of the resources given, or all).") var list = false

    @Option(name: .customLong("allow-principal"), help: "Principal (User:name) to allow; repeatable.") var allowPrincipal: [String] = []
    @Option(name: .customLong("deny-principal"), help: "Principal (User:name) to deny; repeatable.") var denyPrincipal: [String] = []
    @Option(name: .customLong("allow-host"), help: "Host the allowed principals may come from (default *); repeatable.") var allowHost: [String] = []
    @Option(name: .customLong("deny-host"), help: "Host the denied principals are denied from (default *); repeatable.") var denyHost: [String] = []
    @Option(name: .customLong("operation"), help: "Operation (Read, Write, Create, Delete, Alter, Describe, ClusterAction, DescribeConfigs, AlterConfigs, IdempotentWrite, All); repeatable.")
    var operation: [String] = []
    @Option(help: "Topic resource; repeatable.") var topic: [String] = []
    @Option(help: "Consumer group resource; repeatable.") var group: [String] = []
    @Option(name: .customLong("transactional-id"), help: "Transactional id resource; repeatable.") var transactionalId: [String] = []
    @Flag(help: "The cluster resource.") var cluster = false
    @Option(name: .customLong("resource-pattern-type"), help: "literal, prefixed, or for --list/--remove also any or match.")
    var resourcePatternType = "literal"
    @Flag(help: "ACLs a producer needs (Write, Describe, Create on --topic; Write, Describe on --transactional-id).") var producer = false
    @Flag(help: "ACLs a consumer needs (Read, Describe on --topic; Read on --group).") var consumer = false
    @Flag(help: "With --producer: IdempotentWrite on the cluster.") var idempotent = false
    @Option(help: "With --list: only this principal's ACLs; repeatable.") var principal: [String] = []
    @Flag(help: "Remove without asking.") var force = false
    @Option(name: .customLong("delegation-token"), help: .hidden) var delegationToken: [String] = []
    @Option(name: .customLong("user-principal"), help: .hidden) var userPrincipal: [String] = []

    func validate() throws {
        guard [add, remove, list].filter({ $0 }).count == 1 else {
            throw ValidationError("Command must include exactly one action: --list, --add, --remove.")
        }
        // Their resources (DELEGATION_TOKEN, USER) exist only for delegation tokens, which Samsa does not have.
        if !delegationToken.isEmpty || !userPrincipal.isEmpty {
            throw ValidationError("--\(delegationToken.isEmpty ? "user-principal" : "delegation-token") names a delegation token resource, "
                                  + "but Samsa does not support delegation tokens.")
        }
        try checkInvalidCombinations()
        if !principal.isEmpty && !list { throw ValidationError("The --principal option is only available if --list is set") }
        if producer && topic.isEmpty { throw ValidationError("With --producer you must specify a --topic") }
        if idempotent && !producer { throw ValidationError("The --idempotent option is only available if --producer is set") }
        if consumer && (topic.isEmpty || group.isEmpty || (!producer && (cluster || !transactionalId.isEmpty))) {
            throw ValidationError("With --consumer you must specify a --topic and a --group and no --cluster or --transactional-id option should be specified.")
        }
        guard patternType != .unknown else {
            throw ValidationError("--resource-pattern-type must be one of literal, prefixed, any or match, not \(resourcePatternType).")
        }
        if add && (patternType == .any || patternType == .match) {
            throw ValidationError("A '--resource-pattern-type' value of '\(patternType.javaName)' is not valid when adding acls.")
        }
        for name in allowPrincipal + denyPrincipal + principal where !name.trimmed.contains(":") || name.trimmed.hasPrefix(":") {
            throw ValidationError("expected a string in format principalType:principalName but got \(name)")
        }
        if operation.isEmpty && !(producer || consumer) { return }
        _ = try plan()
    }

    /// kafka-acls' checkInvalidArgs: --list takes no principals, hosts or roles; --producer and --consumer infer
    /// the operations and only allow.
    private func checkInvalidCombinations() throws {
        let given: [(String, Bool)] = [("producer", producer), ("consumer", consumer), ("allow-host", !allowHost.isEmpty),
                                       ("allow-principal", !allowPrincipal.isEmpty), ("deny-host", !denyHost.isEmpty),
                                       ("deny-principal", !denyPrincipal.isEmpty), ("operation", !operation.isEmpty)]
        let rules: [(String, Bool, [String])] = [
            ("list", list, ["producer", "consumer", "allow-host", "allow-principal", "deny-host", "deny-principal"]),
            ("producer", producer, ["operation", "deny-principal", "deny-host"]),
            ("consumer", consumer, ["operation", "deny-principal", "deny-host"]),
        ]
        for (used, isUsed, invalid) in rules where isUsed {
            if let clash = invalid.first(where: { name in given.contains { $0.0 == name && $0.1 } }) {
                throw ValidationError("Option \"[\(used)]\" can't be used with option \"[\(clash)]\"")
            }
        }
    }

    func run() async throws {
        let client = try connection.client(id: "samsa-acls")
        do {
            let admin = Admin(client: client)
            if add { try await addAcls(admin) } else if remove { try await removeAcls(admin) } else { try await listAcls(admin) }
            await client.close()
        } catch let error as ClientError {
            await client.close()
            print("Error while executing ACL command: \(error)")
            throw ExitCode(1)
        } catch {
            await client.close()
            throw error
        }
    }

    /// The plan, with --operation defaulting to All as kafka-acls.
    private func fullPlan() throws -> [(resource: AclResource, entries: Set<AclEntry>)] {
        var command = self
        if command.operation.isEmpty { command.operation = ["All"] }
        guard !resources.isEmpty else {
            throw ValidationError("You must provide at least one resource: --topic <topic> or --cluster or --group <group> or --delegation-token <Delegation Token ID>")
        }
        return try command.plan()
    }

    private func addAcls(_ admin: Admin) async throws {
        let plan = try fullPlan()
        if plan.contains(where: { $0.entries.isEmpty }) {
            throw ValidationError("You must specify one of: --allow-principal, --deny-principal when trying to add ACLs.")
        }
        for (resource, entries) in plan {
            print(Self.block("Adding ACLs for resource", resource.text, entries))
            try await admin.createAcls(entries.sorted().map(resource.binding))
        }
    }

    private func removeAcls(_ admin: Admin) async throws {
        for (resource, entries) in try fullPlan() {
            let question = entries.isEmpty
                ? "Are you sure you want to delete all ACLs for resource filter `\(resource.filterText)`? (y/n)"
                : "Are you sure you want to remove ACLs: \n \(entries.sorted().map { "\t" + $0.text }.joined(separator: "\n")) \n from resource filter `\(resource.filterText)`? (y/n)"
            if !force {
                print(question)
                guard let answer = readLine() else {
                    throw ValidationError("Not removing ACLs: no answer on standard input; pass --force to remove without asking.")
                }
                guard answer.trimmed.lowercased() == "y" else { continue }
            }
            try await admin.deleteAcls(entries.isEmpty ? [resource.filter(nil)] : entries.sorted().map { resource.filter($0) })
        }
    }

    private func listAcls(_ admin: Admin) async throws {
        var bindings: Set<AclBinding> = []
        if resources.isEmpty {
            bindings.formUnion(try await admin.describeAcls(.any))
        } else {
            for resource in resources { bindings.formUnion(try await admin.describeAcls(resource.filter(nil))) }
        }
        let byResource = Dictionary(grouping: bindings) { AclResource(type: $0.resourceType, name: $0.resourceName, patternType: $0.patternType) }
        func printAll(_ keep: (AclBinding) -> Bool) {
            for resource in byResource.keys.sorted() {
                let entries = (byResource[resource] ?? []).filter(keep).map {
                    AclEntry(principal: $0.principal, host: $0.host, operation: $0.operation, permission: $0.permission)
                }
                if !entries.isEmpty { print(Self.block("Current ACLs for resource", resource.text, entries)) }
            }
        }
        if principal.isEmpty {
            printAll { _ in true }
        } else {
            for who in principal.map(\.trimmed) {
                print("ACLs for principal `\(who)`")
                printAll { $0.principal == who }
            }
        }
    }
}
