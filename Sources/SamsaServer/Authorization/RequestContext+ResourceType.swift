import SamsaEngine
import SamsaProtocol

extension RequestContext {
    /// Kafka's `authorizeByResourceType`: may the principal do `operation` on at least one resource of this
    /// type? True when an ALLOW ACL for the principal (or `User:*`) and host names the operation (or All) on
    /// such a resource and no DENY on every resource of the type (`*` or an empty prefix) outweighs it; with
    /// no ACL on the type at all, `allow.everyone.if.no.acl.found` decides.
    func mayOnAnyResource(_ operation: AclOperation, _ resourceType: AclResourceType) -> Bool {
        let authorizer = cluster.authorizer
        let settings = authorizer.settings
        guard settings.enabled else { return true }
        let who = principal.description
        if settings.superUsers.contains(who) { return true }
        let host = session.clientAddress
        let acls = authorizer.acls.filter { $0.resourceType == resourceType }
        let applies = { (acl: AclBinding) in
            (acl.principal == who || acl.principal == Authorizer.wildcardPrincipal)
                && (acl.host == Authorizer.wildcard || acl.host == host)
                && (acl.operation == .all || acl.operation == operation)
        }
        let deniedEverywhere = acls.contains { acl in
            acl.permission == .deny && applies(acl)
                && ((acl.patternType == .literal && acl.resourceName == Authorizer.wildcard)
                    || (acl.patternType == .prefixed && acl.resourceName.isEmpty))
        }
        if deniedEverywhere { return false }
        if acls.contains(where: { $0.permission == .allow && applies($0) }) { return true }
        return acls.isEmpty && settings.allowEveryoneIfNoAclFound
    }
}
