import SamsaProtocol
import SamsaStorage

/// ListOffsets' special timestamps.
public enum OffsetSpec {
    public static let latest: Int64 = -1
    public static let earliest: Int64 = -2
    public static let maxTimestamp: Int64 = -3
    public static let earliestLocal: Int64 = -4
    /// KIP-1005 (ListOffsets v9): the highest offset in tiered storage; none here.
    public static let latestTiered: Int64 = -5
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
    /// for isolation level 1), the largest timestamp, or the first offset at or after a timestamp, each with
    /// the leader epoch Kafka gives it (the current one for latest, the one that wrote the offset otherwise).
    /// As in Kafka, a timestamp lookup (max timestamp included) finding an offset a consumer of that isolation
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
        let epochs = partition.log.epochEntries
        do {
            let found: (offset: Int64, timestamp: Int64)?
            switch timestamp {
            case OffsetSpec.latest:
                guard partition.highWatermarkIsCurrent else { return OffsetLookup(error: .offsetNotAvailable) }
                return OffsetLookup(error: .none, offset: lastFetchable, leaderEpoch: epoch)
            case OffsetSpec.earliest:
                // As Kafka: the first cached epoch, if it began at or before the log start.
                let start = partition.logStartOffset
                let first = epochs.first.flatMap { $0.startOffset <= start ? $0.epoch : nil } ?? -1
                return OffsetLookup(error: .none, offset: start, leaderEpoch: first)
            case OffsetSpec.earliestLocal:
                let start = partition.logStartOffset
                return OffsetLookup(error: .none, offset: start, leaderEpoch: Self.epoch(of: start, in: epochs))
            case OffsetSpec.latestTiered:
                // No tiered storage: Kafka answers no offset.
                return OffsetLookup(error: .none)
            case OffsetSpec.maxTimestamp:
                found = try partition.log.maxTimestampAndOffset()
            default:
                // Any other timestamp, negative ones too, is looked up as Kafka does: the first record at or after it.
                found = try partition.log.offset(forTimestamp: timestamp)
            }
            guard let found else { return OffsetLookup(error: .none) }
            guard found.offset < lastFetchable else {
                return OffsetLookup(error: partition.highWatermarkIsCurrent ? .none : .offsetNotAvailable)
            }
            return OffsetLookup(error: .none, offset: found.offset, timestamp: found.timestamp,
                                leaderEpoch: Self.epoch(of: found.offset, in: epochs))
        } catch {
            return OffsetLookup(error: .kafkaStorageError)
        }
    }

    /// The leader epoch that wrote `offset`: the last epoch starting at or before it (-1 if none), as the
    /// batch's partition leader epoch Kafka answers with.
    static func epoch(of offset: Int64, in epochs: [EpochEntry]) -> Int32 {
        epochs.last { $0.startOffset <= offset }?.epoch ?? -1
    }
}
