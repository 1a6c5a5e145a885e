import SamsaProtocol

/// A record inside a task's processor graph. Keys and values are typed by the DSL at the edges and erased
/// here (`Any`), so one graph holds nodes of many types; the graph never leaves the task that built it.
public struct AnyRecord {
    public var key: Any?
    public var value: Any?
    /// Event time (ms since the epoch): the input record's timestamp or what the timestamp extractor gave.
    public var timestamp: Int64
    public var headers: [RecordHeader]

    public init(key: Any?, value: Any?, timestamp: Int64, headers: [RecordHeader] = []) {
        self.key = key
        self.value = value
        self.timestamp = timestamp
        self.headers = headers
    }
}

/// What a table forwards downstream: the new value and, when a downstream node asked for it, the old one
/// (Kafka's `Change<V>`). A nil `new` is a delete (tombstone).
public struct Change {
    public var new: Any?
    public var old: Any?

    public init(new: Any?, old: Any?) {
        self.new = new
        self.old = old
    }
}

/// Where the record being processed came from, for offsets, errors and `ProcessorContext.recordMetadata`.
public struct RecordOrigin: Sendable, Equatable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64

    public init(topic: String, partition: Int32, offset: Int64) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }
}
