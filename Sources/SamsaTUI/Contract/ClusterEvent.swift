import Foundation

/// Something that happened in the cluster, narrated in one sentence.
public struct ClusterEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case leaderElected, isrShrunk, isrExpanded, brokerDown, brokerUp, highWatermarkMoved, followerTruncated
        case topicCreated, topicDeleted, partitionsAdded, groupRebalanced, offsetsReset, consumerStarted
        case consumerStopped, other
    }

    public let time: Date
    public let kind: Kind
    public let text: String

    public init(time: Date, kind: Kind, text: String) {
        self.time = time
        self.kind = kind
        self.text = text
    }
}

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

    public init(topic: String, partition: Int32, offset: Int64, timestamp: Date, key: String?, value: String,
                consumer: String, group: String?) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.timestamp = timestamp
        self.key = key
        self.value = value
        self.consumer = consumer
        self.group = group
    }
}

/// A consumer started from the workbench (so it can be stopped, and quitting can warn about it).
public struct WorkbenchConsumer: Sendable, Equatable {
    public let memberId: String
    public let group: String
    public let topic: String
    public let recordsRead: Int64

    public init(memberId: String, group: String, topic: String, recordsRead: Int64 = 0) {
        self.memberId = memberId
        self.group = group
        self.topic = topic
        self.recordsRead = recordsRead
    }
}
