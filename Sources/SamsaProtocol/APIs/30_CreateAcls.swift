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
            let binding = try AclBinding(from: &r, version: version)
            try r.readTaggedFields()
            return binding
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeArray(creations) { w, acl in
            acl.write(to: &w, version: version)
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}

extension AclBinding {
    /// An ACL as CreateAcls and DeleteAcls carry it (v0 has no pattern type: literal).
    init(from reader: inout KafkaReader, version: Int16) throws {
        let type = AclResourceType(code: try reader.readInt8("resource type"))
        let name = try reader.readString("resource name")
        let pattern = version >= 1 ? AclPatternType(code: try reader.readInt8("pattern type")) : .literal
        self.init(resourceType: type, resourceName: name, patternType: pattern, principal: try reader.readString("principal"),
                  host: try reader.readString("host"), operation: AclOperation(code: try reader.readInt8("operation")),
                  permission: AclPermissionType(code: try reader.readInt8("permission type")))
    }

    func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt8(resourceType.rawValue)
        writer.writeString(resourceName)
        if version >= 1 { writer.writeInt8(patternType.rawValue) }
        writer.writeString(principal)
        writer.writeString(host)
        writer.writeInt8(operation.rawValue)
        writer.writeInt8(permission.rawValue)
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
