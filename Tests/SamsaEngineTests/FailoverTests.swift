import NIOCore
import Testing
@testable import SamsaEngine
@testable import SamsaProtocol

@Suite struct FailoverTests {
    let tp = TopicPartition("orders", 0)

    @Test func anIsolatedLeaderIsFencedAfterItsSessionAndRejoinsAfterHealing() throws {
        let h = try ReplicationHarness(settings: ["broker.session.timeout.ms": "300"])
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 3)
        #expect(try h.produce(tp, ["a"]).error == ErrorCode.none)
        let old = try #require(h.state(of: tp))
        try h.cluster.isolateBroker(old.leader)
        #expect(h.cluster.broker(old.leader)?.status == .isolated)
        #expect(eventually { h.state(of: tp)?.leader != old.leader }, "the controller fences it and elects another leader")
        #expect(!h.cluster.liveBrokerIds.contains(old.leader))
        #expect(try h.produce(tp, ["b"]).error == ErrorCode.none)
        try h.cluster.heal()
        #expect(h.cluster.broker(old.leader)?.status == .online)
        #expect(eventually { h.state(of: tp)?.isr.contains(old.leader) == true })
        #expect(eventually { (try? h.values(tp, on: old.leader)) == ["a", "b"] })
    }

    @Test func withoutUncleanElectionAPartitionWaitsForAnInSyncReplica() throws {
        let h = try ReplicationHarness(brokers: 2)
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 2)
        #expect(try h.produce(tp, ["a"]).error == ErrorCode.none)
        let state = try #require(h.state(of: tp))
        let follower = state.replicas.first { $0 != state.leader }!
        try h.cluster.killBroker(follower)
        #expect(try h.produce(tp, ["b"]).error == ErrorCode.none, "the leader alone is the ISR now")
        try h.cluster.killBroker(state.leader)
        #expect(h.state(of: tp)?.leader == -1)
        #expect(h.cluster.events.since().contains { $0.kind == .partitionOffline })
        try h.cluster.startBroker(follower)
        #expect(h.state(of: tp)?.leader == -1, "an out-of-sync replica may not lead: it lacks b")
        try h.cluster.startBroker(state.leader)
        #expect(h.state(of: tp)?.leader == state.leader)
        #expect(eventually { (try? h.values(tp, on: follower)) == ["a", "b"] })
    }

    @Test func uncleanElectionTradesAcknowledgedRecordsForAvailability() throws {
        let h = try ReplicationHarness(brokers: 2, settings: ["unclean.leader.election.enable": "true"])
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 2)
        #expect(try h.produce(tp, ["a"]).error == ErrorCode.none)
        let state = try #require(h.state(of: tp))
        let follower = state.replicas.first { $0 != state.leader }!
        try h.cluster.killBroker(follower)
        #expect(try h.produce(tp, ["b"]).error == ErrorCode.none)
        try h.cluster.killBroker(state.leader)
        try h.cluster.startBroker(follower)
        #expect(h.state(of: tp)?.leader == follower, "the out-of-sync replica leads")
        #expect(try h.values(tp, on: follower) == ["a"])
        try h.cluster.startBroker(state.leader)
        #expect(eventually { (try? h.values(tp, on: state.leader)) == ["a"] }, "b is lost: the old leader follows and truncates")
    }

    @Test func groupOffsetsFollowTheCoordinatorToANewBroker() throws {
        let h = try ReplicationHarness()
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 3)
        let coordinator = try h.cluster.coordinator(for: "readers")
        let results = try coordinator.coordinator.commitOffsets(OffsetCommitParameters(
            groupId: "readers", offsets: [tp: OffsetToCommit(offset: 7, metadata: "m")]), on: h.loops.next()).wait()
        #expect(results[tp] == ErrorCode.none)
        let offsetsPartition = TopicPartition("__consumer_offsets", GroupCoordinator.partition(for: "readers", partitions: 3))
        let replicas = try #require(h.state(of: offsetsPartition)).replicas
        #expect(replicas.allSatisfy { h.cluster.broker($0)?.partition(offsetsPartition)?.logEndOffset == 1 },
                "the commit was answered only once every in-sync replica had it")
        try h.cluster.killBroker(coordinator.id)
        let told = h.cluster.events.since()
        #expect(!told.contains { $0.topicPartition?.topic == "__consumer_offsets" },
                "internal partitions are summarized, not told one by one")
        #expect(told.contains { $0.kind == .leaderElected && $0.text.contains("partition(s) of __consumer_offsets") })
        // The summaries say how many partitions changed and, for ISRs, to what size: what the workbench folds by.
        #expect(told.contains { $0.kind == .leaderElected && $0.changed?.topic == "__consumer_offsets" && ($0.changed?.count ?? 0) > 0 })
        #expect(told.contains { $0.kind == .isrShrunk && $0.changed?.topic == "__consumer_offsets" && $0.changed?.inSyncReplicaCount == 2 })
        let successor = try h.cluster.coordinator(for: "readers")
        #expect(successor.id != coordinator.id)
        let fetched = try successor.coordinator.fetchOffsets(groupId: "readers", partitions: [tp])
        #expect(fetched[tp]?.offset == 7)
        #expect(fetched[tp]?.metadata == "m")
    }

    @Test func stoppingABrokerMovesLeadershipFirstAndClosesLogsCleanly() throws {
        let h = try ReplicationHarness()
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 3, replicationFactor: 3)
        for p in 0..<3 { #expect(try h.produce(TopicPartition("orders", Int32(p)), ["x\(p)"]).error == ErrorCode.none) }
        try h.cluster.stopBroker(1)
        for p in 0..<3 { #expect(h.state(of: TopicPartition("orders", Int32(p)))?.leader != 1, "leaders move first") }
        #expect(h.cluster.broker(1)?.status == .stopping, "it still answers while clients find the new leaders")
        #expect(throws: EngineError.self) { try h.cluster.stopBroker(1) }
        #expect(eventually { h.cluster.broker(1)?.status == .stopped })
        #expect(h.cluster.broker(1)?.partitions.isEmpty == true)
        #expect(throws: EngineError.self) { try h.cluster.killBroker(7) }
        try h.cluster.startBroker(1)
        #expect(eventually { (0..<3).allSatisfy { h.state(of: TopicPartition("orders", Int32($0)))?.isr.count == 3 } })
        #expect(throws: EngineError.self) { try h.cluster.startBroker(1) }
        let snapshot = h.cluster.snapshot()
        #expect(snapshot.brokers.map(\.status) == [.online, .online, .online])
    }

    @Test func aNewLeaderNeverReportsLessThanWhatWasAcknowledged() throws {
        let h = try ReplicationHarness()
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 3)
        for round in 0..<5 {
            #expect(try h.produce(tp, ["r\(round)a", "r\(round)b"]).error == ErrorCode.none)
            let acknowledged = Int64(2 * (round + 1))
            let old = try #require(h.state(of: tp)).leader
            try h.cluster.killBroker(old)
            let leader = try #require(h.leader(of: tp))
            var latest = leader.lookupOffset(tp, timestamp: OffsetSpec.latest, in: h.cluster)
            #expect(eventually {
                latest = leader.lookupOffset(tp, timestamp: OffsetSpec.latest, in: h.cluster)
                return latest.error != .offsetNotAvailable
            })
            #expect(latest.error == ErrorCode.none)
            #expect(latest.offset == acknowledged, "a stale high watermark would hide acknowledged records")
            try h.cluster.startBroker(old)
            #expect(eventually { h.state(of: tp)?.isr.count == 3 })
        }
    }

    @Test func aGroupIsStableOnlyOnceItsAssignmentIsReplicated() throws {
        let h = try ReplicationHarness(settings: ["group.initial.rebalance.delay.ms": "0"])
        defer { h.close() }
        let broker = try h.cluster.coordinator(for: "workers")
        let loop = h.loops.next()
        let joined = try broker.coordinator.joinGroup(JoinGroupParameters(
            groupId: "workers", memberId: "", clientId: "c", clientHost: "/127.0.0.1", sessionTimeoutMs: 10000,
            rebalanceTimeoutMs: 10000, protocolType: "consumer", protocols: [MemberProtocol(name: "range", metadata: ByteBuffer())],
            requireKnownMemberId: false), on: loop).wait()
        let synced = try broker.coordinator.syncGroup(SyncGroupParameters(
            groupId: "workers", generationId: joined.generationId, memberId: joined.memberId,
            assignments: [joined.memberId: ByteBuffer(string: "all of it")]), on: loop).wait()
        #expect(synced.error == ErrorCode.none)
        let offsets = TopicPartition("__consumer_offsets", GroupCoordinator.partition(for: "workers", partitions: 3))
        let state = try #require(h.state(of: offsets))
        #expect(state.replicas.allSatisfy { h.cluster.broker($0)?.partition(offsets)?.logEndOffset ?? 0 >= 1 },
                "every in-sync replica has the group's assignment before the members hear it")
        try h.cluster.killBroker(broker.id)
        let successor = try h.cluster.coordinator(for: "workers")
        #expect(successor.coordinator.describeGroup("workers").members.first?.assignment == ByteBuffer(string: "all of it"))
    }
}
