// CreateAcls (key 30), versions 0-3.
// v1: resource pattern type (prefixed ACLs; v0 means literal). v2: flexible. v3: user resources.

public struct CreateAclsRequest: KafkaRequest {
    public typealias Response = CreateAclsResponse
    public static let apiKey = APIKey.createAcls
    public static let versions: ClosedRange<Int16> = 0...3
    public static let firstFlexibleVersion: Int16? = 2

    public var creations: [AclBinding]

    public init(creations: [AclBinding]) {
        self.creations = creations
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        creations = try reader.readArray("creations") { r in
            let type = AclResourceType(code: try r.readInt8("resource type"))
            let name = try r.readString("resource name")
            let pattern = version >= 1 ? AclPatternType(code: try r.readInt8("resource pattern type")) : .literal
            let binding = AclBinding(resourceType: type, resourceName: name, patternType: pattern,
                                     principal: try r.readString("principal"), host: try r.readString("host"),
                                     operation: AclOperation(code: try r.readInt8("operation")),
                                     permission: AclPermissionType(code: try r.readInt8("permission type")))
            try r.readTaggedFields()
            return binding
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeArray(creations) { w, acl in
            w.writeInt8(acl.resourceType.rawValue)
            w.writeString(acl.resourceName)
            if version >= 1 { w.writeInt8(acl.patternType.rawValue) }
            w.writeString(acl.principal)
            w.writeString(acl.host)
            w.writeInt8(acl.operation.rawValue)
            w.writeInt8(acl.permission.rawValue)
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}

public struct CreateAclsResponse: KafkaMessage {
    /// The outcome of one creation, in the request's order.
    public struct Result: Sendable, Equatable {
        public var errorCode: ErrorCode
        public var errorMessage: String?
        public init(errorCode: ErrorCode = .none, errorMessage: String? = nil) {
            self.errorCode = errorCode
            self.errorMessage = errorMessage
        }
    }

    public var throttleTimeMs: Int32
    public var results: [Result]

    public init(throttleTimeMs: Int32 = 0, results: [Result]) {
        self.throttleTimeMs = throttleTimeMs
        self.results = results
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        throttleTimeMs = try reader.readInt32("throttle time")
        results = try reader.readArray("results") { r in
            let result = Result(errorCode: ErrorCode(try r.readInt16("error code")), errorMessage: try r.readNullableString("error message"))
            try r.readTaggedFields()
            return result
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        writer.writeArray(results) { w, result in
            w.writeInt16(result.errorCode.rawValue)
            w.writeNullableString(result.errorMessage)
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}
