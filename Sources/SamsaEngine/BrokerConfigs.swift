/// Broker-level keys Samsa reads from `server.properties` (the ones that apply to an embedded cluster).
public enum BrokerConfigs {
    public static let definitions: [ConfigDefinition] = [
        ConfigDefinition("num.partitions", .int, default: "1", minimum: 1, doc: "Partitions of a topic created without a count."),
        ConfigDefinition("default.replication.factor", .int, default: "1", minimum: 1,
                         doc: "Replication factor of a topic created without one (capped by the number of brokers)."),
        ConfigDefinition("auto.create.topics.enable", .boolean, default: "true",
                         doc: "Create a topic when a client asks for metadata of one that does not exist."),
        ConfigDefinition("delete.topic.enable", .boolean, default: "true", doc: "Allow topics to be deleted."),
        ConfigDefinition("message.max.bytes", .int, default: "1048588", minimum: 0, doc: "Largest record batch accepted."),
        ConfigDefinition("socket.request.max.bytes", .int, default: "104857600", minimum: 1,
                         doc: "Largest request frame; a bigger one closes the connection."),
        ConfigDefinition("log.segment.bytes", .int, default: "1073741824", minimum: 14, doc: "Segment size before rolling."),
        ConfigDefinition("log.roll.ms", .long, default: "604800000", minimum: 1, doc: "Segment age before rolling."),
        ConfigDefinition("log.roll.hours", .int, default: "168", minimum: 1, doc: "Segment age before rolling, in hours."),
        ConfigDefinition("log.retention.ms", .long, default: "604800000", minimum: -1, doc: "Time retention."),
        ConfigDefinition("log.retention.minutes", .int, default: "10080", minimum: -1, doc: "Time retention, in minutes."),
        ConfigDefinition("log.retention.hours", .int, default: "168", minimum: -1, doc: "Time retention, in hours."),
        ConfigDefinition("log.retention.bytes", .long, default: "-1", minimum: -1, doc: "Size retention per partition."),
        ConfigDefinition("log.retention.check.interval.ms", .long, default: "300000", minimum: 1,
                         doc: "How often retention runs."),
        ConfigDefinition("log.cleanup.policy", .list, default: "delete", allowed: ["delete", "compact"],
                         doc: "Default cleanup policy: delete, compact, or compact,delete."),
        ConfigDefinition("log.flush.interval.messages", .long, default: "9223372036854775807", minimum: 1,
                         doc: "fsync after this many appends (1 = every append)."),
        ConfigDefinition("log.index.interval.bytes", .int, default: "4096", minimum: 0, doc: "Sparse index spacing."),
        ConfigDefinition("log.message.timestamp.type", .string, default: "CreateTime",
                         allowed: ["CreateTime", "LogAppendTime"], doc: "Default timestamp type."),
        ConfigDefinition("min.insync.replicas", .int, default: "1", minimum: 1, doc: "Default min.insync.replicas."),
        ConfigDefinition("unclean.leader.election.enable", .boolean, default: "false", doc: "Default unclean election."),
        ConfigDefinition("compression.type", .string, default: "producer",
                         allowed: ["producer", "uncompressed", "gzip", "snappy", "lz4", "zstd"], doc: "Compression."),
        ConfigDefinition("log.cleaner.enable", .boolean, default: "true",
                         doc: "Run the log cleaner, which compacts topics whose cleanup.policy includes compact."),
        ConfigDefinition("log.cleaner.backoff.ms", .long, default: "15000", minimum: 0,
                         doc: "How long the cleaner sleeps when no log needs compaction."),
        ConfigDefinition("log.cleaner.delete.retention.ms", .long, default: "86400000", minimum: 0, doc: "Tombstone retention."),
        ConfigDefinition("log.cleaner.min.compaction.lag.ms", .long, default: "0", minimum: 0, doc: "Compaction lag."),
        ConfigDefinition("log.cleaner.max.compaction.lag.ms", .long, default: "9223372036854775807", minimum: 1,
                         doc: "Longest a record may stay uncompacted."),
        ConfigDefinition("log.cleaner.min.cleanable.ratio", .double, default: "0.5", range: 0...1, doc: "Compaction trigger ratio."),
    ]

    private static let byName: [String: ConfigDefinition] = Dictionary(uniqueKeysWithValues: definitions.map { ($0.name, $0) })

    public static func definition(_ name: String) -> ConfigDefinition? { byName[name] }
}
