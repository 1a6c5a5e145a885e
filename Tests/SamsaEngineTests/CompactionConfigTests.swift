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
            (["cleanup.policy": "shred"], #"cleanup.policy value "shred" is not one of: delete, compact."#),
            (["cleanup.policy": "compact,shred"], #"cleanup.policy value "shred" is not one of: delete, compact."#),
            (["cleanup.policy": ""], "cleanup.policy must list at least one of: delete, compact."),
            (["delete.retention.ms": "-5"], "delete.retention.ms must be at least 0, not -5."),
            (["min.compaction.lag.ms": "soon"], #"min.compaction.lag.ms must be a whole number, not "soon"."#),
            (["max.compaction.lag.ms": "0"], "max.compaction.lag.ms must be at least 1, not 0."),
            (["min.cleanable.dirty.ratio": "1.5"], "min.cleanable.dirty.ratio must be between 0 and 1, not 1.5."),
            (["min.cleanable.dirty.ratio": "half"], #"min.cleanable.dirty.ratio must be a number, not "half"."#),
            (["min.compaction.lag.ms": "10", "max.compaction.lag.ms": "5"],
             "min.compaction.lag.ms (10) must not be greater than max.compaction.lag.ms (5)."),
        ]
        for (configs, sentence) in cases {
            #expect(TopicConfigs.problem(with: configs) == sentence)
        }
        #expect(TopicConfigs.problem(with: ["cleanup.policy": "compact,delete", "min.cleanable.dirty.ratio": "0",
                                            "max.compaction.lag.ms": "100", "min.compaction.lag.ms": "100"]) == nil)
        #expect(BrokerConfigs.definition("log.cleaner.enable")?.problem(with: "yes") == #"log.cleaner.enable must be true or false, not "yes"."#)
        #expect(BrokerConfigs.definition("log.cleaner.min.cleanable.ratio")?.problem(with: "-0.1")
                    == "log.cleaner.min.cleanable.ratio must be between 0 and 1, not -0.1.")
        #expect(BrokerConfigs.definition("log.cleanup.policy")?.problem(with: "delete,compact") == nil)
    }
}
