/// A record to send again from the browser: bytes and headers as edited, to a topic (the same or another).
public struct ReproduceRequest: Sendable, Equatable {
    public var topic: String
    /// nil lets the producer choose (key hash when there is a key, else sticky), as Kafka's would.
    public var partition: Int32?
    public var key: [UInt8]?
    public var value: [UInt8]?
    public var headers: [BrowsedRecord.Header]

    public init(topic: String, partition: Int32? = nil, key: [UInt8]?, value: [UInt8]?, headers: [BrowsedRecord.Header] = []) {
        self.topic = topic
        self.partition = partition
        self.key = key
        self.value = value
        self.headers = headers
    }
}
