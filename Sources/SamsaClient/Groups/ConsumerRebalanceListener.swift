import SamsaProtocol

/// Kafka's `ConsumerRebalanceListener`: a group consumer calls it from `poll`, before it gives up its
/// partitions in a rebalance and after it receives new ones, so an application (Kafka Streams above all)
/// can commit and close what it built for the old partitions and set up the new ones.
public protocol ConsumerRebalanceListener: Sendable {
    /// Before the partitions are given up; offsets committed here still count for this generation.
    func onPartitionsRevoked(_ partitions: [TopicPartition]) async
    /// After the assignment arrived and each partition's starting position was set; `userData` is what the
    /// leader's assignor attached to this member's assignment.
    func onPartitionsAssigned(_ partitions: [TopicPartition], userData: [UInt8]?) async
}
