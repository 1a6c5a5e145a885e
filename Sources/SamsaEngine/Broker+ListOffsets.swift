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
    /// Answers ListOffsets for one partition: earliest, latest (the high watermark, or the last stable offset
    /// for isolation level 1), the largest timestamp, or the first offset at or after a timestamp. As in
    /// Kafka, a timestamp lookup (max timestamp included) finding an offset a consumer of that isolation
    /// level cannot fetch yet answers no offset.
    public func lookupOffset(_ tp: TopicPartition, timestamp: Int64, currentLeaderEpoch: Int32 = -1, isolationLevel: Int8 = 0,
                             in cluster: Cluster) -> OffsetLookup {
        let partition: Partition
        switch leaderPartition(tp, in: cluster) {
        case .success(let found): partition = found
        case .failure(let error): return OffsetLookup(error: error.code)
        }
        let epochCheck = partition.checkLeaderEpoch(currentLeaderEpoch)
        if epochCheck != .none { return OffsetLookup(error: epochCheck) }
        let epoch = partition.leaderEpoch
        let lastFetchable = isolationLevel == 1 ? partition.lastStableOffset : partition.highWatermark
        do {
            let found: (offset: Int64, timestamp: Int64)?
            switch timestamp {
            case OffsetSpec.latest:
                guard partition.highWatermarkIsCurrent else { return OffsetLookup(error: .offsetNotAvailable) }
                return OffsetLookup(error: .none, offset: lastFetchable, leaderEpoch: epoch)
            case OffsetSpec.earliest, OffsetSpec.earliestLocal:
                return OffsetLookup(error: .none, offset: partition.logStartOffset, leaderEpoch: epoch)
            case OffsetSpec.maxTimestamp:
                found = try partition.log.maxTimestampAndOffset()
            case ..<0:
                return OffsetLookup(error: .invalidRequest)
            default:
                found = try partition.log.offset(forTimestamp: timestamp)
            }
            guard let found else { return OffsetLookup(error: .none) }
            guard found.offset < lastFetchable else {
                return OffsetLookup(error: partition.highWatermarkIsCurrent ? .none : .offsetNotAvailable)
            }
            return OffsetLookup(error: .none, offset: found.offset, timestamp: found.timestamp, leaderEpoch: epoch)
        } catch {
            return OffsetLookup(error: .kafkaStorageError)
        }
    }
}
