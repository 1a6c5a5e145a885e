/// When appended data is forced to disk.
public enum FlushPolicy: Sendable, Equatable {
    /// Kafka's default: leave it to the page cache; replication, not fsync, is what makes data safe.
    case pageCache
    /// fdatasync after every append, before it is acknowledged.
    case everyAppend
}

public enum CleanupPolicy: String, Sendable, Equatable {
    case delete, compact
}

/// How one partition log rolls, retains and flushes (topic configs resolved by the engine).
public struct LogConfig: Sendable, Equatable {
    public var segmentBytes: Int = 1 << 30
    public var segmentMs: Int64 = 7 * 24 * 3600 * 1000
    /// -1 keeps data forever.
    public var retentionMs: Int64 = 7 * 24 * 3600 * 1000
    /// -1 means no size limit.
    public var retentionBytes: Int64 = -1
    public var indexIntervalBytes: Int = 4096
    public var maxMessageBytes: Int = 1_048_588
    public var flushPolicy: FlushPolicy = .pageCache
    public var cleanupPolicy: CleanupPolicy = .delete

    public init(segmentBytes: Int = 1 << 30, segmentMs: Int64 = 7 * 24 * 3600 * 1000,
                retentionMs: Int64 = 7 * 24 * 3600 * 1000, retentionBytes: Int64 = -1, indexIntervalBytes: Int = 4096,
                maxMessageBytes: Int = 1_048_588, flushPolicy: FlushPolicy = .pageCache, cleanupPolicy: CleanupPolicy = .delete) {
        self.segmentBytes = segmentBytes
        self.segmentMs = segmentMs
        self.retentionMs = retentionMs
        self.retentionBytes = retentionBytes
        self.indexIntervalBytes = indexIntervalBytes
        self.maxMessageBytes = maxMessageBytes
        self.flushPolicy = flushPolicy
        self.cleanupPolicy = cleanupPolicy
    }
}
