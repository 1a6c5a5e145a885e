import Foundation
import SamsaClient

/// A record read by a consumer the workbench started.
public struct TailRecord: Sendable, Equatable {
    public let topic: String
    public let partition: Int32
    public let offset: Int64
    public let timestamp: Date
    /// Keys and values as text; the source decodes bytes as UTF-8, replacing what does not decode.
    public let key: String?
    public let value: String
    /// The member (or client id) that read it, and its group if it has one.
    public let consumer: String
    public let group: String?
    /// The isolation level of the consumer that read it.
    public let isolation: IsolationLevel
    /// Written in a transaction known to have been aborted (only a read_uncommitted consumer can read one).
    public let aborted: Bool

    public init(topic: String, partition: Int32, offset: Int64, timestamp: Date, key: String?, value: String,
                consumer: String, group: String?, isolation: IsolationLevel = .readUncommitted, aborted: Bool = false) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.timestamp = timestamp
        self.key = key
        self.value = value
        self.consumer = consumer
        self.group = group
        self.isolation = isolation
        self.aborted = aborted
    }

    /// The same record, marked aborted or not.
    public func marked(aborted: Bool) -> TailRecord {
        TailRecord(topic: topic, partition: partition, offset: offset, timestamp: timestamp, key: key, value: value,
                   consumer: consumer, group: group, isolation: isolation, aborted: aborted)
    }
}
