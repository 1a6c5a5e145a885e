import NIOCore

// ConsumerProtocolAssignment, versions 0-3: what the group leader hands each consumer through SyncGroup.
// v1-v3 have the same fields as v0: they were bumped alongside ConsumerProtocolSubscription's v1-v3
// (owned partitions, generation id, rack id).

public struct ConsumerProtocolAssignment: KafkaMessage {
    public typealias TopicPartitions = ConsumerProtocol.TopicPartitions

    public static let versions: ClosedRange<Int16> = 0...3

    public var assignedPartitions: [TopicPartitions]
    public var userData: ByteBuffer?

    public init(assignedPartitions: [TopicPartitions], userData: ByteBuffer? = nil) {
        self.assignedPartitions = assignedPartitions
        self.userData = userData
    }

    /// An assignment of these partitions, grouped by topic.
    public init(partitions: [TopicPartition], userData: ByteBuffer? = nil) {
        self.init(assignedPartitions: TopicPartitions.grouping(partitions), userData: userData)
    }

    /// The assigned partitions one by one.
    public var partitions: [TopicPartition] { TopicPartitions.flattening(assignedPartitions) }

    /// Decodes the version header and the body; a newer version than 3 is read by its v3 prefix.
    public init(decoding buffer: ByteBuffer) throws {
        self = try ConsumerProtocol.decode(buffer, highest: Self.versions.upperBound, as: Self.self)
    }

    /// Encodes the version header and the body, as a SyncGroup assignment carries it.
    public func encode(version: Int16 = versions.upperBound) -> ByteBuffer {
        ConsumerProtocol.encode(self, version: version)
    }

    /// The body alone (no version header); every version has the same fields.
    public init(from reader: inout KafkaReader, version: Int16) throws {
        assignedPartitions = try ConsumerProtocol.readTopicPartitions(&reader)
        userData = try reader.readNullableBytes("user data")
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        ConsumerProtocol.writeTopicPartitions(&writer, assignedPartitions)
        writer.writeNullableBytes(userData)
    }
}
