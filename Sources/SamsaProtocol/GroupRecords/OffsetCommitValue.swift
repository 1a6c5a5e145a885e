import NIOCore

/// The value of an offset commit record in `__consumer_offsets` (schema OffsetCommitValue, versions 0-4).
/// v1 adds an expire timestamp (dropped again in v2), v3 the leader epoch, v4 is flexible. Kafka 3.8
/// writes v3 unless an expire timestamp is set, and so does Samsa.
public struct OffsetCommitValue: Sendable, Equatable {
    public var offset: Int64
    public var leaderEpoch: Int32
    public var metadata: String
    public var commitTimestamp: Int64
    public var expireTimestamp: Int64

    public init(offset: Int64, leaderEpoch: Int32 = -1, metadata: String = "", commitTimestamp: Int64,
                expireTimestamp: Int64 = -1) {
        self.offset = offset
        self.leaderEpoch = leaderEpoch
        self.metadata = metadata
        self.commitTimestamp = commitTimestamp
        self.expireTimestamp = expireTimestamp
    }

    public func encode(version: Int16 = 3) -> ByteBuffer {
        var writer = KafkaWriter(flexible: version >= 4)
        writer.writeInt16(version)
        writer.writeInt64(offset)
        if version >= 3 { writer.writeInt32(leaderEpoch) }
        writer.writeString(metadata)
        writer.writeInt64(commitTimestamp)
        if version == 1 { writer.writeInt64(expireTimestamp) }
        if version >= 4 { writer.writeTaggedFields() }
        return writer.buffer
    }

    public static func decode(_ buffer: ByteBuffer) throws -> OffsetCommitValue {
        var reader = KafkaReader(buffer)
        let version = try reader.readInt16("value version")
        guard (0...4).contains(version) else {
            throw ProtocolError.unknownRecordVersion(schema: "OffsetCommitValue", version: version)
        }
        reader.flexible = version >= 4
        let offset = try reader.readInt64("offset")
        let epoch = version >= 3 ? try reader.readInt32("leader epoch") : -1
        let metadata = try reader.readString("metadata")
        let timestamp = try reader.readInt64("commit timestamp")
        let expire = version == 1 ? try reader.readInt64("expire timestamp") : -1
        try reader.readTaggedFields()
        return OffsetCommitValue(offset: offset, leaderEpoch: epoch, metadata: metadata, commitTimestamp: timestamp,
                                 expireTimestamp: expire)
    }
}
