import Foundation
import SamsaClient
import SamsaProtocol
import Synchronization
import Testing

/// An assignor that hands every member all partitions it subscribed to and echoes the user data it got.
final class SeenMembers: Sendable {
    let members = Mutex<[AssignorMember]>([])
    func withLock<R>(_ body: (inout [AssignorMember]) -> R) -> R { members.withLock { body(&$0) } }
}

struct EchoAssignor: PartitionAssignor {
    let name = "echo"
    let seen: SeenMembers
    func subscriptionUserData(topics: [String]) -> [UInt8]? { Array("hello \(topics.joined())".utf8) }
    func assign(members: [AssignorMember], partitionsPerTopic: [String: Int32]) -> [String: [TopicPartition]] { [:] }
    func assignWithUserData(members: [AssignorMember], partitionsPerTopic: [String: Int32]) -> [String: MemberAssignment] {
        seen.withLock { $0.append(contentsOf: members) }
        var plan: [String: MemberAssignment] = [:]
        for member in members {
            let partitions = member.topics.flatMap { t in (0..<(partitionsPerTopic[t] ?? 0)).map { TopicPartition(t, $0) } }
            plan[member.memberId] = MemberAssignment(partitions: partitions, userData: member.userData)
        }
        return plan
    }
}

final class RecordingListener: ConsumerRebalanceListener {
    let events = Mutex<[String]>([])
    let userData = Mutex<[UInt8]?>(nil)
    func onPartitionsRevoked(_ partitions: [TopicPartition]) async {
        events.withLock { $0.append("revoked \(partitions.map(\.description).joined(separator: ","))") }
    }
    func onPartitionsAssigned(_ partitions: [TopicPartition], userData: [UInt8]?) async {
        events.withLock { $0.append("assigned \(partitions.map(\.description).joined(separator: ","))") }
        self.userData.withLock { $0 = userData }
    }
}

@Suite struct RuntimeGroupConsumerTests {
    @Test func assignorUserDataOwnedPartitionsAndRebalanceCallbacks() async throws {
        let cluster = try await RuntimeTestCluster.start(brokers: 1)
        defer { cluster.stop() }
        try await cluster.createTopic("t", partitions: 2)
        let client = try cluster.client()
        let echo = EchoAssignor(seen: SeenMembers())
        var config = GroupConsumerConfig(groupId: "echo-group")
        config.assignors = [echo]
        config.heartbeatIntervalMs = 200
        let consumer = try GroupConsumer(client: client, config: config)
        let listener = RecordingListener()
        consumer.rebalanceListener = listener
        consumer.subscribe(["t"])
        try await runtimeEventually { _ = try await consumer.poll(timeout: .milliseconds(100)); return consumer.assignment.count == 2 }
        #expect(listener.events.withLock { $0 } == ["assigned t-0,t-1"])
        #expect(listener.userData.withLock { $0 } == Array("hello t".utf8))
        #expect(echo.seen.withLock { $0.first?.userData } == Array("hello t".utf8))
        #expect(echo.seen.withLock { $0.first?.ownedPartitions } == [])

        // A new subscription rebalances: the old partitions are revoked first, then reported as owned.
        try await cluster.createTopic("u", partitions: 1)
        consumer.subscribe(["t", "u"])
        try await runtimeEventually { _ = try await consumer.poll(timeout: .milliseconds(100)); return consumer.assignment.count == 3 }
        #expect(listener.events.withLock { $0 } == ["assigned t-0,t-1", "revoked t-0,t-1", "assigned t-0,t-1,u-0"])
        #expect(echo.seen.withLock { $0.last?.ownedPartitions } == [TopicPartition("t", 0), TopicPartition("t", 1)])
        await consumer.close()
        await client.close()
    }
}
