import Foundation

/// Something that happened in the cluster, narrated in one sentence.
public struct ClusterEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case leaderElected, isrShrunk, isrExpanded, brokerDown, brokerUp, highWatermarkMoved, followerTruncated
        case topicCreated, topicDeleted, partitionsAdded, configChanged, groupRebalanced, offsetsReset, consumerStarted
        case consumerStopped, transactionBegan, transactionCommitted, transactionAborted, producerFenced
        case streamsStarted, streamsStopped, streamsRebalanced, streamsRestoring
        case connectorCreated, connectorChanged, connectorFailed, connectorDeleted, other
    }

    public let time: Date
    public let kind: Kind
    public let text: String
    /// For a leader or in-sync set change: what changed where, so the event log can fold one cause into one line.
    public let partitionChange: PartitionChange?

    public init(time: Date, kind: Kind, text: String, partitionChange: PartitionChange? = nil) {
        self.time = time
        self.kind = kind
        self.text = text
        self.partitionChange = partitionChange
    }
}

/// Partitions of one topic whose leader or in-sync set changed the same way.
public struct PartitionChange: Sendable, Equatable {
    public enum What: Sendable, Hashable {
        /// A new leader; nil: the partitions went offline.
        case leader(Int32?)
        /// The in-sync set shrank to, or grew (back) to, this many replicas.
        case inSyncShrank(to: Int)
        case inSyncGrew(to: Int)
    }

    public let what: What
    public let topic: String
    public let isInternal: Bool
    /// The partitions' numbers when known; an internal topic's summary gives only `count`.
    public let partitions: [Int32]
    public let count: Int

    public init(_ what: What, topic: String, isInternal: Bool, partitions: [Int32], count: Int? = nil) {
        self.what = what
        self.topic = topic
        self.isInternal = isInternal
        self.partitions = partitions
        self.count = count ?? partitions.count
    }
}
