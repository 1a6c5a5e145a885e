/// The broker settings the transaction coordinator follows, read once from `server.properties` keys.
public struct TransactionCoordinatorConfig: Sendable, Equatable {
    public var logPartitions: Int = 50
    public var logReplicationFactor: Int = 3
    public var logMinInsyncReplicas: Int = 2
    public var logSegmentBytes: Int64 = 104_857_600
    /// The longest transaction.timeout.ms a producer may ask for (transaction.max.timeout.ms).
    public var maxTimeoutMs: Int64 = 900_000
    /// A transactional id idle this long is removed (transactional.id.expiration.ms).
    public var idExpirationMs: Int64 = 604_800_000
    public var abortTimedOutIntervalMs: Int64 = 10_000
    public var removeExpiredIntervalMs: Int64 = 3_600_000
    /// How long a write to `__transaction_state` or a marker waits for the in-sync replicas.
    public var writeTimeoutMs: Int64 = 5000
    /// Pause before a marker or completion write that failed (a leader moving, replicas catching up) is retried.
    public var retryBackoffMs: Int64 = 100

    public init() {}

    public init(settings: BrokerSettings) {
        logPartitions = Int(settings.int64("transaction.state.log.num.partitions"))
        logReplicationFactor = Int(settings.int64("transaction.state.log.replication.factor"))
        logMinInsyncReplicas = Int(settings.int64("transaction.state.log.min.isr"))
        logSegmentBytes = settings.int64("transaction.state.log.segment.bytes")
        maxTimeoutMs = settings.int64("transaction.max.timeout.ms")
        idExpirationMs = settings.int64("transactional.id.expiration.ms")
        abortTimedOutIntervalMs = settings.int64("transaction.abort.timed.out.transaction.cleanup.interval.ms")
        removeExpiredIntervalMs = settings.int64("transaction.remove.expired.transaction.cleanup.interval.ms")
    }
}
