import NIOCore

/// The value of a group metadata record in `__consumer_offsets` (schema GroupMetadataValue, versions 0-4):
/// the group's generation, chosen protocol, leader and members with their subscriptions and assignments.
/// v1 adds each member's rebalance timeout, v2 the state timestamp, v3 static member ids, v4 is flexible.
/// Samsa writes v3, as Kafka 3.8 does.
public struct GroupMetadataValue: Sendable, Equatable {
    public struct Member: Sendable, Equatable {
        public var memberId: String
        public var groupInstanceId: String?
        public var clientId: String
        public var clientHost: String
        public var rebalanceTimeoutMs: Int32
        public var sessionTimeoutMs: Int32
        public var subscription: ByteBuffer
        public var assignment: ByteBuffer

        public init(memberId: String, groupInstanceId: String? = nil, clientId: String, clientHost: String,
                    rebalanceTimeoutMs: Int32, sessionTimeoutMs: Int32, subscription: ByteBuffer, assignment: ByteBuffer) {
            self.memberId = memberId
            self.groupInstanceId = groupInstanceId
            self.clientId = clientId
            self.clientHost = clientHost
            self.rebalanceTimeoutMs = rebalanceTimeoutMs
            self.sessionTimeoutMs = sessionTimeoutMs
            self.subscription = subscription
            self.assignment = assignment
        }
    }

    public var protocolType: String
    public var generation: Int32
    public var protocolName: String?
    public var leader: String?
    public var currentStateTimestamp: Int64
    public var members: [Member]

    public init(protocolType: String, generation: Int32, protocolName: String?, leader: String?,
                currentStateTimestamp: Int64 = -1, members: [Member]) {
        self.protocolType = protocolType
        self.generation = generation
        self.protocolName = protocolName
        self.leader = leader
        self.currentStateTimestamp = currentStateTimestamp
        self.members = members
    }

    public func encode(version: Int16 = 3) -> ByteBuffer {
        var writer = KafkaWriter(flexible: version >= 4)
        writer.writeInt16(version)
        writer.writeString(protocolType)
        writer.writeInt32(generation)
        writer.writeNullableString(protocolName)
        writer.writeNullableString(leader)
        if version >= 2 { writer.writeInt64(currentStateTimestamp) }
        writer.writeArray(members) { writer, member in
            writer.writeString(member.memberId)
            if version >= 3 { writer.writeNullableString(member.groupInstanceId) }
            writer.writeString(member.clientId)
            writer.writeString(member.clientHost)
            if version >= 1 { writer.writeInt32(member.rebalanceTimeoutMs) }
            writer.writeInt32(member.sessionTimeoutMs)
            writer.writeBytes(member.subscription)
            writer.writeBytes(member.assignment)
            if version >= 4 { writer.writeTaggedFields() }
        }
        if version >= 4 { writer.writeTaggedFields() }
        return writer.buffer
    }

    public static func decode(_ buffer: ByteBuffer) throws -> GroupMetadataValue {
        var reader = KafkaReader(buffer)
        let version = try reader.readInt16("value version")
        guard (0...4).contains(version) else {
            throw ProtocolError.unknownRecordVersion(schema: "GroupMetadataValue", version: version)
        }
        reader.flexible = version >= 4
        let protocolType = try reader.readString("protocol type")
        let generation = try reader.readInt32("generation")
        let protocolName = try reader.readNullableString("protocol")
        let leader = try reader.readNullableString("leader")
        let timestamp = version >= 2 ? try reader.readInt64("current state timestamp") : -1
        let members = try reader.readArray("members") { reader -> Member in
            let memberId = try reader.readString("member id")
            let instance = version >= 3 ? try reader.readNullableString("group instance id") : nil
            let clientId = try reader.readString("client id")
            let clientHost = try reader.readString("client host")
            let rebalance = version >= 1 ? try reader.readInt32("rebalance timeout") : -1
            let session = try reader.readInt32("session timeout")
            let subscription = try reader.readBytes("subscription")
            let assignment = try reader.readBytes("assignment")
            try reader.readTaggedFields()
            return Member(memberId: memberId, groupInstanceId: instance, clientId: clientId, clientHost: clientHost,
                          rebalanceTimeoutMs: rebalance, sessionTimeoutMs: session, subscription: subscription,
                          assignment: assignment)
        }
        try reader.readTaggedFields()
        return GroupMetadataValue(protocolType: protocolType, generation: generation, protocolName: protocolName,
                                  leader: leader, currentStateTimestamp: timestamp, members: members)
    }
}
