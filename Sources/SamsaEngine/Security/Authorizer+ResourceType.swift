import SamsaProtocol

extension Authorizer {
    /// May `principal` do `operation` on at least one resource of `resourceType`? Kafka's
    /// `Authorizer.authorizeByResourceType` (idempotent produce, CreateTopics without a named topic):
    /// allowed if a hard-coded name is allowed (super users, allow.everyone.if.no.acl.found), or if some ALLOW
    /// (literal or prefixed) for the principal is not dominated by a DENY — a literal deny of the same name or a
    /// prefixed deny of one of its prefixes; a DENY of literal `*` denies outright. Implied operations do not count.
    public func authorizeByResourceType(_ principal: KafkaPrincipal, host: String, operation: AclOperation,
                                        resourceType: AclResourceType) -> Bool {
        if authorize(principal, host: host, operation: operation, resourceType: resourceType, name: "hardcode") {
            return true
        }
        let candidates = state.withLock { $0.acls.ofType(resourceType) }
        let principals = Self.matchingPrincipals(principal)
        var denied: [AclPatternType: Set<String>] = [.literal: [], .prefixed: []]
        var allowed: [AclPatternType: Set<String>] = [.literal: [], .prefixed: []]
        var wildcardAllowed = false
        for acl in candidates {
            guard acl.host == host || acl.host == Self.wildcard, principals.contains(acl.principal),
                  acl.operation == operation || acl.operation == .all else { continue }
            switch acl.permission {
            case .deny:
                if acl.patternType == .literal && acl.resourceName == Self.wildcard { return false }
                denied[acl.patternType]?.insert(acl.resourceName)
            case .allow:
                if acl.patternType == .literal && acl.resourceName == Self.wildcard { wildcardAllowed = true }
                allowed[acl.patternType]?.insert(acl.resourceName)
            default:
                continue
            }
        }
        if wildcardAllowed { return true }
        let deniedPrefixes = denied[.prefixed] ?? []
        for (patternType, names) in allowed {
            for name in names {
                if patternType == .literal && denied[.literal]?.contains(name) == true { continue }
                var prefix = ""
                var dominated = false
                for character in name {
                    prefix.append(character)
                    if deniedPrefixes.contains(prefix) { dominated = true; break }
                }
                if !dominated { return true }
            }
        }
        return false
    }
}
