import NIOCore

// ConsumerProtocolSubscription, versions 0-3: a consumer's JoinGroup protocol metadata.
// v1: the partitions the member owns, for cooperative rebalancing (KIP-429). v2: the generation those
// partitions were owned in (KIP-792). v3: the member's rack, for rack-aware assignment (KIP-881).

public struct ConsumerProtocolSubscription: KafkaMessage {
    public typealias TopicPartitions = ConsumerProtocol.TopicPartitions

    public static let versions: ClosedRange<Int16> = 0...3

    public var topics: [String]
    public var userData: ByteBuffer?
    /// v1+.
    public var ownedPartitions: [TopicPartitions]
    /// v2+.
    public var generationId: Int32
    /// v3+.
    public var rackId: String?

    public init(topics: [String], userData: ByteBuffer? = nil, ownedPartitions: [TopicPartitions] = [], generationId: Int32 = -1,
                rackId: String? = nil) {
        self.topics = topics
        self.userData = userData
        self.ownedPartitions = ownedPartitions
        self.generationId = generationId
        self.rackId = rackId
    }

    /// Decodes the version header and the body; a newer version than 3 is read by its v3 prefix.
    public init(decoding buffer: ByteBuffer) throws {
        self = try ConsumerProtocol.decode(buffer, highest: Self.versions.upperBound, as: Self.self)
    }

    /// Encodes the version header and the body, as JoinGroup metadata carries it.
    public func encode(version: Int16 = versions.upperBound) -> ByteBuffer {
        ConsumerProtocol.encode(self, version: version)
    }

    /// The body alone at `version` (no version header).
    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(topics: try reader.readArray("topics") { try $0.readString("topic") })
        userData = try reader.readNullableBytes("user data")
        if version >= 1 { ownedPartitions = try ConsumerProtocol.readTopicPartitions(&reader) }
        if version >= 2 { generationId = try reader.readInt32("generation id") }
        if version >= 3 { rackId = try reader.readNullableString("rack id") }
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeArray(topics) { $0.writeString($1) }
        writer.writeNullableBytes(userData)
        if version >= 1 { ConsumerProtocol.writeTopicPartitions(&writer, ownedPartitions) }
        if version >= 2 { writer.writeInt32(generationId) }
        if version >= 3 { writer.writeNullableString(rackId) }
    }
}
