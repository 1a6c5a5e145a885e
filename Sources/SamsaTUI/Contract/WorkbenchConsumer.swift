import SamsaClient

/// A consumer started from the workbench (so it can be stopped, and quitting can warn about it).
public struct WorkbenchConsumer: Sendable, Equatable {
    public let memberId: String
    public let group: String
    public let topic: String
    public let recordsRead: Int64
    public let isolation: IsolationLevel

    public init(memberId: String, group: String, topic: String, recordsRead: Int64 = 0,
                isolation: IsolationLevel = .readUncommitted) {
        self.memberId = memberId
        self.group = group
        self.topic = topic
        self.recordsRead = recordsRead
        self.isolation = isolation
    }
}
