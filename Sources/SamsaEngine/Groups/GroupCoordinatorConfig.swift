/// The broker settings the group coordinator follows, read once from `server.properties` keys.
public struct GroupCoordinatorConfig: Sendable, Equatable {
    public var minSessionTimeoutMs: Int32 = 6000
    public var maxSessionTimeoutMs: Int32 = 1_800_000
    /// How long the first rebalance of an empty group waits for more members (extended per joiner, up to
    /// the rebalance timeout). Samsa's default is short so a workbench group forms at once; see README.
    public var initialRebalanceDelayMs: Int64 = 100
    public var maxGroupSize: Int = Int(Int32.max)
    public var offsetsTopicPartitions: Int = 50
    public var offsetsTopicReplicationFactor: Int = 3
    public var offsetsTopicSegmentBytes: Int64 = 104_857_600
    public var offsetMetadataMaxBytes: Int = 4096
    /// How long an offset commit waits for every in-sync replica (offsets.commit.timeout.ms).
    public var offsetsCommitTimeoutMs: Int64 = 5000
    /// Offsets of a group that has been empty this long are deleted (offsets.retention.minutes).
    public var offsetsRetentionMs: Int64 = 7 * 24 * 3600 * 1000
    public var offsetsRetentionCheckIntervalMs: Int64 = 600_000

    public init() {}

    public init(settings: BrokerSettings) {
        minSessionTimeoutMs = Int32(clamping: settings.int64("group.min.session.timeout.ms"))
        maxSessionTimeoutMs = Int32(clamping: settings.int64("group.max.session.timeout.ms"))
        initialRebalanceDelayMs = settings.int64("group.initial.rebalance.delay.ms")
        maxGroupSize = Int(settings.int64("group.max.size"))
        offsetsTopicPartitions = Int(settings.int64("offsets.topic.num.partitions"))
        offsetsTopicReplicationFactor = Int(settings.int64("offsets.topic.replication.factor"))
        offsetsTopicSegmentBytes = settings.int64("offsets.topic.segment.bytes")
        offsetMetadataMaxBytes = Int(settings.int64("offset.metadata.max.bytes"))
        offsetsCommitTimeoutMs = settings.int64("offsets.commit.timeout.ms")
        offsetsRetentionMs = settings.int64("offsets.retention.minutes") * 60_000
        offsetsRetentionCheckIntervalMs = settings.int64("offsets.retention.check.interval.ms")
    }
}
