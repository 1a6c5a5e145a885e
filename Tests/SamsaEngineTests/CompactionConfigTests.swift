import SamsaEngine
import SamsaStorage
import Testing

/// The compaction keys: names and defaults as in Kafka, broker synonyms, and one-sentence errors.
@Suite struct CompactionConfigTests {
    @Test func topicKeysReachTheLogConfig() {
        let config = BrokerSettings().logConfig(overrides: [
            "cleanup.policy": "compact,delete", "delete.retention.ms": "1000", "min.cleanable.dirty.ratio": "0.25",
            "min.compaction.lag.ms": "5000", "max.compaction.lag.ms": "60000",
        ])
        #expect(config.cleanupPolicy == [.compact, .delete])
        #expect(config.deleteRetentionMs == 1000)
        #expect(config.minCleanableDirtyRatio == 0.25)
        #expect(config.minCompactionLagMs == 5000)
        #expect(config.maxCompactionLagMs == 60000)
        #expect(BrokerSettings().logConfig(overrides: ["cleanup.policy": "delete, compact"]).cleanupPolicy == [.compact, .delete])
    }

    @Test func defaultsAreKafkas() {
        let settings = BrokerSettings()
        let config = settings.logConfig(overrides: [:])
        #expect(config.cleanupPolicy == .delete)
        #expect(config.deleteRetentionMs == 86_400_000)
        #expect(config.minCleanableDirtyRatio == 0.5)
        #expect(config.minCompactionLagMs == 0)
        #expect(config.maxCompactionLagMs == Int64.max)
        #expect(settings.logCleanerEnabled)
        #expect(settings.logCleanerBackoffMs == 15_000)
        #expect(!BrokerSettings(["log.cleaner.enable": "false"]).logCleanerEnabled)
    }

    @Test func brokerCleanerKeysAreTopicDefaults() {
        let settings = BrokerSettings([
            "log.cleanup.policy": "compact", "log.cleaner.delete.retention.ms": "7", "log.cleaner.min.cleanable.ratio": "0.9",
            "log.cleaner.min.compaction.lag.ms": "11", "log.cleaner.max.compaction.lag.ms": "13",
        ])
        let config = settings.logConfig(overrides: [:])
        #expect(config.cleanupPolicy == .compact)
        #expect(config.deleteRetentionMs == 7)
        #expect(config.minCleanableDirtyRatio == 0.9)
        #expect(config.minCompactionLagMs == 11)
        #expect(config.maxCompactionLagMs == 13)
        let entry = settings.topicEntry(TopicConfigs.definition("min.cleanable.dirty.ratio")!, overrides: [:])
        #expect(entry.source == .staticBroker && entry.value == "0.9")
        #expect(settings.logConfig(overrides: ["cleanup.policy": "delete"]).cleanupPolicy == .delete)
    }

    @Test func badValuesGetOneClearSentence() {
        let cases: [([String: String], String)] = [
            (["cleanup.policy": "shred"], "Invalid value shred for configuration cleanup.policy: String must be one of: compact, delete"),
            (["cleanup.policy": "compact,shred"],
             "Invalid value shred for configuration cleanup.policy: String must be one of: compact, delete"),
            (["cleanup.policy": ""], "Invalid value  for configuration cleanup.policy: String must be one of: compact, delete"),
            (["delete.retention.ms": "-5"], "Invalid value -5 for configuration delete.retention.ms: Value must be at least 0"),
            (["min.compaction.lag.ms": "soon"], "Invalid value soon for configuration min.compaction.lag.ms: Not a number of type LONG"),
            (["max.compaction.lag.ms": "0"], "Invalid value 0 for configuration max.compaction.lag.ms: Value must be at least 1"),
            (["min.cleanable.dirty.ratio": "1.5"],
             "Invalid value 1.5 for configuration min.cleanable.dirty.ratio: Value must be no more than 1"),
            (["min.cleanable.dirty.ratio": "half"],
             "Invalid value half for configuration min.cleanable.dirty.ratio: Not a number of type DOUBLE"),
            (["compression.type": "brotli"], "Invalid value brotli for configuration compression.type: "
             + "String must be one of: uncompressed, zstd, lz4, snappy, gzip, producer"),
            (["min.insync.replicas": "3000000000"],
             "Invalid value 3000000000 for configuration min.insync.replicas: Not a number of type INT"),
            (["retention.bytes": "1", "no.such.key": "1"], "Unknown topic config name: no.such.key"),
            (["min.compaction.lag.ms": "10", "max.compaction.lag.ms": "5"],
             "conflict topic config setting min.compaction.lag.ms (10) > max.compaction.lag.ms (5)"),
        ]
        for (configs, sentence) in cases {
            #expect(TopicConfigs.problem(with: configs) == sentence)
        }
        #expect(TopicConfigs.problem(with: ["cleanup.policy": "compact,delete", "min.cleanable.dirty.ratio": "0",
                                            "max.compaction.lag.ms": "100", "min.compaction.lag.ms": "100"]) == nil)
        #expect(BrokerConfigs.definition("log.cleaner.enable")?.problem(with: "yes")
                    == "Invalid value yes for configuration log.cleaner.enable: Expected value to be either true or false")
        #expect(BrokerConfigs.definition("log.cleaner.min.cleanable.ratio")?.problem(with: "-0.1")
                    == "Invalid value -0.1 for configuration log.cleaner.min.cleanable.ratio: Value must be at least 0")
        #expect(BrokerConfigs.definition("log.cleanup.policy")?.problem(with: "delete,compact") == nil)
    }
}
