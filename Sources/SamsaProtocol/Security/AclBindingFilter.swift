/// A filter over ACLs, as DescribeAcls and DeleteAcls send it (Kafka's `AclBindingFilter`): nil name,
/// principal or host match any; resource type, operation and permission `.any` match any; pattern type `.any`
/// matches every pattern with exactly that name, `.match` every pattern that applies to the name (the literal
/// name, literal `*`, and prefixes of it).
public struct AclBindingFilter: Sendable, Hashable {
    public var resourceType: AclResourceType
    public var resourceName: String?
    public var patternType: AclPatternType
    public var principal: String?
    public var host: String?
    public var operation: AclOperation
    public var permission: AclPermissionType

    public init(resourceType: AclResourceType = .any, resourceName: String? = nil, patternType: AclPatternType = .any,
                principal: String? = nil, host: String? = nil, operation: AclOperation = .any,
                permission: AclPermissionType = .any) {
        self.resourceType = resourceType
        self.resourceName = resourceName
        self.patternType = patternType
        self.principal = principal
        self.host = host
        self.operation = operation
        self.permission = permission
    }

    /// Matches every ACL.
    public static let any = AclBindingFilter()

    /// The filter that matches exactly `binding`.
    public init(exactly binding: AclBinding) {
        self.init(resourceType: binding.resourceType, resourceName: binding.resourceName, patternType: binding.patternType,
                  principal: binding.principal, host: binding.host, operation: binding.operation,
                  permission: binding.permission)
    }

    /// Kafka refuses a filter with an unknown element ("Unknown patternFilter." / "Unknown entryFilter.").
    public var problem: String? {
        if resourceType == .unknown || patternType == .unknown { return "Unknown patternFilter." }
        if operation == .unknown || permission == .unknown { return "Unknown entryFilter." }
        return nil
    }

    /// Kafka's ResourcePatternFilter.matches and AccessControlEntryFilter.matches together.
    public func matches(_ acl: AclBinding) -> Bool {
        matchesPattern(acl) && matchesEntry(acl)
    }

    func matchesPattern(_ acl: AclBinding) -> Bool {
        if resourceType != .any && resourceType != acl.resourceType { return false }
        if patternType != .any && patternType != .match && patternType != acl.patternType { return false }
        guard let resourceName else { return true }
        if patternType == .any || patternType == acl.patternType { return resourceName == acl.resourceName }
        switch acl.patternType {
        case .literal: return resourceName == acl.resourceName || acl.resourceName == "*"
        case .prefixed: return resourceName.hasPrefix(acl.resourceName)
        default: return false
        }
    }

    func matchesEntry(_ acl: AclBinding) -> Bool {
        if let principal, principal != acl.principal { return false }
        if let host, host != acl.host { return false }
        if operation != .any && operation != acl.operation { return false }
        return permission == .any || permission == acl.permission
    }
}
