/// A group's position in one partition.
public struct GroupPartitionOffset: Sendable, Equatable {
    public let topic: String
    public let partition: Int32
    /// nil when the group has not committed an offset for this partition.
    public let committedOffset: Int64?
    public let logEndOffset: Int64
    /// logEndOffset − committedOffset, or nil when it cannot be known.
    public let lag: Int64?

    public init(topic: String, partition: Int32, committedOffset: Int64?, logEndOffset: Int64, lag: Int64? = nil) {
        self.topic = topic
        self.partition = partition
        self.committedOffset = committedOffset
        self.logEndOffset = logEndOffset
        self.lag = lag ?? committedOffset.map { max(0, logEndOffset - $0) }
    }
}
