import NIOCore

// JoinGroup (key 11), versions 0-9.
// v1: rebalance timeout. v2: throttle time in the response. v3: same as v2. v4: a new member without an
// id is answered MEMBER_ID_REQUIRED with its id and must join again (KIP-394). v5: group instance id
// (static membership, KIP-345). v6: flexible. v7: the response names the protocol type and the protocol
// name becomes nullable (KIP-559). v8: a reason for joining (KIP-800). v9: the response may tell the
// leader to skip the assignment (KIP-814).

public struct JoinGroupRequest: KafkaRequest {
    public typealias Response = JoinGroupResponse
    public static let apiKey = APIKey.joinGroup
    public static let versions: ClosedRange<Int16> = 0...9
    public static let firstFlexibleVersion: Int16? = 6

    public struct GroupProtocol: Sendable, Equatable {
        /// The assignor name, e.g. "range" or "cooperative-sticky".
        public var name: String
        /// For the "consumer" protocol type, a `ConsumerProtocolSubscription`.
        public var metadata: ByteBuffer
        public init(name: String, metadata: ByteBuffer) {
            self.name = name
            self.metadata = metadata
        }
    }

    public var groupId: String
    public var sessionTimeoutMs: Int32
    /// v1+; -1 means "use the session timeout", as v0 members do.
    public var rebalanceTimeoutMs: Int32
    /// Empty for a member joining for the first time.
    public var memberId: String
    /// v5+.
    public var groupInstanceId: String?
    public var protocolType: String
    public var protocols: [GroupProtocol]
    /// v8+.
    public var reason: String?

    public init(groupId: String, sessionTimeoutMs: Int32, rebalanceTimeoutMs: Int32 = -1, memberId: String = "",
                groupInstanceId: String? = nil, protocolType: String = ConsumerProtocol.protocolType, protocols: [GroupProtocol], reason: String? = nil) {
        self.groupId = groupId
        self.sessionTimeoutMs = sessionTimeoutMs
        self.rebalanceTimeoutMs = rebalanceTimeoutMs
        self.memberId = memberId
        self.groupInstanceId = groupInstanceId
        self.protocolType = protocolType
        self.protocols = protocols
        self.reason = reason
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(groupId: try reader.readString("group id"), sessionTimeoutMs: try reader.readInt32("session timeout"), protocols: [])
        if version >= 1 { rebalanceTimeoutMs = try reader.readInt32("rebalance timeout") }
        memberId = try reader.readString("member id")
        if version >= 5 { groupInstanceId = try reader.readNullableString("group instance id") }
        protocolType = try reader.readString("protocol type")
        protocols = try reader.readArray("protocols") { r in
            let proto = GroupProtocol(name: try r.readString("protocol name"), metadata: try r.readBytes("protocol metadata"))
            try r.readTaggedFields()
            return proto
        }
        if version >= 8 { reason = try reader.readNullableString("reason") }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeString(groupId)
        writer.writeInt32(sessionTimeoutMs)
        if version >= 1 { writer.writeInt32(rebalanceTimeoutMs) }
        writer.writeString(memberId)
        if version >= 5 { writer.writeNullableString(groupInstanceId) }
        writer.writeString(protocolType)
        writer.writeArray(protocols) { w, proto in
            w.writeString(proto.name)
            w.writeBytes(proto.metadata)
            w.writeTaggedFields()
        }
        if version >= 8 { writer.writeNullableString(reason) }
        writer.writeTaggedFields()
    }
}

public struct JoinGroupResponse: KafkaMessage {
    public struct Member: Sendable, Equatable {
        public var memberId: String
        /// v5+.
        public var groupInstanceId: String?
        /// The member's metadata for the chosen protocol.
        public var metadata: ByteBuffer
        public init(memberId: String, groupInstanceId: String? = nil, metadata: ByteBuffer) {
            self.memberId = memberId
            self.groupInstanceId = groupInstanceId
            self.metadata = metadata
        }
    }

    /// v2+.
    public var throttleTimeMs: Int32
    public var errorCode: ErrorCode
    public var generationId: Int32
    /// v7+.
    public var protocolType: String?
    /// Nullable from v7; earlier versions send nil as an empty string.
    public var protocolName: String?
    public var leader: String
    /// v9+.
    public var skipAssignment: Bool
    public var memberId: String
    /// Filled in only for the leader.
    public var members: [Member]

    public init(throttleTimeMs: Int32 = 0, errorCode: ErrorCode = .none, generationId: Int32 = -1, protocolType: String? = nil,
                protocolName: String?, leader: String, skipAssignment: Bool = false, memberId: String, members: [Member] = []) {
        self.throttleTimeMs = throttleTimeMs
        self.errorCode = errorCode
        self.generationId = generationId
        self.protocolType = protocolType
        self.protocolName = protocolName
        self.leader = leader
        self.skipAssignment = skipAssignment
        self.memberId = memberId
        self.members = members
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(protocolName: nil, leader: "", memberId: "")
        if version >= 2 { throttleTimeMs = try reader.readInt32("throttle time") }
        errorCode = ErrorCode(try reader.readInt16("error code"))
        generationId = try reader.readInt32("generation id")
        if version >= 7 {
            protocolType = try reader.readNullableString("protocol type")
            protocolName = try reader.readNullableString("protocol name")
        } else {
            protocolName = try reader.readString("protocol name")
        }
        leader = try reader.readString("leader")
        if version >= 9 { skipAssignment = try reader.readBool("skip assignment") }
        memberId = try reader.readString("member id")
        members = try reader.readArray("members") { r in
            var member = Member(memberId: try r.readString("member id"), metadata: ByteBuffer())
            if version >= 5 { member.groupInstanceId = try r.readNullableString("group instance id") }
            member.metadata = try r.readBytes("member metadata")
            try r.readTaggedFields()
            return member
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        if version >= 2 { writer.writeInt32(throttleTimeMs) }
        writer.writeInt16(errorCode.rawValue)
        writer.writeInt32(generationId)
        if version >= 7 {
            writer.writeNullableString(protocolType)
            writer.writeNullableString(protocolName)
        } else {
            writer.writeString(protocolName ?? "")
        }
        writer.writeString(leader)
        if version >= 9 { writer.writeBool(skipAssignment) }
        writer.writeString(memberId)
        writer.writeArray(members) { w, member in
            w.writeString(member.memberId)
            if version >= 5 { w.writeNullableString(member.groupInstanceId) }
            w.writeBytes(member.metadata)
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}
