import NIOCore

/// The embedded "consumer" protocol: what Kafka consumers put inside JoinGroup metadata
/// (`ConsumerProtocolSubscription`) and SyncGroup assignments (`ConsumerProtocolAssignment`). The broker
/// treats these bytes as opaque; assignors and tools read them. Both messages are never flexible and start
/// with their Int16 version.
public enum ConsumerProtocol {
    /// The JoinGroup protocol type consumers use.
    public static let protocolType = "consumer"

    /// Partitions of one topic (owned partitions in a subscription, assigned ones in an assignment).
    public struct TopicPartitions: Sendable, Equatable {
        public var topic: String
        public var partitions: [Int32]
        public init(topic: String, partitions: [Int32]) {
            self.topic = topic
            self.partitions = partitions
        }

        /// Groups partitions by topic: topics in name order, each topic's partitions in the order given.
        public static func grouping(_ partitions: [TopicPartition]) -> [TopicPartitions] {
            Dictionary(grouping: partitions, by: \.topic)
                .sorted { $0.key < $1.key }
                .map { TopicPartitions(topic: $0.key, partitions: $0.value.map(\.partition)) }
        }

        /// The partitions one by one, in list order.
        public static func flattening(_ entries: [TopicPartitions]) -> [TopicPartition] {
            entries.flatMap { entry in entry.partitions.map { TopicPartition(entry.topic, $0) } }
        }
    }

    static func readTopicPartitions(_ reader: inout KafkaReader) throws -> [TopicPartitions] {
        try reader.readArray("topic partitions") { r in
            TopicPartitions(topic: try r.readString("topic"), partitions: try r.readArray("partitions") { try $0.readInt32() })
        }
    }

    static func writeTopicPartitions(_ writer: inout KafkaWriter, _ values: [TopicPartitions]) {
        writer.writeArray(values) { w, entry in
            w.writeString(entry.topic)
            w.writeArray(entry.partitions) { $0.writeInt32($1) }
        }
    }

    /// Writes the version header and the body at `version`.
    static func encode<M: KafkaMessage>(_ message: M, version: Int16) -> ByteBuffer {
        var writer = KafkaWriter()
        writer.writeInt16(version)
        message.write(to: &writer, version: version)
        return writer.buffer
    }

    /// Reads the version header, then the body. A version newer than `highest` is read as `highest`: later
    /// versions only append fields, so the known prefix is valid and the rest is ignored, as Kafka does.
    static func decode<M: KafkaMessage>(_ buffer: ByteBuffer, highest: Int16, as type: M.Type) throws -> M {
        var reader = KafkaReader(buffer)
        let version = try reader.readInt16("consumer protocol version")
        guard version >= 0 else { throw ConsumerProtocolError.unsupportedVersion(version) }
        return try M(from: &reader, version: min(version, highest))
    }
}

public enum ConsumerProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    case unsupportedVersion(Int16)

    public var description: String {
        switch self {
        case .unsupportedVersion(let version): return "consumer protocol version \(version) is not valid"
        }
    }
}
