import SamsaProtocol

/// A member of a consumer group.
public struct GroupMember: Sendable, Equatable {
    public let memberId: String
    public let clientId: String
    public let host: String
    public let assignment: [TopicPartition]

    public init(memberId: String, clientId: String, host: String, assignment: [TopicPartition]) {
        self.memberId = memberId
        self.clientId = clientId
        self.host = host
        self.assignment = assignment
    }

    /// A member with no partitions (more members than partitions) is idle.
    public var isIdle: Bool { assignment.isEmpty }
}
