import SamsaProtocol
import Testing
@testable import SamsaClient

/// Expected assignments are those of Kafka's own RangeAssignorTest and RoundRobinAssignorTest.
@Suite struct AssignorTests {
    func members(_ subscriptions: [(String, [String])]) -> [AssignorMember] {
        subscriptions.map { AssignorMember(memberId: $0.0, topics: $0.1) }
    }

    func tps(_ topic: String, _ partitions: [Int32]) -> [TopicPartition] { partitions.map { TopicPartition(topic, $0) } }

    @Test func rangeGivesEachMemberAContiguousRange() {
        let plan = RangeAssignor().assign(members: members([("c3", ["t"]), ("c1", ["t"]), ("c2", ["t"])]), partitionsPerTopic: ["t": 6])
        #expect(plan == ["c1": tps("t", [0, 1]), "c2": tps("t", [2, 3]), "c3": tps("t", [4, 5])])
    }

    @Test func rangeLeavesExtraMembersIdle() {
        let plan = RangeAssignor().assign(members: members([("c1", ["t"]), ("c2", ["t"]), ("c3", ["t"]), ("c4", ["t"])]),
                                          partitionsPerTopic: ["t": 3])
        #expect(plan == ["c1": tps("t", [0]), "c2": tps("t", [1]), "c3": tps("t", [2]), "c4": []])
    }

    @Test func rangeFavoursTheFirstMembersOnEveryTopic() {
        let plan = RangeAssignor().assign(members: members([("consumer1", ["topic1", "topic2"]), ("consumer2", ["topic1", "topic2"])]),
                                          partitionsPerTopic: ["topic1": 3, "topic2": 3])
        #expect(plan == ["consumer1": tps("topic1", [0, 1]) + tps("topic2", [0, 1]),
                         "consumer2": tps("topic1", [2]) + tps("topic2", [2])])
    }

    @Test func rangeWithMixedSubscriptions() {
        let plan = RangeAssignor().assign(
            members: members([("consumer1", ["topic1"]), ("consumer2", ["topic1", "topic2"]), ("consumer3", ["topic1"])]),
            partitionsPerTopic: ["topic1": 3, "topic2": 2])
        #expect(plan == ["consumer1": tps("topic1", [0]), "consumer2": tps("topic1", [1]) + tps("topic2", [0, 1]),
                         "consumer3": tps("topic1", [2])])
    }

    @Test func rangeSkipsTopicsWithoutMetadata() {
        let plan = RangeAssignor().assign(members: members([("c1", ["known", "missing"])]), partitionsPerTopic: ["known": 2])
        #expect(plan == ["c1": tps("known", [0, 1])])
    }

    @Test func staticMembersComeFirstInKafkaOrder() {
        let group = [AssignorMember(memberId: "a-dynamic", topics: ["t"]),
                     AssignorMember(memberId: "z-static", groupInstanceId: "instance-1", topics: ["t"])]
        let plan = RangeAssignor().assign(members: group, partitionsPerTopic: ["t": 3])
        #expect(plan == ["z-static": tps("t", [0, 1]), "a-dynamic": tps("t", [2])])
    }

    @Test func roundRobinDealsPartitionsInTurn() {
        let plan = RoundRobinAssignor().assign(members: members([("c2", ["t"]), ("c1", ["t"]), ("c3", ["t"])]),
                                               partitionsPerTopic: ["t": 6])
        #expect(plan == ["c1": tps("t", [0, 3]), "c2": tps("t", [1, 4]), "c3": tps("t", [2, 5])])
    }

    @Test func roundRobinLeavesExtraMembersIdle() {
        let plan = RoundRobinAssignor().assign(members: members([("c1", ["t"]), ("c2", ["t"]), ("c3", ["t"]), ("c4", ["t"])]),
                                               partitionsPerTopic: ["t": 3])
        #expect(plan == ["c1": tps("t", [0]), "c2": tps("t", [1]), "c3": tps("t", [2]), "c4": []])
    }

    @Test func roundRobinAcrossTopics() {
        let plan = RoundRobinAssignor().assign(members: members([("consumer1", ["topic1", "topic2"]), ("consumer2", ["topic1", "topic2"])]),
                                               partitionsPerTopic: ["topic1": 3, "topic2": 3])
        #expect(plan == ["consumer1": tps("topic1", [0, 2]) + tps("topic2", [1]),
                         "consumer2": tps("topic1", [1]) + tps("topic2", [0, 2])])
    }

    @Test func roundRobinSkipsMembersNotSubscribed() {
        let plan = RoundRobinAssignor().assign(
            members: members([("consumer1", ["topic1"]), ("consumer2", ["topic1", "topic2"]), ("consumer3", ["topic1"])]),
            partitionsPerTopic: ["topic1": 3, "topic2": 2])
        #expect(plan == ["consumer1": tps("topic1", [0]), "consumer2": tps("topic1", [1]) + tps("topic2", [0, 1]),
                         "consumer3": tps("topic1", [2])])
    }

    @Test func assignorsByKafkaNames() {
        #expect(PartitionAssignors.named("range")?.name == "range")
        #expect(PartitionAssignors.named("org.apache.kafka.clients.consumer.RoundRobinAssignor")?.name == "roundrobin")
        #expect(PartitionAssignors.named("cooperative-sticky") == nil)
    }
}
