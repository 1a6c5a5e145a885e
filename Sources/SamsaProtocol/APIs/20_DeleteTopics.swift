// DeleteTopics (key 20), versions 1-6.
// v1: throttle time. v2-v3: same. v4: flexible. v5: error message per topic. v6: topics by name or id.

public struct DeleteTopicsRequest: KafkaRequest {
    public typealias Response = DeleteTopicsResponse
    public static let apiKey = APIKey.deleteTopics
    public static let versions: ClosedRange<Int16> = 1...6
    public static let firstFlexibleVersion: Int16? = 4

    public struct Topic: Sendable, Equatable {
        public var name: String?
        public var topicId: KafkaUUID
        public init(name: String?, topicId: KafkaUUID = .zero) {
            self.name = name
            self.topicId = topicId
        }
    }

    /// Topics to delete; before v6 only names travel.
    public var topics: [Topic]
    public var timeoutMs: Int32

    public init(topics: [Topic], timeoutMs: Int32 = 30000) {
        self.topics = topics
        self.timeoutMs = timeoutMs
    }

    public init(names: [String], timeoutMs: Int32 = 30000) {
        self.init(topics: names.map { Topic(name: $0) }, timeoutMs: timeoutMs)
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        if version >= 6 {
            topics = try reader.readArray("topics") { r in
                let topic = Topic(name: try r.readNullableString("topic"), topicId: try r.readUUID())
                try r.readTaggedFields()
                return topic
            }
        } else {
            topics = try reader.readArray("topic names") { Topic(name: try $0.readString("topic")) }
        }
        timeoutMs = try reader.readInt32("timeout")
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        if version >= 6 {
            writer.writeArray(topics) { w, topic in
                w.writeNullableString(topic.name)
                w.writeUUID(topic.topicId)
                w.writeTaggedFields()
            }
        } else {
            writer.writeArray(topics) { $0.writeString($1.name ?? "") }
        }
        writer.writeInt32(timeoutMs)
        writer.writeTaggedFields()
    }
}

public struct DeleteTopicsResponse: KafkaMessage {
    public struct Result: Sendable, Equatable {
        public var name: String?
        public var topicId: KafkaUUID
        public var errorCode: ErrorCode
        public var errorMessage: String?
        public init(name: String?, topicId: KafkaUUID = .zero, errorCode: ErrorCode = .none, errorMessage: String? = nil) {
            self.name = name
            self.topicId = topicId
            self.errorCode = errorCode
            self.errorMessage = errorMessage
        }
    }

    public var throttleTimeMs: Int32
    public var responses: [Result]

    public init(throttleTimeMs: Int32 = 0, responses: [Result]) {
        self.throttleTimeMs = throttleTimeMs
        self.responses = responses
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        throttleTimeMs = try reader.readInt32("throttle time")
        responses = try reader.readArray("responses") { r in
            var result = Result(name: version >= 6 ? try r.readNullableString("topic") : try r.readString("topic"))
            if version >= 6 { result.topicId = try r.readUUID() }
            result.errorCode = ErrorCode(try r.readInt16())
            if version >= 5 { result.errorMessage = try r.readNullableString("error message") }
            try r.readTaggedFields()
            return result
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        writer.writeArray(responses) { w, result in
            if version >= 6 { w.writeNullableString(result.name) } else { w.writeString(result.name ?? "") }
            if version >= 6 { w.writeUUID(result.topicId) }
            w.writeInt16(result.errorCode.rawValue)
            if version >= 5 { w.writeNullableString(result.errorMessage) }
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}
