// OffsetForLeaderEpoch (key 23), versions 0-4.
// v1: the response returns the leader epoch of the end offset. v2: current leader epoch per partition
// (fencing); throttle time in the response. v3: replica id (-2 for a debugging consumer, -1 for a
// consumer, a broker id for a follower). v4: flexible.

public struct OffsetForLeaderEpochRequest: KafkaRequest {
    public typealias Response = OffsetForLeaderEpochResponse
    public static let apiKey = APIKey.offsetForLeaderEpoch
    public static let versions: ClosedRange<Int16> = 0...4
    public static let firstFlexibleVersion: Int16? = 4

    /// What v0-v2 requests imply: a "debug" consumer allowed to see offsets beyond the high watermark.
    public static let debuggingReplicaId: Int32 = -2

    public struct Partition: Sendable, Equatable {
        public var partition: Int32
        /// v2+.
        public var currentLeaderEpoch: Int32
        /// The epoch whose end offset is asked for.
        public var leaderEpoch: Int32
        public init(partition: Int32, currentLeaderEpoch: Int32 = -1, leaderEpoch: Int32) {
            self.partition = partition
            self.currentLeaderEpoch = currentLeaderEpoch
            self.leaderEpoch = leaderEpoch
        }
    }

    public struct Topic: Sendable, Equatable {
        public var topic: String
        public var partitions: [Partition]
        public init(topic: String, partitions: [Partition]) {
            self.topic = topic
            self.partitions = partitions
        }
    }

    /// v3+.
    public var replicaId: Int32
    public var topics: [Topic]

    public init(replicaId: Int32 = -2, topics: [Topic]) {
        self.replicaId = replicaId
        self.topics = topics
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(topics: [])
        if version >= 3 { replicaId = try reader.readInt32("replica id") }
        topics = try reader.readArray("topics") { r in
            let topic = try r.readString("topic")
            let partitions = try r.readArray("partitions") { p in
                var partition = Partition(partition: try p.readInt32("partition"), leaderEpoch: -1)
                if version >= 2 { partition.currentLeaderEpoch = try p.readInt32("current leader epoch") }
                partition.leaderEpoch = try p.readInt32("leader epoch")
                try p.readTaggedFields()
                return partition
            }
            try r.readTaggedFields()
            return Topic(topic: topic, partitions: partitions)
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        if version >= 3 { writer.writeInt32(replicaId) }
        writer.writeArray(topics) { w, topic in
            w.writeString(topic.topic)
            w.writeArray(topic.partitions) { p, partition in
                p.writeInt32(partition.partition)
                if version >= 2 { p.writeInt32(partition.currentLeaderEpoch) }
                p.writeInt32(partition.leaderEpoch)
                p.writeTaggedFields()
            }
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}

public struct OffsetForLeaderEpochResponse: KafkaMessage {
    public struct Partition: Sendable, Equatable {
        public var errorCode: ErrorCode
        public var partition: Int32
        /// v1+: the largest epoch not above the one asked for.
        public var leaderEpoch: Int32
        /// The end offset of that epoch, -1 if unknown.
        public var endOffset: Int64
        public init(errorCode: ErrorCode = .none, partition: Int32, leaderEpoch: Int32 = -1, endOffset: Int64 = -1) {
            self.errorCode = errorCode
            self.partition = partition
            self.leaderEpoch = leaderEpoch
            self.endOffset = endOffset
        }
    }

    public struct Topic: Sendable, Equatable {
        public var topic: String
        public var partitions: [Partition]
        public init(topic: String, partitions: [Partition]) {
            self.topic = topic
            self.partitions = partitions
        }
    }

    /// v2+.
    public var throttleTimeMs: Int32
    public var topics: [Topic]

    public init(throttleTimeMs: Int32 = 0, topics: [Topic]) {
        self.throttleTimeMs = throttleTimeMs
        self.topics = topics
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        throttleTimeMs = version >= 2 ? try reader.readInt32("throttle time") : 0
        topics = try reader.readArray("topics") { r in
            let topic = try r.readString("topic")
            let partitions = try r.readArray("partitions") { p in
                var partition = Partition(errorCode: ErrorCode(try p.readInt16("error code")), partition: try p.readInt32("partition"))
                if version >= 1 { partition.leaderEpoch = try p.readInt32("leader epoch") }
                partition.endOffset = try p.readInt64("end offset")
                try p.readTaggedFields()
                return partition
            }
            try r.readTaggedFields()
            return Topic(topic: topic, partitions: partitions)
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        if version >= 2 { writer.writeInt32(throttleTimeMs) }
        writer.writeArray(topics) { w, topic in
            w.writeString(topic.topic)
            w.writeArray(topic.partitions) { p, partition in
                p.writeInt16(partition.errorCode.rawValue)
                p.writeInt32(partition.partition)
                if version >= 1 { p.writeInt32(partition.leaderEpoch) }
                p.writeInt64(partition.endOffset)
                p.writeTaggedFields()
            }
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}
