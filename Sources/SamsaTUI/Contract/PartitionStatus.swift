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
    /// The last stable offset: below it every transaction is decided. An open transaction holds it at its
    /// first record; read_committed consumers read no further. Equal to the high watermark when nothing is open.
    public let lastStableOffset: Int64

    /// `lastStableOffset` nil (or above the high watermark) means nothing is open: it is the high watermark.
    public init(index: Int32, leader: Int32?, leaderEpoch: Int32, replicas: [ReplicaStatus], highWatermark: Int64,
                logStartOffset: Int64 = 0, lastStableOffset: Int64? = nil) {
        self.index = index
        self.leader = leader
        self.leaderEpoch = leaderEpoch
        self.replicas = replicas
        self.highWatermark = highWatermark
        self.logStartOffset = logStartOffset
        self.lastStableOffset = min(highWatermark, lastStableOffset ?? highWatermark)
    }

    public var inSyncReplicas: [Int32] { replicas.filter(\.inSync).map(\.brokerId) }
    public var isUnderReplicated: Bool { replicas.contains { !$0.inSync } }
    /// Offsets between the LSO and the high watermark: written, but waiting on an open transaction.
    public var pendingOffsets: Int64 { max(0, highWatermark - lastStableOffset) }
    public var preferredLeader: Int32? { replicas.first?.brokerId }
}
