// Heartbeat (key 12), versions 0-4.
// v1: throttle time in the response. v2: same as v1. v3: group instance id (static membership).
// v4: flexible.

public struct HeartbeatRequest: KafkaRequest {
    public typealias Response = HeartbeatResponse
    public static let apiKey = APIKey.heartbeat
    public static let versions: ClosedRange<Int16> = 0...4
    public static let firstFlexibleVersion: Int16? = 4

    public var groupId: String
    public var generationId: Int32
    public var memberId: String
    /// v3+.
    public var groupInstanceId: String?

    public init(groupId: String, generationId: Int32, memberId: String, groupInstanceId: String? = nil) {
        self.groupId = groupId
        self.generationId = generationId
        self.memberId = memberId
        self.groupInstanceId = groupInstanceId
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(groupId: try reader.readString("group id"), generationId: try reader.readInt32("generation id"),
                  memberId: try reader.readString("member id"))
        if version >= 3 { groupInstanceId = try reader.readNullableString("group instance id") }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeString(groupId)
        writer.writeInt32(generationId)
        writer.writeString(memberId)
        if version >= 3 { writer.writeNullableString(groupInstanceId) }
        writer.writeTaggedFields()
    }
}

public struct HeartbeatResponse: KafkaMessage {
    /// v1+.
    public var throttleTimeMs: Int32
    /// REBALANCE_IN_PROGRESS tells the member to rejoin.
    public var errorCode: ErrorCode

    public init(throttleTimeMs: Int32 = 0, errorCode: ErrorCode = .none) {
        self.throttleTimeMs = throttleTimeMs
        self.errorCode = errorCode
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        throttleTimeMs = version >= 1 ? try reader.readInt32("throttle time") : 0
        errorCode = ErrorCode(try reader.readInt16("error code"))
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        if version >= 1 { writer.writeInt32(throttleTimeMs) }
        writer.writeInt16(errorCode.rawValue)
        writer.writeTaggedFields()
    }
}
