// ElectLeaders (key 43), versions 0-2.
// v0: preferred leader election only. v1: election type (0 preferred, 1 unclean, KIP-460) and a
// top-level error code in the response. v2: flexible.

public struct ElectLeadersRequest: KafkaRequest {
    public typealias Response = ElectLeadersResponse
    public static let apiKey = APIKey.electLeaders
    public static let versions: ClosedRange<Int16> = 0...2
    public static let firstFlexibleVersion: Int16? = 2

    /// Election types (v1+).
    public static let preferredElection: Int8 = 0
    public static let uncleanElection: Int8 = 1

    public struct TopicPartitions: Sendable, Equatable {
        public var topic: String
        public var partitions: [Int32]
        public init(topic: String, partitions: [Int32]) {
            self.topic = topic
            self.partitions = partitions
        }
    }

    /// v1+; v0 elections are always preferred.
    public var electionType: Int8
    /// Nil elects every partition.
    public var topicPartitions: [TopicPartitions]?
    public var timeoutMs: Int32

    public init(electionType: Int8 = 0, topicPartitions: [TopicPartitions]?, timeoutMs: Int32 = 60000) {
        self.electionType = electionType
        self.topicPartitions = topicPartitions
        self.timeoutMs = timeoutMs
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(topicPartitions: nil)
        if version >= 1 { electionType = try reader.readInt8("election type") }
        topicPartitions = try reader.readNullableArray("topic partitions") { r in
            let entry = TopicPartitions(topic: try r.readString("topic"), partitions: try r.readArray("partitions") { try $0.readInt32() })
            try r.readTaggedFields()
            return entry
        }
        timeoutMs = try reader.readInt32("timeout")
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        if version >= 1 { writer.writeInt8(electionType) }
        writer.writeNullableArray(topicPartitions) { w, entry in
            w.writeString(entry.topic)
            w.writeArray(entry.partitions) { $0.writeInt32($1) }
            w.writeTaggedFields()
        }
        writer.writeInt32(timeoutMs)
        writer.writeTaggedFields()
    }
}

public struct ElectLeadersResponse: KafkaMessage {
    public struct PartitionResult: Sendable, Equatable {
        public var partitionId: Int32
        public var errorCode: ErrorCode
        public var errorMessage: String?
        public init(partitionId: Int32, errorCode: ErrorCode = .none, errorMessage: String? = nil) {
            self.partitionId = partitionId
            self.errorCode = errorCode
            self.errorMessage = errorMessage
        }
    }

    public struct Result: Sendable, Equatable {
        public var topic: String
        public var partitionResult: [PartitionResult]
        public init(topic: String, partitionResult: [PartitionResult]) {
            self.topic = topic
            self.partitionResult = partitionResult
        }
    }

    public var throttleTimeMs: Int32
    /// v1+.
    public var errorCode: ErrorCode
    public var replicaElectionResults: [Result]

    public init(throttleTimeMs: Int32 = 0, errorCode: ErrorCode = .none, replicaElectionResults: [Result]) {
        self.throttleTimeMs = throttleTimeMs
        self.errorCode = errorCode
        self.replicaElectionResults = replicaElectionResults
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(replicaElectionResults: [])
        throttleTimeMs = try reader.readInt32("throttle time")
        if version >= 1 { errorCode = ErrorCode(try reader.readInt16("error code")) }
        replicaElectionResults = try reader.readArray("replica election results") { r in
            let topic = try r.readString("topic")
            let partitions = try r.readArray("partition results") { p in
                let result = PartitionResult(partitionId: try p.readInt32("partition"), errorCode: ErrorCode(try p.readInt16("error code")),
                                             errorMessage: try p.readNullableString("error message"))
                try p.readTaggedFields()
                return result
            }
            try r.readTaggedFields()
            return Result(topic: topic, partitionResult: partitions)
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        if version >= 1 { writer.writeInt16(errorCode.rawValue) }
        writer.writeArray(replicaElectionResults) { w, result in
            w.writeString(result.topic)
            w.writeArray(result.partitionResult) { p, partition in
                p.writeInt32(partition.partitionId)
                p.writeInt16(partition.errorCode.rawValue)
                p.writeNullableString(partition.errorMessage)
                p.writeTaggedFields()
            }
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}
