import SamsaProtocol

/// ACLs indexed for the authorizer's questions: by resource type, then literal name (`*` included) or prefix.
/// A lookup costs one dictionary probe per character of the name (the prefixes), not a scan of every ACL.
///
/// Thread-safety: a value type; the authorizer keeps it behind its mutex.
struct AclIndex: Sendable {
    private struct Section: Sendable {
        var literal: [String: Set<AclBinding>] = [:]
        var prefixed: [String: Set<AclBinding>] = [:]
        var isEmpty: Bool { literal.isEmpty && prefixed.isEmpty }
    }

    private var sections: [AclResourceType: Section] = [:]
    private(set) var all: Set<AclBinding> = []

    init(_ bindings: Set<AclBinding> = []) {
        for binding in bindings { insert(binding) }
    }

    @discardableResult
    mutating func insert(_ acl: AclBinding) -> Bool {
        guard all.insert(acl).inserted else { return false }
        switch acl.patternType {
        case .prefixed: sections[acl.resourceType, default: Section()].prefixed[acl.resourceName, default: []].insert(acl)
        default: sections[acl.resourceType, default: Section()].literal[acl.resourceName, default: []].insert(acl)
        }
        return true
    }

    @discardableResult
    mutating func remove(_ acl: AclBinding) -> Bool {
        guard all.remove(acl) != nil, var section = sections[acl.resourceType] else { return false }
        if acl.patternType == .prefixed {
            section.prefixed[acl.resourceName]?.remove(acl)
            if section.prefixed[acl.resourceName]?.isEmpty == true { section.prefixed[acl.resourceName] = nil }
        } else {
            section.literal[acl.resourceName]?.remove(acl)
            if section.literal[acl.resourceName]?.isEmpty == true { section.literal[acl.resourceName] = nil }
        }
        sections[acl.resourceType] = section.isEmpty ? nil : section
        return true
    }

    /// Every ACL that applies to the resource `name` of `type`: literal `name`, literal `*`, and each prefix of `name`.
    func matching(_ type: AclResourceType, _ name: String) -> [AclBinding] {
        guard let section = sections[type] else { return [] }
        var found: [AclBinding] = []
        if let exact = section.literal[name] { found.append(contentsOf: exact) }
        if name != Authorizer.wildcard, let wildcard = section.literal[Authorizer.wildcard] { found.append(contentsOf: wildcard) }
        if !section.prefixed.isEmpty {
            var prefix = ""
            for character in name {
                prefix.append(character)
                if let acls = section.prefixed[prefix] { found.append(contentsOf: acls) }
            }
        }
        return found
    }

    /// Every ACL on resources of `type` (for authorizeByResourceType).
    func ofType(_ type: AclResourceType) -> [AclBinding] {
        guard let section = sections[type] else { return [] }
        return section.literal.values.flatMap { $0 } + section.prefixed.values.flatMap { $0 }
    }
}
