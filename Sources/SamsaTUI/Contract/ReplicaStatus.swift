/// One broker's copy of a partition.
public struct ReplicaStatus: Sendable, Equatable {
    public let brokerId: Int32
    /// -1 when unknown (the broker is down, or attach mode cannot see a follower's log).
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
