import NIOCore

// SyncGroup (key 14), versions 0-5.
// v1: throttle time in the response. v2: same as v1. v3: group instance id (static membership).
// v4: flexible. v5: the request and response carry the protocol type and name, which the broker checks
// against the group's (KIP-559).

public struct SyncGroupRequest: KafkaRequest {
    public typealias Response = SyncGroupResponse
    public static let apiKey = APIKey.syncGroup
    public static let versions: ClosedRange<Int16> = 0...5
    public static let firstFlexibleVersion: Int16? = 4

    public struct Assignment: Sendable, Equatable {
        public var memberId: String
        /// For the "consumer" protocol type, a `ConsumerProtocolAssignment`.
        public var assignment: ByteBuffer
        public init(memberId: String, assignment: ByteBuffer) {
            self.memberId = memberId
            self.assignment = assignment
        }
    }

    public var groupId: String
    public var generationId: Int32
    public var memberId: String
    /// v3+.
    public var groupInstanceId: String?
    /// v5+.
    public var protocolType: String?
    /// v5+.
    public var protocolName: String?
    /// Sent only by the leader: every member's assignment.
    public var assignments: [Assignment]

    public init(groupId: String, generationId: Int32, memberId: String, groupInstanceId: String? = nil, protocolType: String? = nil,
                protocolName: String? = nil, assignments: [Assignment] = []) {
        self.groupId = groupId
        self.generationId = generationId
        self.memberId = memberId
        self.groupInstanceId = groupInstanceId
        self.protocolType = protocolType
        self.protocolName = protocolName
        self.assignments = assignments
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(groupId: try reader.readString("group id"), generationId: try reader.readInt32("generation id"),
                  memberId: try reader.readString("member id"))
        if version >= 3 { groupInstanceId = try reader.readNullableString("group instance id") }
        if version >= 5 {
            protocolType = try reader.readNullableString("protocol type")
            protocolName = try reader.readNullableString("protocol name")
        }
        assignments = try reader.readArray("assignments") { r in
            let assignment = Assignment(memberId: try r.readString("member id"), assignment: try r.readBytes("assignment"))
            try r.readTaggedFields()
            return assignment
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeString(groupId)
        writer.writeInt32(generationId)
        writer.writeString(memberId)
        if version >= 3 { writer.writeNullableString(groupInstanceId) }
        if version >= 5 {
            writer.writeNullableString(protocolType)
            writer.writeNullableString(protocolName)
        }
        writer.writeArray(assignments) { w, assignment in
            w.writeString(assignment.memberId)
            w.writeBytes(assignment.assignment)
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}

public struct SyncGroupResponse: KafkaMessage {
    /// v1+.
    public var throttleTimeMs: Int32
    public var errorCode: ErrorCode
    /// v5+.
    public var protocolType: String?
    /// v5+.
    public var protocolName: String?
    /// This member's assignment.
    public var assignment: ByteBuffer

    public init(throttleTimeMs: Int32 = 0, errorCode: ErrorCode = .none, protocolType: String? = nil, protocolName: String? = nil,
                assignment: ByteBuffer = ByteBuffer()) {
        self.throttleTimeMs = throttleTimeMs
        self.errorCode = errorCode
        self.protocolType = protocolType
        self.protocolName = protocolName
        self.assignment = assignment
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init()
        if version >= 1 { throttleTimeMs = try reader.readInt32("throttle time") }
        errorCode = ErrorCode(try reader.readInt16("error code"))
        if version >= 5 {
            protocolType = try reader.readNullableString("protocol type")
            protocolName = try reader.readNullableString("protocol name")
        }
        assignment = try reader.readBytes("assignment")
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        if version >= 1 { writer.writeInt32(throttleTimeMs) }
        writer.writeInt16(errorCode.rawValue)
        if version >= 5 {
            writer.writeNullableString(protocolType)
            writer.writeNullableString(protocolName)
        }
        writer.writeBytes(assignment)
        writer.writeTaggedFields()
    }
}
