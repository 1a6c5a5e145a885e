// OffsetDelete (key 47), version 0 only (not flexible).

public struct OffsetDeleteRequest: KafkaRequest {
    public typealias Response = OffsetDeleteResponse
    public static let apiKey = APIKey.offsetDelete
    public static let versions: ClosedRange<Int16> = 0...0
    public static let firstFlexibleVersion: Int16? = nil

    public struct Topic: Sendable, Equatable {
        public var name: String
        public var partitions: [Int32]
        public init(name: String, partitions: [Int32]) {
            self.name = name
            self.partitions = partitions
        }
    }

    public var groupId: String
    public var topics: [Topic]

    public init(groupId: String, topics: [Topic]) {
        self.groupId = groupId
        self.topics = topics
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        groupId = try reader.readString("group id")
        topics = try reader.readArray("topics") { r in
            Topic(name: try r.readString("topic"), partitions: try r.readArray("partitions") { try $0.readInt32("partition") })
        }
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeString(groupId)
        writer.writeArray(topics) { w, topic in
            w.writeString(topic.name)
            w.writeArray(topic.partitions) { $0.writeInt32($1) }
        }
    }
}

public struct OffsetDeleteResponse: KafkaMessage {
    public struct Partition: Sendable, Equatable {
        public var partitionIndex: Int32
        public var errorCode: ErrorCode
        public init(partitionIndex: Int32, errorCode: ErrorCode = .none) {
            self.partitionIndex = partitionIndex
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

    public var errorCode: ErrorCode
    public var throttleTimeMs: Int32
    public var topics: [Topic]

    public init(errorCode: ErrorCode = .none, throttleTimeMs: Int32 = 0, topics: [Topic] = []) {
        self.errorCode = errorCode
        self.throttleTimeMs = throttleTimeMs
        self.topics = topics
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        errorCode = ErrorCode(try reader.readInt16("error code"))
        throttleTimeMs = try reader.readInt32("throttle time")
        topics = try reader.readArray("topics") { r in
            Topic(name: try r.readString("topic"), partitions: try r.readArray("partitions") { p in
                Partition(partitionIndex: try p.readInt32("partition"), errorCode: ErrorCode(try p.readInt16("error code")))
            })
        }
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt16(errorCode.rawValue)
        writer.writeInt32(throttleTimeMs)
        writer.writeArray(topics) { w, topic in
            w.writeString(topic.name)
            w.writeArray(topic.partitions) { p, partition in
                p.writeInt32(partition.partitionIndex)
                p.writeInt16(partition.errorCode.rawValue)
            }
        }
    }
}
