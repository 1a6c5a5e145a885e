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

/// One partition: its leader, replicas and offsets.
public struct PartitionStatus: Sendable, Equatable {
    public let index: Int32
    /// nil while the partition has no leader (offline).
    public let leader: Int32?
    public let leaderEpoch: Int32
    /// In assignment order; the first is the preferred leader.
    public let replicas: [ReplicaStatus]
    public let highWatermark: Int64
    public let logStartOffset: Int64

    public init(index: Int32, leader: Int32?, leaderEpoch: Int32, replicas: [ReplicaStatus], highWatermark: Int64,
                logStartOffset: Int64 = 0) {
        self.index = index
        self.leader = leader
        self.leaderEpoch = leaderEpoch
        self.replicas = replicas
        self.highWatermark = highWatermark
        self.logStartOffset = logStartOffset
    }

    public var inSyncReplicas: [Int32] { replicas.filter(\.inSync).map(\.brokerId) }
    public var isUnderReplicated: Bool { replicas.contains { !$0.inSync } }
    public var preferredLeader: Int32? { replicas.first?.brokerId }
}

/// One broker's copy of a partition.
public struct ReplicaStatus: Sendable, Equatable {
    public let brokerId: Int32
    public let logEndOffset: Int64
    public let inSync: Bool
    /// false when the hosting broker is down or cut off.
    public let online: Bool

    public init(brokerId: Int32, logEndOffset: Int64, inSync: Bool, online: Bool = true) {
        self.brokerId = brokerId
        self.logEndOffset = logEndOffset
        self.inSync = inSync
        self.online = online
    }
}
