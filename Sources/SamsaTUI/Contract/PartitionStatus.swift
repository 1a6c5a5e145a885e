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
