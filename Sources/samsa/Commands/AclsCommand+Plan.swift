import Foundation
import ArgumentParser
import SamsaProtocol

/// A resource pattern (or pattern filter) kafka-acls works on.
struct AclResource: Hashable, Comparable {
    var type: AclResourceType
    var name: String
    var patternType: AclPatternType

    static func < (lhs: Self, rhs: Self) -> Bool { lhs.text < rhs.text }

    var text: String { "ResourcePattern(resourceType=\(type.javaName), name=\(name), patternType=\(patternType.javaName))" }
    var filterText: String { "ResourcePatternFilter(resourceType=\(type.javaName), name=\(name), patternType=\(patternType.javaName))" }

    func binding(_ entry: AclEntry) -> AclBinding {
        AclBinding(resourceType: type, resourceName: name, patternType: patternType, principal: entry.principal,
                   host: entry.host, operation: entry.operation, permission: entry.permission)
    }

    /// The filter for this resource and one entry (nil: every entry).
    func filter(_ entry: AclEntry?) -> AclBindingFilter {
        AclBindingFilter(resourceType: type, resourceName: name, patternType: patternType, principal: entry?.principal,
                         host: entry?.host, operation: entry?.operation ?? .any, permission: entry?.permission ?? .any)
    }
}

/// Who, from where, what, allow or deny: kafka-acls' AccessControlEntry.
struct AclEntry: Hashable, Comparable {
    var principal: String
    var host: String
    var operation: AclOperation
    var permission: AclPermissionType

    static func < (lhs: Self, rhs: Self) -> Bool { lhs.text < rhs.text }

    var text: String {
        "(principal=\(principal), host=\(host), operation=\(operation.javaName), permissionType=\(permission.javaName))"
    }
}

/// kafka-acls' operations per resource type (AclEntry.supportedOperations), All aside.
enum AclSupportedOperations {
    static func of(_ type: AclResourceType) -> [AclOperation] {
        switch type {
        case .topic: [.read, .write, .create, .describe, .delete, .alter, .describeConfigs, .alterConfigs]
        case .group: [.read, .describe, .delete]
        case .cluster: [.create, .clusterAction, .describeConfigs, .alterConfigs, .idempotentWrite, .alter, .describe]
        case .transactionalId: [.describe, .write]
        case .delegationToken: [.describe]
        case .user: [.createTokens, .describeTokens]
        default: []
        }
    }
}

extension AclsCommand {
    var patternType: AclPatternType { AclPatternType(name: resourcePatternType) ?? .unknown }

    /// The resources named on the command line (kafka-acls' getResourceFilter).
    var resources: [AclResource] {
        var found: Set<AclResource> = []
        for name in topic { found.insert(AclResource(type: .topic, name: name.trimmed, patternType: patternType)) }
        if patternType == .literal && (cluster || idempotent) {
            found.insert(AclResource(type: .cluster, name: "kafka-cluster", patternType: .literal))
        }
        for name in group { found.insert(AclResource(type: .group, name: name.trimmed, patternType: patternType)) }
        for name in transactionalId { found.insert(AclResource(type: .transactionalId, name: name, patternType: patternType)) }
        return found.sorted()
    }

    /// Entries for every allowed and denied principal × host × operation (kafka-acls' getAcl).
    func entries(_ operations: [AclOperation]) -> Set<AclEntry> {
        func hosts(_ given: [String], _ principals: [String]) -> [String] {
            !given.isEmpty ? given.map(\.trimmed) : principals.isEmpty ? [] : ["*"]
        }
        var entries: Set<AclEntry> = []
        for (principals, given, permission) in [(allowPrincipal, allowHost, AclPermissionType.allow), (denyPrincipal, denyHost, .deny)] {
            for principal in principals { for host in hosts(given, principals) { for operation in operations {
                entries.insert(AclEntry(principal: principal.trimmed, host: host, operation: operation, permission: permission))
            } } }
        }
        return entries
    }

    /// What to add or remove, per resource (kafka-acls' getResourceFilterToAcls, with --producer/--consumer).
    func plan() throws -> [(resource: AclResource, entries: Set<AclEntry>)] {
        var plan: [AclResource: Set<AclEntry>] = [:]
        if !producer && !consumer {
            let operations = try operation.map { name in
                guard let parsed = AclOperation(name: name.trimmed), parsed != .unknown, parsed != .any else {
                    throw ValidationError("Unknown operation \(name.trimmed); one of \(AclOperation.allCases.dropFirst(2).map(\.description).joined(separator: ", ")).")
                }
                return parsed
            }
            for resource in resources { plan[resource] = entries(operations) }
        }
        if producer {
            for resource in resources {
                switch resource.type {
                case .topic: plan[resource, default: []].formUnion(entries([.write, .describe, .create]))
                case .transactionalId: plan[resource, default: []].formUnion(entries([.write, .describe]))
                case .cluster where idempotent: plan[resource, default: []].formUnion(entries([.idempotentWrite]))
                default: break
                }
            }
        }
        if consumer {
            for resource in resources {
                switch resource.type {
                case .topic: plan[resource, default: []].formUnion(entries([.read, .describe]))
                case .group: plan[resource, default: []].formUnion(entries([.read]))
                default: break
                }
            }
        }
        for (resource, entries) in plan {
            let valid = AclSupportedOperations.of(resource.type) + [.all]
            if entries.contains(where: { !valid.contains($0.operation) }) {
                throw ValidationError("ResourceType \(resource.type.javaName) only supports operations \(valid.map(\.description).joined(separator: ", "))")
            }
        }
        return plan.keys.sorted().map { ($0, plan[$0] ?? []) }
    }

    /// kafka-acls' block: "<title> `<pattern>`: \n \t<entry>\n\t<entry> \n".
    static func block(_ title: String, _ pattern: String, _ entries: some Collection<AclEntry>) -> String {
        "\(title) `\(pattern)`: \n \(entries.sorted().map { "\t" + $0.text }.joined(separator: "\n")) \n"
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
