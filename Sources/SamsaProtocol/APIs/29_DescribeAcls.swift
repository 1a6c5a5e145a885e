// DescribeAcls (key 29), versions 0-3.
// v1: pattern type filter and pattern type (prefixed ACLs; v0 means literal). v2: flexible. v3: user resources.

public struct DescribeAclsRequest: KafkaRequest {
    public typealias Response = DescribeAclsResponse
    public static let apiKey = APIKey.describeAcls
    public static let versions: ClosedRange<Int16> = 0...3
    public static let firstFlexibleVersion: Int16? = 2

    public var filter: AclBindingFilter

    public init(filter: AclBindingFilter) {
        self.filter = filter
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        filter = try AclBindingFilter(from: &reader, version: version)
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        filter.write(to: &writer, version: version)
        writer.writeTaggedFields()
    }
}

public struct DescribeAclsResponse: KafkaMessage {
    /// One ACL of a resource: who, from where, what, allowed or denied.
    public struct Entry: Sendable, Equatable {
        public var principal: String
        public var host: String
        public var operation: AclOperation
        public var permission: AclPermissionType
        public init(principal: String, host: String, operation: AclOperation, permission: AclPermissionType) {
            self.principal = principal
            self.host = host
            self.operation = operation
            self.permission = permission
        }
    }

    /// A resource pattern and its ACLs.
    public struct Resource: Sendable, Equatable {
        public var resourceType: AclResourceType
        public var resourceName: String
        public var patternType: AclPatternType
        public var acls: [Entry]
        public init(resourceType: AclResourceType, resourceName: String, patternType: AclPatternType, acls: [Entry]) {
            self.resourceType = resourceType
            self.resourceName = resourceName
            self.patternType = patternType
            self.acls = acls
        }
    }

    public var throttleTimeMs: Int32
    public var errorCode: ErrorCode
    public var errorMessage: String?
    public var resources: [Resource]

    public init(throttleTimeMs: Int32 = 0, errorCode: ErrorCode = .none, errorMessage: String? = nil, resources: [Resource] = []) {
        self.throttleTimeMs = throttleTimeMs
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.resources = resources
    }

    /// ACLs grouped by resource pattern, in a stable order.
    public init(bindings: [AclBinding]) {
        let grouped = Dictionary(grouping: bindings) { [$0.resourceType.rawValue.description, $0.resourceName, $0.patternType.rawValue.description] }
        self.init(resources: grouped.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { key in
            let acls = grouped[key] ?? []
            let first = acls[0]
            return Resource(resourceType: first.resourceType, resourceName: first.resourceName, patternType: first.patternType,
                            acls: acls.sorted { $0.entryText < $1.entryText }.map {
                                Entry(principal: $0.principal, host: $0.host, operation: $0.operation, permission: $0.permission)
                            })
        })
    }

    /// Every ACL of the answer, one binding each.
    public var bindings: [AclBinding] {
        resources.flatMap { resource in
            resource.acls.map {
                AclBinding(resourceType: resource.resourceType, resourceName: resource.resourceName, patternType: resource.patternType,
                           principal: $0.principal, host: $0.host, operation: $0.operation, permission: $0.permission)
            }
        }
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        throttleTimeMs = try reader.readInt32("throttle time")
        errorCode = ErrorCode(try reader.readInt16("error code"))
        errorMessage = try reader.readNullableString("error message")
        resources = try reader.readArray("resources") { r in
            let type = AclResourceType(code: try r.readInt8("resource type"))
            let name = try r.readString("resource name")
            let pattern = version >= 1 ? AclPatternType(code: try r.readInt8("pattern type")) : .literal
            let acls = try r.readArray("acls") { a in
                let entry = Entry(principal: try a.readString("principal"), host: try a.readString("host"),
                                  operation: AclOperation(code: try a.readInt8("operation")),
                                  permission: AclPermissionType(code: try a.readInt8("permission type")))
                try a.readTaggedFields()
                return entry
            }
            try r.readTaggedFields()
            return Resource(resourceType: type, resourceName: name, patternType: pattern, acls: acls)
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        writer.writeInt16(errorCode.rawValue)
        writer.writeNullableString(errorMessage)
        writer.writeArray(resources) { w, resource in
            w.writeInt8(resource.resourceType.rawValue)
            w.writeString(resource.resourceName)
            if version >= 1 { w.writeInt8(resource.patternType.rawValue) }
            w.writeArray(resource.acls) { w, acl in
                w.writeString(acl.principal)
                w.writeString(acl.host)
                w.writeInt8(acl.operation.rawValue)
                w.writeInt8(acl.permission.rawValue)
                w.writeTaggedFields()
            }
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}

extension AclBindingFilter {
    /// The filter fields as DescribeAcls and DeleteAcls carry them (v0 has no pattern type: literal).
    init(from reader: inout KafkaReader, version: Int16) throws {
        let type = AclResourceType(code: try reader.readInt8("resource type filter"))
        let name = try reader.readNullableString("resource name filter")
        let pattern = version >= 1 ? AclPatternType(code: try reader.readInt8("pattern type filter")) : .literal
        self.init(resourceType: type, resourceName: name, patternType: pattern,
                  principal: try reader.readNullableString("principal filter"), host: try reader.readNullableString("host filter"),
                  operation: AclOperation(code: try reader.readInt8("operation")),
                  permission: AclPermissionType(code: try reader.readInt8("permission type")))
    }

    func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt8(resourceType.rawValue)
        writer.writeNullableString(resourceName)
        if version >= 1 { writer.writeInt8(patternType.rawValue) }
        writer.writeNullableString(principal)
        writer.writeNullableString(host)
        writer.writeInt8(operation.rawValue)
        writer.writeInt8(permission.rawValue)
    }
}
