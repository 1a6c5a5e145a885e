import NIOCore

/// One member of a group, as the coordinator tracks it between requests.
struct GroupMember {
    let memberId: String
    var groupInstanceId: String?
    var clientId: String
    var clientHost: String
    var sessionTimeoutMs: Int32
    var rebalanceTimeoutMs: Int32
    var protocolType: String
    var protocols: [MemberProtocol]
    var assignment = ByteBuffer()
    /// The JoinGroup response this member waits for while the group rebalances.
    var awaitingJoin: EventLoopPromise<JoinGroupResult>?
    /// The SyncGroup response this member waits for until the leader's assignment is stored.
    var awaitingSync: EventLoopPromise<SyncGroupResult>?
    /// Bumped on every heartbeat-like contact; a session timer fires only if it still matches.
    var sessionToken: UInt64 = 0

    var isStatic: Bool { groupInstanceId != nil }

    func metadata(for protocolName: String?) -> ByteBuffer {
        protocols.first { $0.name == protocolName }?.metadata ?? ByteBuffer()
    }

    func supports(_ names: Set<String>) -> Bool {
        names.isSubset(of: Set(protocols.map(\.name)))
    }

    /// Same protocols with the same metadata: a rejoin that changes nothing need not rebalance.
    func hasSameProtocols(_ other: [MemberProtocol]) -> Bool { protocols == other }
}
