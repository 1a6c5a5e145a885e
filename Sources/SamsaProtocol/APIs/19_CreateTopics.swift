// CreateTopics (key 19), versions 2-7.
// v1: validate-only and error messages. v2-v3: same (throttle time from v2). v4: -1 partitions and
// replication factor mean broker defaults. v5: flexible; the response returns the topic's partitions,
// replication factor and configs (and a tagged config error code). v6: same. v7: topic id in the response.

public struct CreateTopicsRequest: KafkaRequest {
    public typealias Response = CreateTopicsResponse
    public static let apiKey = APIKey.createTopics
    public static let versions: ClosedRange<Int16> = 2...7
    public static let firstFlexibleVersion: Int16? = 5

    public struct Assignment: Sendable, Equatable {
        public var partitionIndex: Int32
        public var brokerIds: [Int32]
        public init(partitionIndex: Int32, brokerIds: [Int32]) {
            self.partitionIndex = partitionIndex
            self.brokerIds = brokerIds
        }
    }

    public struct Config: Sendable, Equatable {
        public var name: String
        public var value: String?
        public init(name: String, value: String?) {
            self.name = name
            self.value = value
        }
    }

    public struct Topic: Sendable, Equatable {
        public var name: String
        public var numPartitions: Int32
        public var replicationFactor: Int16
        public var assignments: [Assignment]
        public var configs: [Config]
        public init(name: String, numPartitions: Int32 = -1, replicationFactor: Int16 = -1, assignments: [Assignment] = [],
                    configs: [Config] = []) {
            self.name = name
            self.numPartitions = numPartitions
            self.replicationFactor = replicationFactor
            self.assignments = assignments
            self.configs = configs
        }
    }

    public var topics: [Topic]
    public var timeoutMs: Int32
    public var validateOnly: Bool

    public init(topics: [Topic], timeoutMs: Int32 = 60000, validateOnly: Bool = false) {
        self.topics = topics
        self.timeoutMs = timeoutMs
        self.validateOnly = validateOnly
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        topics = try reader.readArray("topics") { r in
            var topic = Topic(name: try r.readString("topic"), numPartitions: try r.readInt32(), replicationFactor: try r.readInt16())
            topic.assignments = try r.readArray("assignments") { a in
                let assignment = Assignment(partitionIndex: try a.readInt32(), brokerIds: try a.readArray { try $0.readInt32() })
                try a.readTaggedFields()
                return assignment
            }
            topic.configs = try r.readArray("configs") { c in
                let config = Config(name: try c.readString("config name"), value: try c.readNullableString("config value"))
                try c.readTaggedFields()
                return config
            }
            try r.readTaggedFields()
            return topic
        }
        timeoutMs = try reader.readInt32("timeout")
        validateOnly = try reader.readBool("validate only")
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeArray(topics) { w, topic in
            w.writeString(topic.name)
            w.writeInt32(topic.numPartitions)
            w.writeInt16(topic.replicationFactor)
            w.writeArray(topic.assignments) { a, assignment in
                a.writeInt32(assignment.partitionIndex)
                a.writeArray(assignment.brokerIds) { $0.writeInt32($1) }
                a.writeTaggedFields()
            }
            w.writeArray(topic.configs) { c, config in
                c.writeString(config.name)
                c.writeNullableString(config.value)
                c.writeTaggedFields()
            }
            w.writeTaggedFields()
        }
        writer.writeInt32(timeoutMs)
        writer.writeBool(validateOnly)
        writer.writeTaggedFields()
    }
}

public struct CreateTopicsResponse: KafkaMessage {
    public struct Config: Sendable, Equatable {
        public var name: String
        public var value: String?
        public var readOnly: Bool
        public var configSource: Int8
        public var isSensitive: Bool
        public init(name: String, value: String?, readOnly: Bool = false, configSource: Int8 = -1, isSensitive: Bool = false) {
            self.name = name
            self.value = value
            self.readOnly = readOnly
            self.configSource = configSource
            self.isSensitive = isSensitive
        }
    }

    public struct Result: Sendable, Equatable {
        public var name: String
        public var topicId: KafkaUUID
        public var errorCode: ErrorCode
        public var errorMessage: String?
        public var topicConfigErrorCode: ErrorCode?
        public var numPartitions: Int32
        public var replicationFactor: Int16
        public var configs: [Config]?
        public init(name: String, topicId: KafkaUUID = .zero, errorCode: ErrorCode = .none, errorMessage: String? = nil,
                    topicConfigErrorCode: ErrorCode? = nil, numPartitions: Int32 = -1, replicationFactor: Int16 = -1,
                    configs: [Config]? = nil) {
            self.name = name
            self.topicId = topicId
            self.errorCode = errorCode
            self.errorMessage = errorMessage
            self.topicConfigErrorCode = topicConfigErrorCode
            self.numPartitions = numPartitions
            self.replicationFactor = replicationFactor
            self.configs = configs
        }
    }

    public var throttleTimeMs: Int32
    public var topics: [Result]

    public init(throttleTimeMs: Int32 = 0, topics: [Result]) {
        self.throttleTimeMs = throttleTimeMs
        self.topics = topics
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        throttleTimeMs = try reader.readInt32("throttle time")
        topics = try reader.readArray("topics") { r in
            var result = Result(name: try r.readString("topic"))
            if version >= 7 { result.topicId = try r.readUUID() }
            result.errorCode = ErrorCode(try r.readInt16())
            result.errorMessage = try r.readNullableString("error message")
            if version >= 5 {
                result.numPartitions = try r.readInt32()
                result.replicationFactor = try r.readInt16()
                result.configs = try r.readNullableArray("configs") { c in
                    let config = Config(name: try c.readString(), value: try c.readNullableString(), readOnly: try c.readBool(),
                                        configSource: try c.readInt8(), isSensitive: try c.readBool())
                    try c.readTaggedFields()
                    return config
                }
            }
            try r.readTaggedFields { tag, t in
                if tag == 0 { result.topicConfigErrorCode = ErrorCode(try t.readInt16()) }
            }
            return result
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        writer.writeArray(topics) { w, result in
            w.writeString(result.name)
            if version >= 7 { w.writeUUID(result.topicId) }
            w.writeInt16(result.errorCode.rawValue)
            w.writeNullableString(result.errorMessage)
            if version >= 5 {
                w.writeInt32(result.numPartitions)
                w.writeInt16(result.replicationFactor)
                w.writeNullableArray(result.configs) { c, config in
                    c.writeString(config.name)
                    c.writeNullableString(config.value)
                    c.writeBool(config.readOnly)
                    c.writeInt8(config.configSource)
                    c.writeBool(config.isSensitive)
                    c.writeTaggedFields()
                }
            }
            if let code = result.topicConfigErrorCode {
                w.writeTaggedFields([(tag: 0, write: { $0.writeInt16(code.rawValue) })])
            } else {
                w.writeTaggedFields()
            }
        }
        writer.writeTaggedFields()
    }
}
