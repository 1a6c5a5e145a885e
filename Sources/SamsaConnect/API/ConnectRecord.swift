/// A header on a Connect record: a key and a schema'd value (Kafka's `Header`).
public struct ConnectHeader: Sendable, Hashable {
    public var key: String
    public var schema: ConnectSchema?
    public var value: ConnectValue

    public init(key: String, schema: ConnectSchema?, value: ConnectValue) {
        self.key = key
        self.schema = schema
        self.value = value
    }
}

/// A source partition or offset (Kafka's `Map<String, ?>`), e.g. `["filename": .string("test.txt")]`.
public typealias SourceMap = [String: ConnectValue]

/// A record moving through Connect: Kafka's `ConnectRecord` with the `SourceRecord` fields (source partition
/// and offset) or the `SinkRecord` fields (Kafka offset, timestamp type, original coordinates) filled in.
/// Transforms take and return this one type, as Kafka's `Transformation<R extends ConnectRecord<R>>`.
public struct ConnectRecord: Sendable, Hashable {
    public var topic: String
    public var kafkaPartition: Int32?
    public var keySchema: ConnectSchema?
    public var key: ConnectValue
    public var valueSchema: ConnectSchema?
    public var value: ConnectValue
    /// Epoch milliseconds; nil lets the producer stamp it.
    public var timestamp: Int64?
    public var headers: [ConnectHeader]

    /// Source records: where this record came from in the external system, and how far that is.
    public var sourcePartition: SourceMap?
    public var sourceOffset: SourceMap?

    /// Sink records: where the record was in Kafka, before any transform renamed its topic.
    public var kafkaOffset: Int64?
    public var timestampType: TimestampKind
    public var originalTopic: String?
    public var originalKafkaPartition: Int32?
    public var originalKafkaOffset: Int64?

    public enum TimestampKind: String, Sendable, Hashable {
        case noTimestampType = "NoTimestampType", createTime = "CreateTime", logAppendTime = "LogAppendTime"
    }

    /// A source record, as `new SourceRecord(sourcePartition, sourceOffset, topic, partition, keySchema, key, valueSchema, value, timestamp, headers)`.
    public init(sourcePartition: SourceMap?, sourceOffset: SourceMap?, topic: String, kafkaPartition: Int32? = nil,
                keySchema: ConnectSchema? = nil, key: ConnectValue = .null, valueSchema: ConnectSchema?, value: ConnectValue,
                timestamp: Int64? = nil, headers: [ConnectHeader] = []) {
        self.topic = topic
        self.kafkaPartition = kafkaPartition
        self.keySchema = keySchema
        self.key = key
        self.valueSchema = valueSchema
        self.value = value
        self.timestamp = timestamp
        self.headers = headers
        self.sourcePartition = sourcePartition
        self.sourceOffset = sourceOffset
        self.timestampType = .noTimestampType
    }

    /// A sink record, as `new SinkRecord(topic, partition, keySchema, key, valueSchema, value, kafkaOffset, timestamp, timestampType, headers)`.
    public init(topic: String, kafkaPartition: Int32, keySchema: ConnectSchema?, key: ConnectValue,
                valueSchema: ConnectSchema?, value: ConnectValue, kafkaOffset: Int64, timestamp: Int64?,
                timestampType: TimestampKind, headers: [ConnectHeader] = []) {
        self.topic = topic
        self.kafkaPartition = kafkaPartition
        self.keySchema = keySchema
        self.key = key
        self.valueSchema = valueSchema
        self.value = value
        self.timestamp = timestamp
        self.headers = headers
        self.kafkaOffset = kafkaOffset
        self.timestampType = timestampType
        self.originalTopic = topic
        self.originalKafkaPartition = kafkaPartition
        self.originalKafkaOffset = kafkaOffset
    }

    /// Kafka's `newRecord(...)`: the same record with new coordinates, key, value or timestamp; source and
    /// sink metadata (including the original topic/partition/offset) carry over.
    public func newRecord(topic: String? = nil, kafkaPartition: Int32?? = .none, keySchema: ConnectSchema?? = .none,
                          key: ConnectValue? = nil, valueSchema: ConnectSchema?? = .none, value: ConnectValue? = nil,
                          timestamp: Int64?? = .none, headers: [ConnectHeader]? = nil) -> ConnectRecord {
        var r = self
        if let topic { r.topic = topic }
        if case .some(let p) = kafkaPartition { r.kafkaPartition = p }
        if case .some(let s) = keySchema { r.keySchema = s }
        if let key { r.key = key }
        if case .some(let s) = valueSchema { r.valueSchema = s }
        if let value { r.value = value }
        if case .some(let t) = timestamp { r.timestamp = t }
        if let headers { r.headers = headers }
        return r
    }
}
