import SamsaEngine
import SamsaProtocol

/// A partition's offset as OffsetCommit and TxnOffsetCommit both carry it.
protocol CommittedPartitionFields {
    var partitionIndex: Int32 { get }
    var committedOffset: Int64 { get }
    var committedLeaderEpoch: Int32 { get }
    var committedMetadata: String? { get }
}

extension OffsetCommitRequest.Partition: CommittedPartitionFields {}
extension TxnOffsetCommitRequest.Partition: CommittedPartitionFields {}

extension RequestDispatcher {
    /// The offsets a commit request asks to store, by partition.
    static func offsetsToCommit<P: CommittedPartitionFields>(_ topics: [(name: String, partitions: [P])]) -> [TopicPartition: OffsetToCommit] {
        var offsets: [TopicPartition: OffsetToCommit] = [:]
        for (name, partitions) in topics {
            for partition in partitions {
                offsets[TopicPartition(name, partition.partitionIndex)] = OffsetToCommit(
                    offset: partition.committedOffset, leaderEpoch: partition.committedLeaderEpoch,
                    metadata: partition.committedMetadata)
            }
        }
        return offsets
    }
}
