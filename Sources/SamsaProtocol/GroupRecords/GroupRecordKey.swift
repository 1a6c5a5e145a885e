import NIOCore

/// The key of a record in `__consumer_offsets`: an Int16 version, then the fields of that version.
/// Versions 0 and 1 are offset commits (group, topic, partition); version 2 is group metadata (group).
/// Kafka's own tools (kafka-console-consumer with the offsets formatters) read these bytes.
public enum GroupRecordKey: Sendable, Hashable {
    case offsetCommit(group: String, topic: String, partition: Int32)
    case groupMetadata(group: String)

    public var group: String {
        switch self {
        case .offsetCommit(let group, _, _), .groupMetadata(let group): group
        }
    }

    /// Kafka 3.8 writes offset commit keys at version 1 and group metadata keys at version 2.
    public func encode() -> ByteBuffer {
        var writer = KafkaWriter()
        switch self {
        case .offsetCommit(let group, let topic, let partition):
            writer.writeInt16(1)
            writer.writeString(group)
            writer.writeString(topic)
            writer.writeInt32(partition)
        case .groupMetadata(let group):
            writer.writeInt16(2)
            writer.writeString(group)
        }
        return writer.buffer
    }

    public static func decode(_ buffer: ByteBuffer) throws -> GroupRecordKey {
        var reader = KafkaReader(buffer)
        let version = try reader.readInt16("key version")
        switch version {
        case 0, 1:
            return .offsetCommit(group: try reader.readString("group"), topic: try reader.readString("topic"),
                                 partition: try reader.readInt32("partition"))
        case 2:
            return .groupMetadata(group: try reader.readString("group"))
        default:
            throw ProtocolError.unknownRecordVersion(schema: "__consumer_offsets key", version: version)
        }
    }
}
