// DescribeLogDirs (key 35), versions 0-4.
// v1: same as v0 (throttled responses are sent before throttling). v2: flexible. v3: a top-level error code.
// v4: each directory's volume total and usable bytes (KIP-827).

public struct DescribeLogDirsRequest: KafkaRequest {
    public typealias Response = DescribeLogDirsResponse
    public static let apiKey = APIKey.describeLogDirs
    public static let versions: ClosedRange<Int16> = 0...4
    public static let firstFlexibleVersion: Int16? = 2

    public struct Topic: Sendable, Equatable {
        public var topic: String
        public var partitions: [Int32]
        public init(topic: String, partitions: [Int32]) {
            self.topic = topic
            self.partitions = partitions
        }
    }

    /// nil: every partition the broker hosts.
    public var topics: [Topic]?

    public init(topics: [Topic]? = nil) {
        self.topics = topics
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        topics = try reader.readNullableArray("topics") { r in
            let topic = Topic(topic: try r.readString("topic"), partitions: try r.readArray("partitions") { try $0.readInt32("partition") })
            try r.readTaggedFields()
            return topic
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeNullableArray(topics) { w, topic in
            w.writeString(topic.topic)
            w.writeArray(topic.partitions) { $0.writeInt32($1) }
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}

public struct DescribeLogDirsResponse: KafkaMessage {
    public struct Partition: Sendable, Equatable {
        public var partitionIndex: Int32
        public var partitionSize: Int64
        public var offsetLag: Int64
        public var isFutureKey: Bool
        public init(partitionIndex: Int32, partitionSize: Int64, offsetLag: Int64 = 0, isFutureKey: Bool = false) {
            self.partitionIndex = partitionIndex
            self.partitionSize = partitionSize
            self.offsetLag = offsetLag
            self.isFutureKey = isFutureKey
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

    public struct Result: Sendable, Equatable {
        public var errorCode: ErrorCode
        public var logDir: String
        public var topics: [Topic]
        /// v4+; -1 when unknown.
        public var totalBytes: Int64
        public var usableBytes: Int64
        public init(errorCode: ErrorCode = .none, logDir: String, topics: [Topic], totalBytes: Int64 = -1, usableBytes: Int64 = -1) {
            self.errorCode = errorCode
            self.logDir = logDir
            self.topics = topics
            self.totalBytes = totalBytes
            self.usableBytes = usableBytes
        }
    }

    public var throttleTimeMs: Int32
    /// v3+.
    public var errorCode: ErrorCode
    public var results: [Result]

    public init(throttleTimeMs: Int32 = 0, errorCode: ErrorCode = .none, results: [Result]) {
        self.throttleTimeMs = throttleTimeMs
        self.errorCode = errorCode
        self.results = results
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        throttleTimeMs = try reader.readInt32("throttle time")
        errorCode = version >= 3 ? ErrorCode(try reader.readInt16("error code")) : .none
        results = try reader.readArray("results") { r in
            let error = ErrorCode(try r.readInt16("error code"))
            let dir = try r.readString("log dir")
            let topics = try r.readArray("topics") { t in
                let name = try t.readString("topic")
                let partitions = try t.readArray("partitions") { p in
                    let partition = Partition(partitionIndex: try p.readInt32("partition"), partitionSize: try p.readInt64("size"),
                                              offsetLag: try p.readInt64("offset lag"), isFutureKey: try p.readBool("is future"))
                    try p.readTaggedFields()
                    return partition
                }
                try t.readTaggedFields()
                return Topic(name: name, partitions: partitions)
            }
            var result = Result(errorCode: error, logDir: dir, topics: topics)
            if version >= 4 {
                result.totalBytes = try r.readInt64("total bytes")
                result.usableBytes = try r.readInt64("usable bytes")
            }
            try r.readTaggedFields()
            return result
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        if version >= 3 { writer.writeInt16(errorCode.rawValue) }
        writer.writeArray(results) { w, result in
            w.writeInt16(result.errorCode.rawValue)
            w.writeString(result.logDir)
            w.writeArray(result.topics) { t, topic in
                t.writeString(topic.name)
                t.writeArray(topic.partitions) { p, partition in
                    p.writeInt32(partition.partitionIndex)
                    p.writeInt64(partition.partitionSize)
                    p.writeInt64(partition.offsetLag)
                    p.writeBool(partition.isFutureKey)
                    p.writeTaggedFields()
                }
                t.writeTaggedFields()
            }
            if version >= 4 {
                w.writeInt64(result.totalBytes)
                w.writeInt64(result.usableBytes)
            }
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}
