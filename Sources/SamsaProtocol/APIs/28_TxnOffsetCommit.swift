// TxnOffsetCommit (key 28), versions 0-4.
// Offsets a transactional producer commits for a group; they become visible when the transaction commits.
// v1: same as v0. v2: committed leader epoch. v3: generation id, member id and group instance id, so the
// group coordinator can fence zombie members (KIP-447); may answer ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID,
// FENCED_INSTANCE_ID. v3 is the first flexible version. v4: may answer TRANSACTION_ABORTABLE (KIP-890).

public struct TxnOffsetCommitRequest: KafkaRequest {
    public typealias Response = TxnOffsetCommitResponse
    public static let apiKey = APIKey.txnOffsetCommit
    public static let versions: ClosedRange<Int16> = 0...4
    public static let firstFlexibleVersion: Int16? = 3

    public struct Partition: Sendable, Equatable {
        public var partitionIndex: Int32
        public var committedOffset: Int64
        /// v2+.
        public var committedLeaderEpoch: Int32
        public var committedMetadata: String?
        public init(partitionIndex: Int32, committedOffset: Int64, committedLeaderEpoch: Int32 = -1, committedMetadata: String? = nil) {
            self.partitionIndex = partitionIndex
            self.committedOffset = committedOffset
            self.committedLeaderEpoch = committedLeaderEpoch
            self.committedMetadata = committedMetadata
        }
    }

    public struct Topic: Sendable, Equatable {
        public var name: String
        public var partitions: [Partition]
        public init(name: String, partitions: [Partition]) {
            self.name = name
            self.partitions = partitions
        }
    }

    public var transactionalId: String
    public var groupId: String
    public var producerId: Int64
    public var producerEpoch: Int16
    /// v3+ (this and the next two): the consumer's group generation, -1 when unknown.
    public var generationId: Int32
    public var memberId: String
    public var groupInstanceId: String?
    public var topics: [Topic]

    public init(transactionalId: String, groupId: String, producerId: Int64, producerEpoch: Int16, generationId: Int32 = -1,
                memberId: String = "", groupInstanceId: String? = nil, topics: [Topic]) {
        self.transactionalId = transactionalId
        self.groupId = groupId
        self.producerId = producerId
        self.producerEpoch = producerEpoch
        self.generationId = generationId
        self.memberId = memberId
        self.groupInstanceId = groupInstanceId
        self.topics = topics
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(transactionalId: try reader.readString("transactional id"), groupId: try reader.readString("group id"),
                  producerId: try reader.readInt64("producer id"), producerEpoch: try reader.readInt16("producer epoch"), topics: [])
        if version >= 3 {
            generationId = try reader.readInt32("generation id")
            memberId = try reader.readString("member id")
            groupInstanceId = try reader.readNullableString("group instance id")
        }
        topics = try reader.readArray("topics") { r in
            let name = try r.readString("topic")
            let partitions = try r.readArray("partitions") { p in
                var partition = Partition(partitionIndex: try p.readInt32("partition"), committedOffset: try p.readInt64("offset"))
                if version >= 2 { partition.committedLeaderEpoch = try p.readInt32("leader epoch") }
                partition.committedMetadata = try p.readNullableString("metadata")
                try p.readTaggedFields()
                return partition
            }
            try r.readTaggedFields()
            return Topic(name: name, partitions: partitions)
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeString(transactionalId)
        writer.writeString(groupId)
        writer.writeInt64(producerId)
        writer.writeInt16(producerEpoch)
        if version >= 3 {
            writer.writeInt32(generationId)
            writer.writeString(memberId)
            writer.writeNullableString(groupInstanceId)
        }
        writer.writeArray(topics) { w, topic in
            w.writeString(topic.name)
            w.writeArray(topic.partitions) { p, partition in
                p.writeInt32(partition.partitionIndex)
                p.writeInt64(partition.committedOffset)
                if version >= 2 { p.writeInt32(partition.committedLeaderEpoch) }
                p.writeNullableString(partition.committedMetadata)
                p.writeTaggedFields()
            }
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}

public struct TxnOffsetCommitResponse: KafkaMessage {
    public typealias Partition = TopicPartitionErrors.Partition
    public typealias Topic = TopicPartitionErrors

    public var throttleTimeMs: Int32
    public var topics: [Topic]

    public init(throttleTimeMs: Int32 = 0, topics: [Topic]) {
        self.throttleTimeMs = throttleTimeMs
        self.topics = topics
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        throttleTimeMs = try reader.readInt32("throttle time")
        topics = try TopicPartitionErrors.readArray(&reader)
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        TopicPartitionErrors.writeArray(topics, to: &writer)
        writer.writeTaggedFields()
    }
}
