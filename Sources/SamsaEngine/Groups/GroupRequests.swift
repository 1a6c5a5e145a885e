import NIOCore
import SamsaProtocol

/// One protocol a joining member supports (for consumers: an assignor name and its subscription bytes).
public struct MemberProtocol: Sendable, Equatable {
    public var name: String
    public var metadata: ByteBuffer

    public init(name: String, metadata: ByteBuffer) {
        self.name = name
        self.metadata = metadata
    }
}

/// A JoinGroup request as the coordinator sees it.
public struct JoinGroupParameters: Sendable {
    public var groupId: String
    /// Empty for a member joining for the first time.
    public var memberId: String
    public var groupInstanceId: String?
    public var clientId: String
    public var clientHost: String
    public var sessionTimeoutMs: Int32
    public var rebalanceTimeoutMs: Int32
    public var protocolType: String
    public var protocols: [MemberProtocol]
    /// JoinGroup v4+: a new member first gets MEMBER_ID_REQUIRED with its id, then joins with it.
    public var requireKnownMemberId: Bool

    public init(groupId: String, memberId: String, groupInstanceId: String? = nil, clientId: String, clientHost: String,
                sessionTimeoutMs: Int32, rebalanceTimeoutMs: Int32, protocolType: String, protocols: [MemberProtocol],
                requireKnownMemberId: Bool) {
        self.groupId = groupId
        self.memberId = memberId
        self.groupInstanceId = groupInstanceId
        self.clientId = clientId
        self.clientHost = clientHost
        self.sessionTimeoutMs = sessionTimeoutMs
        self.rebalanceTimeoutMs = rebalanceTimeoutMs
        self.protocolType = protocolType
        self.protocols = protocols
        self.requireKnownMemberId = requireKnownMemberId
    }
}

public struct JoinGroupResult: Sendable, Equatable {
    public struct Member: Sendable, Equatable {
        public var memberId: String
        public var groupInstanceId: String?
        public var metadata: ByteBuffer
    }

    public var error: ErrorCode
    public var generationId: Int32 = -1
    public var protocolType: String?
    public var protocolName: String?
    public var leader: String = ""
    /// The leader rejoined a stable group: it must not compute a new assignment (JoinGroup v9).
    public var skipAssignment = false
    public var memberId: String = ""
    /// Filled for the leader only: every member with its metadata for the chosen protocol.
    public var members: [Member] = []

    public init(error: ErrorCode, memberId: String = "") {
        self.error = error
        self.memberId = memberId
    }
}

public struct SyncGroupParameters: Sendable {
    public var groupId: String
    public var generationId: Int32
    public var memberId: String
    public var groupInstanceId: String?
    /// SyncGroup v5+ repeat the protocol type and name; nil when the client did not send them.
    public var protocolType: String?
    public var protocolName: String?
    /// The leader's assignment for every member; empty for followers.
    public var assignments: [String: ByteBuffer]

    public init(groupId: String, generationId: Int32, memberId: String, groupInstanceId: String? = nil,
                protocolType: String? = nil, protocolName: String? = nil, assignments: [String: ByteBuffer] = [:]) {
        self.groupId = groupId
        self.generationId = generationId
        self.memberId = memberId
        self.groupInstanceId = groupInstanceId
        self.protocolType = protocolType
        self.protocolName = protocolName
        self.assignments = assignments
    }
}

public struct SyncGroupResult: Sendable, Equatable {
    public var error: ErrorCode
    public var protocolType: String?
    public var protocolName: String?
    public var assignment: ByteBuffer

    public init(error: ErrorCode, protocolType: String? = nil, protocolName: String? = nil, assignment: ByteBuffer = ByteBuffer()) {
        self.error = error
        self.protocolType = protocolType
        self.protocolName = protocolName
        self.assignment = assignment
    }
}

/// One member named in a LeaveGroup request (v3+ may name several, by member or instance id).
public struct LeavingMember: Sendable, Equatable {
    public var memberId: String
    public var groupInstanceId: String?

    public init(memberId: String, groupInstanceId: String? = nil) {
        self.memberId = memberId
        self.groupInstanceId = groupInstanceId
    }
}

/// An offset to commit for one partition.
public struct OffsetToCommit: Sendable, Equatable {
    public var offset: Int64
    public var leaderEpoch: Int32
    public var metadata: String?

    public init(offset: Int64, leaderEpoch: Int32 = -1, metadata: String? = nil) {
        self.offset = offset
        self.leaderEpoch = leaderEpoch
        self.metadata = metadata
    }
}

public struct OffsetCommitParameters: Sendable {
    public var groupId: String
    /// -1 with an empty member id: a consumer that assigns partitions itself and only stores offsets here.
    public var generationId: Int32
    public var memberId: String
    public var groupInstanceId: String?
    public var offsets: [TopicPartition: OffsetToCommit]

    public init(groupId: String, generationId: Int32 = -1, memberId: String = "", groupInstanceId: String? = nil,
                offsets: [TopicPartition: OffsetToCommit]) {
        self.groupId = groupId
        self.generationId = generationId
        self.memberId = memberId
        self.groupInstanceId = groupInstanceId
        self.offsets = offsets
    }
}

/// A committed offset as OffsetFetch reports it; offset -1 means none.
public struct CommittedOffset: Sendable, Equatable {
    public var offset: Int64
    public var leaderEpoch: Int32
    public var metadata: String
    public var commitTimestamp: Int64

    public init(offset: Int64, leaderEpoch: Int32 = -1, metadata: String = "", commitTimestamp: Int64 = -1) {
        self.offset = offset
        self.leaderEpoch = leaderEpoch
        self.metadata = metadata
        self.commitTimestamp = commitTimestamp
    }

    public static let noCommit = CommittedOffset(offset: -1)
}
