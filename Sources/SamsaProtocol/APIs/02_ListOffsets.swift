// ListOffsets (key 2), versions 1-8.
// v1: one timestamp per partition, offset + timestamp answered. v2: isolation level. v3: same as v2.
// v4: current leader epoch in, leader epoch out. v5: same as v4. v6: flexible. v7: MAX_TIMESTAMP (-3).
// v8: EARLIEST_LOCAL (-4, KIP-405).

public struct ListOffsetsRequest: KafkaRequest {
    public typealias Response = ListOffsetsResponse
    public static let apiKey = APIKey.listOffsets
    public static let versions: ClosedRange<Int16> = 1...8
    public static let firstFlexibleVersion: Int16? = 6

    public struct Partition: Sendable, Equatable {
        public var partitionIndex: Int32
        public var currentLeaderEpoch: Int32
        public var timestamp: Int64
        public init(partitionIndex: Int32, currentLeaderEpoch: Int32 = -1, timestamp: Int64) {
            self.partitionIndex = partitionIndex
            self.currentLeaderEpoch = currentLeaderEpoch
            self.timestamp = timestamp
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

    public var replicaId: Int32
    public var isolationLevel: Int8
    public var topics: [Topic]

    public init(replicaId: Int32 = -1, isolationLevel: Int8 = 0, topics: [Topic]) {
        self.replicaId = replicaId
        self.isolationLevel = isolationLevel
        self.topics = topics
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        replicaId = try reader.readInt32("replica id")
        isolationLevel = version >= 2 ? try reader.readInt8("isolation level") : 0
        topics = try reader.readArray("topics") { r in
            let name = try r.readString("topic")
            let partitions = try r.readArray("partitions") { p in
                let index = try p.readInt32()
                let epoch = version >= 4 ? try p.readInt32() : -1
                let partition = Partition(partitionIndex: index, currentLeaderEpoch: epoch, timestamp: try p.readInt64())
                try p.readTaggedFields()
                return partition
            }
            try r.readTaggedFields()
            return Topic(name: name, partitions: partitions)
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(replicaId)
        if version >= 2 { writer.writeInt8(isolationLevel) }
        writer.writeArray(topics) { w, topic in
            w.writeString(topic.name)
            w.writeArray(topic.partitions) { p, partition in
                p.writeInt32(partition.partitionIndex)
                if version >= 4 { p.writeInt32(partition.currentLeaderEpoch) }
                p.writeInt64(partition.timestamp)
                p.writeTaggedFields()
            }
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}

public struct ListOffsetsResponse: KafkaMessage {
    public struct Partition: Sendable, Equatable {
        public var partitionIndex: Int32
        public var errorCode: ErrorCode
        public var timestamp: Int64
        public var offset: Int64
        public var leaderEpoch: Int32
        public init(partitionIndex: Int32, errorCode: ErrorCode = .none, timestamp: Int64 = -1, offset: Int64 = -1,
                    leaderEpoch: Int32 = -1) {
            self.partitionIndex = partitionIndex
            self.errorCode = errorCode
            self.timestamp = timestamp
            self.offset = offset
            self.leaderEpoch = leaderEpoch
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
        throttleTimeMs = version >= 2 ? try reader.readInt32() : 0
        topics = try reader.readArray("topics") { r in
            let name = try r.readString("topic")
            let partitions = try r.readArray("partitions") { p in
                var partition = Partition(partitionIndex: try p.readInt32(), errorCode: ErrorCode(try p.readInt16()),
                                          timestamp: try p.readInt64(), offset: try p.readInt64())
                if version >= 4 { partition.leaderEpoch = try p.readInt32() }
                try p.readTaggedFields()
                return partition
            }
            try r.readTaggedFields()
            return Topic(name: name, partitions: partitions)
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        if version >= 2 { writer.writeInt32(throttleTimeMs) }
        writer.writeArray(topics) { w, topic in
            w.writeString(topic.name)
            w.writeArray(topic.partitions) { p, partition in
                p.writeInt32(partition.partitionIndex)
                p.writeInt16(partition.errorCode.rawValue)
                p.writeInt64(partition.timestamp)
                p.writeInt64(partition.offset)
                if version >= 4 { p.writeInt32(partition.leaderEpoch) }
                p.writeTaggedFields()
            }
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}
