import Testing
@testable import SamsaStorage

@Suite struct CleanupPolicyTests {
    @Test func parsesKafkaSpellings() {
        #expect(CleanupPolicy(configValue: "delete") == .delete)
        #expect(CleanupPolicy(configValue: "compact") == .compact)
        #expect(CleanupPolicy(configValue: "compact,delete") == [.compact, .delete])
        #expect(CleanupPolicy(configValue: "delete,compact") == [.compact, .delete])
        #expect(CleanupPolicy(configValue: " compact , delete ") == [.compact, .delete])
        for bad in ["", ",", "shred", "compact,shred", "Compact"] {
            #expect(CleanupPolicy(configValue: bad) == nil, "\(bad)")
        }
        #expect(CleanupPolicy([.delete, .compact]).configValue == "compact,delete")
        #expect(CleanupPolicy.delete.configValue == "delete")
    }

    @Test func kafkaDefaultsForCompaction() {
        let config = LogConfig()
        #expect(config.cleanupPolicy == .delete)
        #expect(config.deleteRetentionMs == 86_400_000)
        #expect(config.minCleanableDirtyRatio == 0.5)
        #expect(config.minCompactionLagMs == 0)
        #expect(config.maxCompactionLagMs == Int64.max)
    }
}
