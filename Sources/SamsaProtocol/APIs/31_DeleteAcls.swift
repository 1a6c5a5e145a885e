// DeleteAcls (key 31), versions 0-3.
// v1: pattern type filter and pattern type (prefixed ACLs; v0 means literal). v2: flexible. v3: user resources.

public struct DeleteAclsRequest: KafkaRequest {
    public typealias Response = DeleteAclsResponse
    public static let apiKey = APIKey.deleteAcls
    public static let versions: ClosedRange<Int16> = 0...3
    public static let firstFlexibleVersion: Int16? = 2

    public var filters: [AclBindingFilter]

    public init(filters: [AclBindingFilter]) {
        self.filters = filters
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        filters = try reader.readArray("filters") { r in
            let filter = try AclBindingFilter(from: &r, version: version)
            try r.readTaggedFields()
            return filter
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeArray(filters) { w, filter in
            filter.write(to: &w, version: version)
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}

public struct DeleteAclsResponse: KafkaMessage {
    /// One ACL a filter matched (and deleted, unless it carries an error).
    public struct MatchingAcl: Sendable, Equatable {
        public var errorCode: ErrorCode
        public var errorMessage: String?
        public var acl: AclBinding
        public init(errorCode: ErrorCode = .none, errorMessage: String? = nil, acl: AclBinding) {
            self.errorCode = errorCode
            self.errorMessage = errorMessage
            self.acl = acl
        }
    }

    /// The outcome of one filter, in the request's order.
    public struct FilterResult: Sendable, Equatable {
        public var errorCode: ErrorCode
        public var errorMessage: String?
        public var matchingAcls: [MatchingAcl]
        public init(errorCode: ErrorCode = .none, errorMessage: String? = nil, matchingAcls: [MatchingAcl] = []) {
            self.errorCode = errorCode
            self.errorMessage = errorMessage
            self.matchingAcls = matchingAcls
        }
    }

    public var throttleTimeMs: Int32
    public var filterResults: [FilterResult]

    public init(throttleTimeMs: Int32 = 0, filterResults: [FilterResult]) {
        self.throttleTimeMs = throttleTimeMs
        self.filterResults = filterResults
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        throttleTimeMs = try reader.readInt32("throttle time")
        filterResults = try reader.readArray("filter results") { r in
            let code = ErrorCode(try r.readInt16("error code"))
            let message = try r.readNullableString("error message")
            let matching = try r.readArray("matching acls") { m in
                let code = ErrorCode(try m.readInt16("error code"))
                let message = try m.readNullableString("error message")
                let acl = try AclBinding(from: &m, version: version)
                try m.readTaggedFields()
                return MatchingAcl(errorCode: code, errorMessage: message, acl: acl)
            }
            try r.readTaggedFields()
            return FilterResult(errorCode: code, errorMessage: message, matchingAcls: matching)
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        writer.writeArray(filterResults) { w, result in
            w.writeInt16(result.errorCode.rawValue)
            w.writeNullableString(result.errorMessage)
            w.writeArray(result.matchingAcls) { w, matching in
                w.writeInt16(matching.errorCode.rawValue)
                w.writeNullableString(matching.errorMessage)
                matching.acl.write(to: &w, version: version)
                w.writeTaggedFields()
            }
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}
