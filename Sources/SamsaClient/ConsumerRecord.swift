import NIOCore
import SamsaProtocol

/// A record read from a partition.
public struct ConsumerRecord: Sendable {
    public enum TimestampType: Sendable { case createTime, logAppendTime }

    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var timestamp: Int64
    public var timestampType: TimestampType
    public var key: ByteBuffer?
    public var value: ByteBuffer?
    public var headers: [RecordHeader]
    public var leaderEpoch: Int32

    public var keyString: String? { key.map { String(buffer: $0) } }
    public var valueString: String? { value.map { String(buffer: $0) } }
}

/// Where a consumer starts reading a partition.
public enum StartPosition: Sendable, Equatable {
    case beginning
    case end
    case offset(Int64)
    /// The first record at or after this timestamp (ms).
    case timestamp(Int64)
}

public struct ConsumerConfig: Sendable {
    public var fetchMaxWaitMs: Int32 = 500
    public var fetchMinBytes: Int32 = 1
    public var fetchMaxBytes: Int32 = 50 << 20
    public var maxPartitionFetchBytes: Int32 = 1 << 20
    /// Where to go when the position is out of range (or unknown): nil raises an error instead.
    public var autoOffsetReset: StartPosition? = .end
    /// `isolation.level`: read_committed skips aborted transactions' records and stops at the last stable offset.
    public var isolationLevel: IsolationLevel = .readUncommitted

    public init() {}
}
