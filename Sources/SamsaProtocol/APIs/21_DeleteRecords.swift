// DeleteRecords (key 21), versions 0-2.
// v1: same as v0 (throttled responses are sent before throttling). v2: flexible.

public struct DeleteRecordsRequest: KafkaRequest {
    public typealias Response = DeleteRecordsResponse
    public static let apiKey = APIKey.deleteRecords
    public static let versions: ClosedRange<Int16> = 0...2
    public static let firstFlexibleVersion: Int16? = 2
    /// An offset of -1 deletes up to the high watermark (Kafka's DeleteRecordsRequest.HIGH_WATERMARK).
    public static let highWatermark: Int64 = -1

    public struct Partition: Sendable, Equatable {
        public var partitionIndex: Int32
        public var offset: Int64
        public init(partitionIndex: Int32, offset: Int64) {
            self.partitionIndex = partitionIndex
            self.offset = offset
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

    public var topics: [Topic]
    public var timeoutMs: Int32

    public init(topics: [Topic], timeoutMs: Int32 = 30_000) {
        self.topics = topics
        self.timeoutMs = timeoutMs
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        topics = try reader.readArray("topics") { r in
            let name = try r.readString("topic")
            let partitions = try r.readArray("partitions") { p in
                let partition = Partition(partitionIndex: try p.readInt32("partition"), offset: try p.readInt64("offset"))
                try p.readTaggedFields()
                return partition
            }
            try r.readTaggedFields()
            return Topic(name: name, partitions: partitions)
        }
        timeoutMs = try reader.readInt32("timeout")
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeArray(topics) { w, topic in
            w.writeString(topic.name)
            w.writeArray(topic.partitions) { p, partition in
                p.writeInt32(partition.partitionIndex)
                p.writeInt64(partition.offset)
                p.writeTaggedFields()
            }
            w.writeTaggedFields()
        }
        writer.writeInt32(timeoutMs)
        writer.writeTaggedFields()
    }
}

public struct DeleteRecordsResponse: KafkaMessage {
    public struct Partition: Sendable, Equatable {
        public var partitionIndex: Int32
        /// The partition's new log start offset (-1 with an error).
        public var lowWatermark: Int64
        public var errorCode: ErrorCode
        public init(partitionIndex: Int32, lowWatermark: Int64 = -1, errorCode: ErrorCode = .none) {
            self.partitionIndex = partitionIndex
            self.lowWatermark = lowWatermark
            self.errorCode = errorCode
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

    public var throttleTimeMs: Int32
    public var topics: [Topic]

    public init(throttleTimeMs: Int32 = 0, topics: [Topic]) {
        self.throttleTimeMs = throttleTimeMs
        self.topics = topics
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        throttleTimeMs = try reader.readInt32("throttle time")
        topics = try reader.readArray("topics") { r in
            let name = try r.readString("topic")
            let partitions = try r.readArray("partitions") { p in
                let partition = Partition(partitionIndex: try p.readInt32("partition"), lowWatermark: try p.readInt64("low watermark"),
                                          errorCode: ErrorCode(try p.readInt16("error code")))
                try p.readTaggedFields()
                return partition
            }
            try r.readTaggedFields()
            return Topic(name: name, partitions: partitions)
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        writer.writeArray(topics) { w, topic in
            w.writeString(topic.name)
            w.writeArray(topic.partitions) { p, partition in
                p.writeInt32(partition.partitionIndex)
                p.writeInt64(partition.lowWatermark)
                p.writeInt16(partition.errorCode.rawValue)
                p.writeTaggedFields()
            }
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}
