import SamsaProtocol

/// ListOffsets' special timestamps.
public enum OffsetSpec {
    public static let latest: Int64 = -1
    public static let earliest: Int64 = -2
    public static let maxTimestamp: Int64 = -3
    public static let earliestLocal: Int64 = -4
}

public struct OffsetLookup: Sendable, Equatable {
    public var error: ErrorCode
    public var offset: Int64
    public var timestamp: Int64
    public var leaderEpoch: Int32

    public init(error: ErrorCode, offset: Int64 = -1, timestamp: Int64 = -1, leaderEpoch: Int32 = -1) {
        self.error = error
        self.offset = offset
        self.timestamp = timestamp
        self.leaderEpoch = leaderEpoch
    }
}

extension Broker {
    /// Answers ListOffsets for one partition: earliest, latest (the high watermark), the largest timestamp,
    /// or the first offset at or after a timestamp.
    public func lookupOffset(_ tp: TopicPartition, timestamp: Int64, currentLeaderEpoch: Int32 = -1,
                             in cluster: Cluster) -> OffsetLookup {
        let partition: Partition
        switch leaderPartition(tp, in: cluster) {
        case .success(let found): partition = found
        case .failure(let error): return OffsetLookup(error: error.code)
        }
        let epochCheck = partition.checkLeaderEpoch(currentLeaderEpoch)
        if epochCheck != .none { return OffsetLookup(error: epochCheck) }
        let epoch = partition.leaderEpoch
        do {
            switch timestamp {
            case OffsetSpec.latest:
                guard partition.highWatermarkIsCurrent else { return OffsetLookup(error: .offsetNotAvailable) }
                return OffsetLookup(error: .none, offset: partition.highWatermark, leaderEpoch: epoch)
            case OffsetSpec.earliest, OffsetSpec.earliestLocal:
                return OffsetLookup(error: .none, offset: partition.logStartOffset, leaderEpoch: epoch)
            case OffsetSpec.maxTimestamp:
                guard let found = try partition.log.maxTimestampAndOffset() else { return OffsetLookup(error: .none) }
                return OffsetLookup(error: .none, offset: found.offset, timestamp: found.timestamp, leaderEpoch: epoch)
            case ..<0:
                return OffsetLookup(error: .invalidRequest)
            default:
                guard let found = try partition.log.offset(forTimestamp: timestamp), found.offset < partition.highWatermark else {
                    return OffsetLookup(error: .none)
                }
                return OffsetLookup(error: .none, offset: found.offset, timestamp: found.timestamp, leaderEpoch: epoch)
            }
        } catch {
            return OffsetLookup(error: .kafkaStorageError)
        }
    }
}
