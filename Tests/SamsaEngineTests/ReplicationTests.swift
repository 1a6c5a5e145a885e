import NIOCore
import Testing
@testable import SamsaEngine
@testable import SamsaProtocol

@Suite struct ReplicationTests {
    let tp = TopicPartition("orders", 0)

    @Test func acksAllWaitsForEveryInSyncReplicaAndConsumersSeeOnlyCommittedData() throws {
        let h = try ReplicationHarness()
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 3)
        let result = try h.produce(tp, ["a", "b", "c"])
        #expect(result.error == ErrorCode.none)
        let state = try #require(h.state(of: tp))
        for id in state.replicas {
            #expect(h.cluster.broker(id)?.partition(tp)?.logEndOffset == 3, "broker \(id) has every acknowledged record")
        }
        #expect(h.leader(of: tp)?.partition(tp)?.highWatermark == 3)
        #expect(try h.values(tp, on: state.replicas[2]) == ["a", "b", "c"])
        let snapshot = h.cluster.snapshot()
        let partition = try #require(snapshot.topics.first { $0.name == "orders" }?.partitions.first)
        #expect(partition.replicas.map(\.logEndOffset) == [3, 3, 3])
        #expect(partition.highWatermark == 3)
    }

    @Test func aKilledLeaderFailsOverToAnInSyncFollowerWithEveryAcknowledgedRecord() throws {
        let h = try ReplicationHarness()
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 3, configs: ["min.insync.replicas": "2"])
        for i in 0..<20 { #expect(try h.produce(tp, ["v\(i)"]).error == ErrorCode.none) }
        let before = try #require(h.state(of: tp))
        try h.cluster.killBroker(before.leader)
        let after = try #require(h.state(of: tp))
        #expect(after.leader != before.leader && after.leader >= 0)
        #expect(after.leaderEpoch == before.leaderEpoch + 1)
        #expect(!after.isr.contains(before.leader))
        #expect(try h.values(tp, on: after.leader) == (0..<20).map { "v\($0)" })
        #expect(try h.produce(tp, ["after"]).error == ErrorCode.none, "the new leader takes writes with two replicas in sync")
        let kinds = h.cluster.events.since().map(\.kind)
        #expect(kinds.contains(.brokerDown) && kinds.contains(.leaderElected) && kinds.contains(.isrShrunk))

        try h.cluster.startBroker(before.leader)
        #expect(eventually { h.state(of: tp)?.isr.count == 3 }, "the restarted broker catches up and rejoins the ISR")
        #expect(try h.values(tp, on: before.leader) == (0..<20).map { "v\($0)" } + ["after"])
        let elected = try h.cluster.electPreferredLeaders()
        #expect(elected.map(\.topicPartition) == [tp])
        #expect(h.state(of: tp)?.leader == before.replicas[0])
    }

    @Test func aRestartedLeaderCutsTheTailItWroteAlone() throws {
        // Fencing after a minute: the followers stay in the in-sync set while they are cut off.
        let h = try ReplicationHarness(settings: ["broker.session.timeout.ms": "60000"])
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 3)
        #expect(try h.produce(tp, ["a", "b"]).error == ErrorCode.none)
        let state = try #require(h.state(of: tp))
        let followers = state.replicas.filter { $0 != state.leader }
        // A network partition cuts the followers off: whatever their fetches would carry now is dropped, so
        // "c" and "d", acknowledged with acks=1, exist on the leader alone. (Slowing the followers instead
        // raced with their long polls timing out.)
        for follower in followers { try h.cluster.isolateBroker(follower) }
        #expect(try h.produce(tp, ["c", "d"], acks: 1).error == ErrorCode.none)
        #expect(try h.values(tp, on: state.leader) == ["a", "b", "c", "d"])
        try h.cluster.killBroker(state.leader)
        try h.cluster.heal()
        let newLeader = try #require(h.state(of: tp)?.leader)
        #expect(followers.contains(newLeader))
        #expect(try h.produce(tp, ["e"]).error == ErrorCode.none)
        try h.cluster.startBroker(state.leader)
        #expect(eventually { (try? h.values(tp, on: state.leader)) == ["a", "b", "e"] },
                "c and d, acknowledged with acks=1 by the dead leader only, are cut; e is taken from the new leader")
        #expect(h.cluster.events.since().contains { $0.kind == .followerTruncated && $0.topicPartition == tp })
    }

    @Test func tooFewInSyncReplicasRefuseAcksAllUntilOneReturns() throws {
        let h = try ReplicationHarness()
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 3, configs: ["min.insync.replicas": "2"])
        let state = try #require(h.state(of: tp))
        let followers = state.replicas.filter { $0 != state.leader }
        for id in followers { try h.cluster.killBroker(id) }
        #expect(try h.produce(tp, ["x"]).error == .notEnoughReplicas)
        #expect(try h.produce(tp, ["y"], acks: 1).error == ErrorCode.none, "acks=1 does not need the followers")
        try h.cluster.startBroker(followers[0])
        #expect(eventually { h.state(of: tp)?.isr.count == 2 })
        #expect(try h.produce(tp, ["z"]).error == ErrorCode.none)
    }

    @Test func aLaggingFollowerLeavesTheInSyncSetAndRejoinsWhenCaughtUp() throws {
        let h = try ReplicationHarness(settings: ["replica.lag.time.max.ms": "300"])
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 3)
        let state = try #require(h.state(of: tp))
        let slow = state.replicas.first { $0 != state.leader }!
        try h.cluster.setReplicationDelay(broker: slow, delayMs: 5000)
        let shrunk = eventually {
            _ = try? h.produce(self.tp, ["tick"], acks: 1)
            return h.state(of: self.tp)?.isr.contains(slow) == false
        }
        #expect(shrunk, "a follower more than replica.lag.time.max.ms behind leaves the ISR")
        // The controller's new in-sync set is visible a moment before the change is narrated.
        #expect(eventually { h.cluster.events.since().contains { $0.kind == .isrShrunk } })
        try h.cluster.setReplicationDelay(broker: slow, delayMs: 0)
        #expect(eventually { h.state(of: self.tp)?.isr.contains(slow) == true }, "it rejoins once caught up")
    }
}
