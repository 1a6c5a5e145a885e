// LeaveGroup (key 13), versions 0-5.
// v1: throttle time in the response. v2: same as v1. v3: batched, several members (by member id and
// group instance id) leave at once, each answered separately (KIP-345). v4: flexible. v5: a reason per
// member (KIP-800).

public struct LeaveGroupRequest: KafkaRequest {
    public typealias Response = LeaveGroupResponse
    public static let apiKey = APIKey.leaveGroup
    public static let versions: ClosedRange<Int16> = 0...5
    public static let firstFlexibleVersion: Int16? = 4

    public struct Member: Sendable, Equatable {
        public var memberId: String
        public var groupInstanceId: String?
        /// v5+.
        public var reason: String?
        public init(memberId: String, groupInstanceId: String? = nil, reason: String? = nil) {
            self.memberId = memberId
            self.groupInstanceId = groupInstanceId
            self.reason = reason
        }
    }

    public var groupId: String
    /// v0-v2: the one member leaving.
    public var memberId: String
    /// v3+.
    public var members: [Member]

    /// The single-member form (v0-v2).
    public init(groupId: String, memberId: String) {
        self.groupId = groupId
        self.memberId = memberId
        self.members = []
    }

    /// The batched form (v3+).
    public init(groupId: String, members: [Member]) {
        self.groupId = groupId
        self.memberId = ""
        self.members = members
    }

    /// The members leaving, whatever the version's layout.
    public func leavingMembers(version: Int16) -> [Member] {
        version >= 3 ? members : [Member(memberId: memberId)]
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(groupId: try reader.readString("group id"), members: [])
        if version <= 2 {
            memberId = try reader.readString("member id")
        } else {
            members = try reader.readArray("members") { r in
                var member = Member(memberId: try r.readString("member id"), groupInstanceId: try r.readNullableString("group instance id"))
                if version >= 5 { member.reason = try r.readNullableString("reason") }
                try r.readTaggedFields()
                return member
            }
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeString(groupId)
        if version <= 2 {
            writer.writeString(memberId)
        } else {
            writer.writeArray(members) { w, member in
                w.writeString(member.memberId)
                w.writeNullableString(member.groupInstanceId)
                if version >= 5 { w.writeNullableString(member.reason) }
                w.writeTaggedFields()
            }
        }
        writer.writeTaggedFields()
    }
}

public struct LeaveGroupResponse: KafkaMessage {
    public struct Member: Sendable, Equatable {
        public var memberId: String
        public var groupInstanceId: String?
        public var errorCode: ErrorCode
        public init(memberId: String, groupInstanceId: String? = nil, errorCode: ErrorCode = .none) {
            self.memberId = memberId
            self.groupInstanceId = groupInstanceId
            self.errorCode = errorCode
        }
    }

    /// v1+.
    public var throttleTimeMs: Int32
    public var errorCode: ErrorCode
    /// v3+.
    public var members: [Member]

    public init(throttleTimeMs: Int32 = 0, errorCode: ErrorCode = .none, members: [Member] = []) {
        self.throttleTimeMs = throttleTimeMs
        self.errorCode = errorCode
        self.members = members
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init()
        if version >= 1 { throttleTimeMs = try reader.readInt32("throttle time") }
        errorCode = ErrorCode(try reader.readInt16("error code"))
        if version >= 3 {
            members = try reader.readArray("members") { r in
                let member = Member(memberId: try r.readString("member id"), groupInstanceId: try r.readNullableString("group instance id"),
                                    errorCode: ErrorCode(try r.readInt16("error code")))
                try r.readTaggedFields()
                return member
            }
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        if version >= 1 { writer.writeInt32(throttleTimeMs) }
        writer.writeInt16(errorCode.rawValue)
        if version >= 3 {
            writer.writeArray(members) { w, member in
                w.writeString(member.memberId)
                w.writeNullableString(member.groupInstanceId)
                w.writeInt16(member.errorCode.rawValue)
                w.writeTaggedFields()
            }
        }
        writer.writeTaggedFields()
    }
}
