import SamsaProtocol

/// A member of a consumer group.
public struct GroupMember: Sendable, Equatable {
    public let memberId: String
    public let clientId: String
    public let host: String
    public let assignment: [TopicPartition]
    /// The user data of its subscription and assignment, kept for Streams groups (assignor "stream") only:
    /// SamsaStreams puts its topology and task ids there.
    public let subscriptionUserData: [UInt8]?
    public let assignmentUserData: [UInt8]?

    public init(memberId: String, clientId: String, host: String, assignment: [TopicPartition],
                subscriptionUserData: [UInt8]? = nil, assignmentUserData: [UInt8]? = nil) {
        self.memberId = memberId
        self.clientId = clientId
        self.host = host
        self.assignment = assignment
        self.subscriptionUserData = subscriptionUserData
        self.assignmentUserData = assignmentUserData
    }

    /// A member with no partitions (more members than partitions) is idle.
    public var isIdle: Bool { assignment.isEmpty }
}
