import Testing
@testable import SamsaClient

@Suite struct GroupConsumerConfigTests {
    @Test func defaultsAreKafkas() {
        let config = GroupConsumerConfig(groupId: "g")
        #expect(config.sessionTimeoutMs == 45000 && config.heartbeatIntervalMs == 3000 && config.maxPollIntervalMs == 300_000)
        #expect(config.enableAutoCommit && config.autoCommitIntervalMs == 5000 && config.autoOffsetReset == .latest)
        #expect(config.assignors.map(\.name) == ["range"])
    }

    @Test func appliesKafkaPropertyNames() throws {
        var config = GroupConsumerConfig(groupId: "g")
        let unknown = try config.apply([
            "session.timeout.ms": "6000", "heartbeat.interval.ms": "500", "auto.offset.reset": "earliest",
            "enable.auto.commit": "false", "partition.assignment.strategy": "roundrobin,range", "group.instance.id": "i-1",
            "max.poll.interval.ms": "10000", "auto.commit.interval.ms": "100", "ssl.truststore.location": "x",
        ])
        #expect(unknown == ["ssl.truststore.location"])
        #expect(config.sessionTimeoutMs == 6000 && config.heartbeatIntervalMs == 500 && config.autoOffsetReset == .earliest)
        #expect(!config.enableAutoCommit && config.groupInstanceId == "i-1" && config.maxPollIntervalMs == 10000)
        #expect(config.assignors.map(\.name) == ["roundrobin", "range"])
    }

    @Test func badValuesAreOneSentence() {
        for bad in [["auto.offset.reset": "smallest"], ["partition.assignment.strategy": "sticky"], ["session.timeout.ms": "soon"],
                    ["enable.auto.commit": "yes"], ["heartbeat.interval.ms": "50000"], ["group.id": ""]] {
            var config = GroupConsumerConfig(groupId: "g")
            #expect(throws: ClientError.self, "\(bad)") { _ = try config.apply(bad) }
        }
    }
}
