// CreatePartitions (key 37), versions 0-3.
// v1: same as v0 (throttled responses are sent before throttling). v2: flexible. v3: same as v2, may
// answer THROTTLING_QUOTA_EXCEEDED (KIP-599).

public struct CreatePartitionsRequest: KafkaRequest {
    public typealias Response = CreatePartitionsResponse
    public static let apiKey = APIKey.createPartitions
    public static let versions: ClosedRange<Int16> = 0...3
    public static let firstFlexibleVersion: Int16? = 2

    public struct Assignment: Sendable, Equatable {
        /// The replicas of one new partition, preferred leader first.
        public var brokerIds: [Int32]
        public init(brokerIds: [Int32]) {
            self.brokerIds = brokerIds
        }
    }

    public struct Topic: Sendable, Equatable {
        public var name: String
        /// The new total partition count.
        public var count: Int32
        /// One entry per new partition, or nil to let the controller place them.
        public var assignments: [Assignment]?
        public init(name: String, count: Int32, assignments: [Assignment]? = nil) {
            self.name = name
            self.count = count
            self.assignments = assignments
        }
    }

    public var topics: [Topic]
    public var timeoutMs: Int32
    public var validateOnly: Bool

    public init(topics: [Topic], timeoutMs: Int32 = 30000, validateOnly: Bool = false) {
        self.topics = topics
        self.timeoutMs = timeoutMs
        self.validateOnly = validateOnly
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        topics = try reader.readArray("topics") { r in
            var topic = Topic(name: try r.readString("topic"), count: try r.readInt32("count"))
            topic.assignments = try r.readNullableArray("assignments") { a in
                let assignment = Assignment(brokerIds: try a.readArray("broker ids") { try $0.readInt32() })
                try a.readTaggedFields()
                return assignment
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
            w.writeInt32(topic.count)
            w.writeNullableArray(topic.assignments) { a, assignment in
                a.writeArray(assignment.brokerIds) { $0.writeInt32($1) }
                a.writeTaggedFields()
            }
            w.writeTaggedFields()
        }
        writer.writeInt32(timeoutMs)
        writer.writeBool(validateOnly)
        writer.writeTaggedFields()
    }
}

public struct CreatePartitionsResponse: KafkaMessage {
    public struct Result: Sendable, Equatable {
        public var name: String
        public var errorCode: ErrorCode
        public var errorMessage: String?
        public init(name: String, errorCode: ErrorCode = .none, errorMessage: String? = nil) {
            self.name = name
            self.errorCode = errorCode
            self.errorMessage = errorMessage
        }
    }

    public var throttleTimeMs: Int32
    public var results: [Result]

    public init(throttleTimeMs: Int32 = 0, results: [Result]) {
        self.throttleTimeMs = throttleTimeMs
        self.results = results
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        throttleTimeMs = try reader.readInt32("throttle time")
        results = try reader.readArray("results") { r in
            let result = Result(name: try r.readString("topic"), errorCode: ErrorCode(try r.readInt16("error code")),
                                errorMessage: try r.readNullableString("error message"))
            try r.readTaggedFields()
            return result
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        writer.writeArray(results) { w, result in
            w.writeString(result.name)
            w.writeInt16(result.errorCode.rawValue)
            w.writeNullableString(result.errorMessage)
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}
