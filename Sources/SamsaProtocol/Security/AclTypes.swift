/// Kafka's ACL vocabulary, with the codes the wire uses (CreateAcls, DescribeAcls, DeleteAcls) and the names
/// kafka-acls prints (`Topic`, `LITERAL`, `Read`, `Allow`).

public enum AclResourceType: Int8, Sendable, CaseIterable, CustomStringConvertible {
    case unknown = 0, any = 1, topic = 2, group = 3, cluster = 4, transactionalId = 5, delegationToken = 6, user = 7

    public var description: String {
        switch self {
        case .unknown: "Unknown"
        case .any: "Any"
        case .topic: "Topic"
        case .group: "Group"
        case .cluster: "Cluster"
        case .transactionalId: "TransactionalId"
        case .delegationToken: "DelegationToken"
        case .user: "User"
        }
    }
}

public enum AclPatternType: Int8, Sendable, CaseIterable, CustomStringConvertible {
    case unknown = 0, any = 1, match = 2, literal = 3, prefixed = 4

    public var description: String {
        switch self {
        case .unknown: "UNKNOWN"
        case .any: "ANY"
        case .match: "MATCH"
        case .literal: "LITERAL"
        case .prefixed: "PREFIXED"
        }
    }
}

public enum AclOperation: Int8, Sendable, CaseIterable, CustomStringConvertible {
    case unknown = 0, any = 1, all = 2, read = 3, write = 4, create = 5, delete = 6, alter = 7, describe = 8
    case clusterAction = 9, describeConfigs = 10, alterConfigs = 11, idempotentWrite = 12, createTokens = 13
    case describeTokens = 14

    public var description: String {
        switch self {
        case .unknown: "Unknown"
        case .any: "Any"
        case .all: "All"
        case .read: "Read"
        case .write: "Write"
        case .create: "Create"
        case .delete: "Delete"
        case .alter: "Alter"
        case .describe: "Describe"
        case .clusterAction: "ClusterAction"
        case .describeConfigs: "DescribeConfigs"
        case .alterConfigs: "AlterConfigs"
        case .idempotentWrite: "IdempotentWrite"
        case .createTokens: "CreateTokens"
        case .describeTokens: "DescribeTokens"
        }
    }
}

public enum AclPermissionType: Int8, Sendable, CaseIterable, CustomStringConvertible {
    case unknown = 0, any = 1, deny = 2, allow = 3

    public var description: String {
        switch self {
        case .unknown: "Unknown"
        case .any: "Any"
        case .deny: "Deny"
        case .allow: "Allow"
        }
    }
}

/// One ACL: who (`User:alice`, `User:*`) may or may not do what, from where (`*` or an IP), on which
/// resources (a literal name, `*`, or a prefix).
public struct AclBinding: Sendable, Hashable, Codable {
    public var resourceType: AclResourceType
    public var resourceName: String
    public var patternType: AclPatternType
    public var principal: String
    public var host: String
    public var operation: AclOperation
    public var permission: AclPermissionType

    public init(resourceType: AclResourceType, resourceName: String, patternType: AclPatternType, principal: String,
                host: String, operation: AclOperation, permission: AclPermissionType) {
        self.resourceType = resourceType
        self.resourceName = resourceName
        self.patternType = patternType
        self.principal = principal
        self.host = host
        self.operation = operation
        self.permission = permission
    }
}

extension AclResourceType: Codable {}
extension AclPatternType: Codable {}
extension AclOperation: Codable {}
extension AclPermissionType: Codable {}
