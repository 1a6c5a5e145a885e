import Foundation

/// Something that happened in the cluster, narrated in one sentence.
public struct ClusterEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case leaderElected, isrShrunk, isrExpanded, brokerDown, brokerUp, highWatermarkMoved, followerTruncated
        case topicCreated, topicDeleted, partitionsAdded, groupRebalanced, offsetsReset, consumerStarted
        case consumerStopped, transactionBegan, transactionCommitted, transactionAborted, producerFenced
        case streamsStarted, streamsStopped, streamsRebalanced, streamsRestoring
        case connectorCreated, connectorChanged, connectorFailed, connectorDeleted, other
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
