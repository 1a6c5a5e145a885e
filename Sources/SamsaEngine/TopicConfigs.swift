/// The topic-level configuration keys Samsa applies (a subset of Kafka's, the ones that change what the
/// broker does). `kafka-configs`-style names, Kafka's defaults.
public enum TopicConfigs {
    public static let definitions: [ConfigDefinition] = [
        ConfigDefinition("cleanup.policy", .list, default: "delete", synonyms: [("log.cleanup.policy", 1)],
                         allowed: ["compact", "delete"],
                         doc: "delete: old segments are removed by retention; compact: only the latest record per key is kept; compact,delete: both."),
        ConfigDefinition("retention.ms", .long, default: "604800000",
                         synonyms: [("log.retention.ms", 1), ("log.retention.minutes", 60_000), ("log.retention.hours", 3_600_000)],
                         minimum: -1, doc: "How long a segment is kept after its newest record; -1 keeps data forever."),
        ConfigDefinition("retention.bytes", .long, default: "-1", synonyms: [("log.retention.bytes", 1)], minimum: -1,
                         doc: "Largest size a partition log may grow to before old segments are deleted; -1 means no limit."),
        ConfigDefinition("segment.bytes", .int, default: "1073741824", synonyms: [("log.segment.bytes", 1)], minimum: 14,
                         doc: "Size at which a partition log rolls to a new segment file."),
        ConfigDefinition("segment.ms", .long, default: "604800000", synonyms: [("log.roll.ms", 1), ("log.roll.hours", 3_600_000)],
                         minimum: 1, doc: "Age after which a segment is rolled even if not full, so retention can delete it."),
        ConfigDefinition("max.message.bytes", .int, default: "1048588", synonyms: [("message.max.bytes", 1)], minimum: 0,
                         doc: "Largest record batch the broker accepts for this topic."),
        ConfigDefinition("flush.messages", .long, default: "9223372036854775807",
                         synonyms: [("log.flush.interval.messages", 1)], minimum: 1,
                         doc: "fsync the log after this many appends; 1 makes every acknowledged write durable against power loss."),
        ConfigDefinition("index.interval.bytes", .int, default: "4096", synonyms: [("log.index.interval.bytes", 1)], minimum: 0,
                         doc: "Log bytes between two entries of the sparse offset index."),
        ConfigDefinition("min.insync.replicas", .int, default: "1", synonyms: [("min.insync.replicas", 1)], minimum: 1,
                         doc: "With acks=all, the fewest in-sync replicas that must have a write for it to succeed."),
        ConfigDefinition("unclean.leader.election.enable", .boolean, default: "false",
                         synonyms: [("unclean.leader.election.enable", 1)],
                         doc: "Allow an out-of-sync replica to become leader (availability over durability)."),
        ConfigDefinition("message.timestamp.type", .string, default: "CreateTime",
                         synonyms: [("log.message.timestamp.type", 1)], allowed: ["CreateTime", "LogAppendTime"],
                         doc: "Whether record timestamps are the producer's (CreateTime) or the broker's (LogAppendTime)."),
        ConfigDefinition("compression.type", .string, default: "producer", synonyms: [("compression.type", 1)],
                         allowed: ["uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"],
                         doc: "Samsa stores batches as the producer compressed them (producer)."),
        ConfigDefinition("delete.retention.ms", .long, default: "86400000", synonyms: [("log.cleaner.delete.retention.ms", 1)],
                         minimum: 0, doc: "How long tombstones are kept in a compacted topic."),
        ConfigDefinition("min.compaction.lag.ms", .long, default: "0", synonyms: [("log.cleaner.min.compaction.lag.ms", 1)],
                         minimum: 0, doc: "Minimum age of a record before compaction may remove it."),
        ConfigDefinition("max.compaction.lag.ms", .long, default: "9223372036854775807",
                         synonyms: [("log.cleaner.max.compaction.lag.ms", 1)], minimum: 1,
                         doc: "Longest a record may stay uncompacted, whatever the dirty ratio."),
        ConfigDefinition("min.cleanable.dirty.ratio", .double, default: "0.5",
                         synonyms: [("log.cleaner.min.cleanable.ratio", 1)], range: 0...1,
                         doc: "Share of uncompacted log above which compaction runs."),
    ]

    private static let byName: [String: ConfigDefinition] = Dictionary(uniqueKeysWithValues: definitions.map { ($0.name, $0) })

    public static func definition(_ name: String) -> ConfigDefinition? { byName[name] }

    /// Nil if every key and value is acceptable, else one sentence about the first problem.
    public static func problem(with configs: [String: String]) -> String? {
        for (key, value) in configs.sorted(by: { $0.key < $1.key }) {
            guard let definition = byName[key] else { return "Unknown topic config name: \(key)" }
            if let problem = definition.problem(with: value) { return problem }
        }
        if let minimum = configs["min.compaction.lag.ms"].flatMap({ Int64($0) }),
           let maximum = configs["max.compaction.lag.ms"].flatMap({ Int64($0) }), minimum > maximum {
            return "conflict topic config setting min.compaction.lag.ms (\(minimum)) > max.compaction.lag.ms (\(maximum))"
        }
        return nil
    }
}
