/// A topic and its partitions.
public struct TopicStatus: Sendable, Equatable {
    public let name: String
    public let isInternal: Bool
    /// Sorted by index.
    public let partitions: [PartitionStatus]

    public init(name: String, isInternal: Bool = false, partitions: [PartitionStatus]) {
        self.name = name
        self.isInternal = isInternal
        self.partitions = partitions
    }

    public var replicationFactor: Int { partitions.map(\.replicas.count).max() ?? 0 }
    /// Partitions with a leader but not every replica in sync (offline ones are counted separately).
    public var underReplicatedCount: Int { partitions.count { $0.leader != nil && $0.isUnderReplicated } }
    public var offlineCount: Int { partitions.count { $0.leader == nil } }
    /// Records currently retained: the sum over partitions of high watermark minus log start offset.
    public var recordCount: Int64 { partitions.reduce(0) { $0 + max(0, $1.highWatermark - $1.logStartOffset) } }
}
