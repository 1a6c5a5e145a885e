import Foundation

/// One record as the record browser holds it: bytes as stored, nothing decoded until drawn.
public struct BrowsedRecord: Sendable, Equatable {
    public struct Header: Sendable, Equatable {
        public var key: String
        public var value: [UInt8]?
        public init(key: String, value: [UInt8]?) {
            self.key = key
            self.value = value
        }
    }

    public var topic: String
    public var partition: Int32
    public var offset: Int64
    /// Milliseconds since the epoch.
    public var timestamp: Int64
    /// LogAppendTime rather than the producer's CreateTime.
    public var isLogAppendTime: Bool
    public var key: [UInt8]?
    public var value: [UInt8]?
    public var headers: [Header]
    /// The record's encoded size within its batch (varint-framed, as Kafka counts it).
    public var sizeInBytes: Int
    /// Written in a transaction; `isAborted` when that transaction was aborted.
    public var isTransactional: Bool
    public var isAborted: Bool
    public var producerId: Int64

    public init(topic: String, partition: Int32, offset: Int64, timestamp: Int64, isLogAppendTime: Bool = false,
                key: [UInt8]?, value: [UInt8]?, headers: [Header] = [], sizeInBytes: Int,
                isTransactional: Bool = false, isAborted: Bool = false, producerId: Int64 = -1) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.timestamp = timestamp
        self.isLogAppendTime = isLogAppendTime
        self.key = key
        self.value = value
        self.headers = headers
        self.sizeInBytes = sizeInBytes
        self.isTransactional = isTransactional
        self.isAborted = isAborted
        self.producerId = producerId
    }
}
