import NIOCore

// DescribeGroups (key 15), versions 0-5.
// v1: throttle time in the response. v2: same as v1. v3: authorized operations can be requested and
// are answered per group. v4: members' group instance ids. v5: flexible.

public struct DescribeGroupsRequest: KafkaRequest {
    public typealias Response = DescribeGroupsResponse
    public static let apiKey = APIKey.describeGroups
    public static let versions: ClosedRange<Int16> = 0...5
    public static let firstFlexibleVersion: Int16? = 5

    public var groups: [String]
    /// v3+.
    public var includeAuthorizedOperations: Bool

    public init(groups: [String], includeAuthorizedOperations: Bool = false) {
        self.groups = groups
        self.includeAuthorizedOperations = includeAuthorizedOperations
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(groups: try reader.readArray("groups") { try $0.readString("group id") })
        if version >= 3 { includeAuthorizedOperations = try reader.readBool("include authorized operations") }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeArray(groups) { $0.writeString($1) }
        if version >= 3 { writer.writeBool(includeAuthorizedOperations) }
        writer.writeTaggedFields()
    }
}

public struct DescribeGroupsResponse: KafkaMessage {
    public struct Member: Sendable, Equatable {
        public var memberId: String
        /// v4+.
        public var groupInstanceId: String?
        public var clientId: String
        public var clientHost: String
        /// Only filled in while the group is Stable.
        public var memberMetadata: ByteBuffer
        /// Only filled in while the group is Stable.
        public var memberAssignment: ByteBuffer
        public init(memberId: String, groupInstanceId: String? = nil, clientId: String, clientHost: String,
                    memberMetadata: ByteBuffer = ByteBuffer(), memberAssignment: ByteBuffer = ByteBuffer()) {
            self.memberId = memberId
            self.groupInstanceId = groupInstanceId
            self.clientId = clientId
            self.clientHost = clientHost
            self.memberMetadata = memberMetadata
            self.memberAssignment = memberAssignment
        }
    }

    public struct Group: Sendable, Equatable {
        public var errorCode: ErrorCode
        public var groupId: String
        /// "Empty", "PreparingRebalance", "CompletingRebalance", "Stable" or "Dead" (classic groups).
        public var groupState: String
        public var protocolType: String
        /// The chosen protocol (assignor) while Stable, otherwise empty.
        public var protocolData: String
        public var members: [Member]
        /// v3+: a bit set of ACL operations; Int32.min when not requested.
        public var authorizedOperations: Int32
        public init(errorCode: ErrorCode = .none, groupId: String, groupState: String, protocolType: String = "", protocolData: String = "",
                    members: [Member] = [], authorizedOperations: Int32 = Int32.min) {
            self.errorCode = errorCode
            self.groupId = groupId
            self.groupState = groupState
            self.protocolType = protocolType
            self.protocolData = protocolData
            self.members = members
            self.authorizedOperations = authorizedOperations
        }
    }

    /// v1+.
    public var throttleTimeMs: Int32
    public var groups: [Group]

    public init(throttleTimeMs: Int32 = 0, groups: [Group]) {
        self.throttleTimeMs = throttleTimeMs
        self.groups = groups
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        throttleTimeMs = version >= 1 ? try reader.readInt32("throttle time") : 0
        groups = try reader.readArray("groups") { r in
            var group = Group(errorCode: ErrorCode(try r.readInt16("error code")), groupId: try r.readString("group id"),
                              groupState: try r.readString("group state"), protocolType: try r.readString("protocol type"),
                              protocolData: try r.readString("protocol data"))
            group.members = try r.readArray("members") { m in
                var member = Member(memberId: try m.readString("member id"), clientId: "", clientHost: "")
                if version >= 4 { member.groupInstanceId = try m.readNullableString("group instance id") }
                member.clientId = try m.readString("client id")
                member.clientHost = try m.readString("client host")
                member.memberMetadata = try m.readBytes("member metadata")
                member.memberAssignment = try m.readBytes("member assignment")
                try m.readTaggedFields()
                return member
            }
            if version >= 3 { group.authorizedOperations = try r.readInt32("authorized operations") }
            try r.readTaggedFields()
            return group
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        if version >= 1 { writer.writeInt32(throttleTimeMs) }
        writer.writeArray(groups) { w, group in
            w.writeInt16(group.errorCode.rawValue)
            w.writeString(group.groupId)
            w.writeString(group.groupState)
            w.writeString(group.protocolType)
            w.writeString(group.protocolData)
            w.writeArray(group.members) { m, member in
                m.writeString(member.memberId)
                if version >= 4 { m.writeNullableString(member.groupInstanceId) }
                m.writeString(member.clientId)
                m.writeString(member.clientHost)
                m.writeBytes(member.memberMetadata)
                m.writeBytes(member.memberAssignment)
                m.writeTaggedFields()
            }
            if version >= 3 { w.writeInt32(group.authorizedOperations) }
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}
