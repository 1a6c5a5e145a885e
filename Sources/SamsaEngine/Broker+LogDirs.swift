#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SamsaProtocol

/// One broker's data directory as DescribeLogDirs reports it.
public struct LogDirDescription: Sendable, Equatable {
    public struct Replica: Sendable, Equatable {
        public var topicPartition: TopicPartition
        /// Bytes of the replica's segments.
        public var size: Int64
        /// Kafka's offset lag for a current (not future) log: how far the high watermark is past the log end, never negative.
        public var offsetLag: Int64
        public var isFuture: Bool
    }

    public var path: String
    public var replicas: [Replica]
    /// The volume's size and the bytes still usable on it (-1 when they cannot be read).
    public var totalBytes: Int64
    public var usableBytes: Int64
}

extension Broker {
    /// DeleteRecords for one partition at this broker (Kafka's deleteRecordsOnLocalLog): internal topics are
    /// refused, then the partition leader moves its log start (see `Partition.deleteRecords`).
    public func deleteRecords(_ tp: TopicPartition, before offset: Int64,
                              in cluster: Cluster) -> Result<(partition: Partition, requested: Int64, lowWatermark: Int64), EngineError> {
        if TopicName.isInternal(tp.topic) {
            return .failure(EngineError(.invalidTopicException, "Cannot delete records of internal topic \(tp.topic)."))
        }
        switch leaderPartition(tp, in: cluster) {
        case .failure(let error): return .failure(error)
        case .success(let partition):
            do throws(EngineError) {
                let (requested, low) = try partition.deleteRecords(before: offset, live: cluster.liveBrokerIds)
                logger.info("Deleted the records of \(tp) before offset \(requested); low watermark \(low)")
                return .success((partition, requested, low))
            } catch {
                return .failure(error)
            }
        }
    }

    /// DescribeLogDirs: this broker's one data directory with the replicas it hosts (those in `partitions`,
    /// or all when nil), their sizes, and the volume's total and usable bytes. Reads the file system: call it
    /// from a request-handler thread, never an event loop.
    public func describeLogDir(partitions: Set<TopicPartition>?) -> LogDirDescription {
        let path = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
        let replicas = self.partitions
            .filter { partitions?.contains($0.topicPartition) ?? true }
            .sorted { $0.topicPartition < $1.topicPartition }
            .map { replica in
                LogDirDescription.Replica(topicPartition: replica.topicPartition, size: replica.log.sizeInBytes,
                                          offsetLag: max(replica.highWatermark - replica.logEndOffset, 0), isFuture: false)
            }
        var volume = statvfs()
        let (total, usable): (Int64, Int64) = statvfs(path, &volume) == 0
            ? (Int64(volume.f_blocks) * Int64(volume.f_frsize), Int64(volume.f_bavail) * Int64(volume.f_frsize)) : (-1, -1)
        return LogDirDescription(path: path, replicas: replicas, totalBytes: total, usableBytes: usable)
    }
}
