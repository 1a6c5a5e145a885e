import NIOCore
import Testing
@testable import SamsaEngine
@testable import SamsaProtocol

/// DeleteRecords at the leader and its log start carried to the followers, as Kafka does it.
@Suite struct DeleteRecordsTests {
    let tp = TopicPartition("orders", 0)

    @Test func theLogStartMovesOnEveryReplicaAndSurvivesARestart() throws {
        let h = try ReplicationHarness()
        defer { h.close() }
        // Small segments: the deletion drops whole segments below the new log start.
        try h.cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 3, configs: ["segment.bytes": "200"])
        for i in 0..<10 { #expect(try h.produce(tp, ["value-\(i)"]).error == ErrorCode.none) }
        let state = try #require(h.state(of: tp))
        let leader = try #require(h.cluster.broker(state.leader))
        let segmentsBefore = try #require(leader.partition(tp)).log.segmentCount
        let deleted = try leader.deleteRecords(tp, before: 6, in: h.cluster).get()
        #expect(deleted.requested == 6)
        #expect(deleted.partition.logStartOffset == 6)
        #expect(deleted.partition.log.segmentCount < segmentsBefore, "whole segments below offset 6 are gone")
        let done = try deleted.partition.waitForLogStart(6, live: h.cluster.liveBrokerIds, timeoutMs: 30_000,
                                                         on: h.loops.next()).wait()
        #expect(done == ErrorCode.none, "every follower's log start reached 6")
        #expect(deleted.partition.lowWatermark(live: h.cluster.liveBrokerIds) == 6)
        for id in state.replicas {
            #expect(h.cluster.broker(id)?.partition(tp)?.logStartOffset == 6, "broker \(id) starts at 6")
            // A read from the log start begins at value-6 (it reads one segment; the end is still 10).
            #expect(try h.values(tp, on: id).first == "value-6", "broker \(id) reads from offset 6 on")
            #expect(h.cluster.broker(id)?.partition(tp)?.logEndOffset == 10)
        }
        let follower = try #require(state.replicas.first { $0 != state.leader })
        try h.cluster.stopBroker(follower)
        #expect(eventually { (try? h.cluster.startBroker(follower)) != nil }, "the follower starts again once it has shut down")
        #expect(eventually { h.cluster.broker(follower)?.partition(tp)?.logStartOffset == 6 }, "the follower's log start is on disk")
        try h.cluster.stopBroker(state.leader)
        let newLeader = try #require(h.state(of: tp)?.leader)
        #expect(newLeader != state.leader && newLeader >= 0)
        let lookup = try #require(h.cluster.broker(newLeader)).lookupOffset(tp, timestamp: OffsetSpec.earliest, in: h.cluster)
        #expect(lookup.offset == 6, "the new leader's earliest offset is the deleted-to offset")
    }

    @Test func errorsAreKafkas() throws {
        let h = try ReplicationHarness(brokers: 2)
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 2)
        try h.cluster.createTopic(name: "compacted", partitions: 1, replicationFactor: 1, configs: ["cleanup.policy": "compact"])
        for i in 0..<5 { #expect(try h.produce(tp, ["v\(i)"]).error == ErrorCode.none) }
        let state = try #require(h.state(of: tp))
        let leader = try #require(h.cluster.broker(state.leader))
        let follower = try #require(h.cluster.broker(state.replicas.first { $0 != state.leader }!))
        func code(_ broker: Broker, _ tp: TopicPartition, _ offset: Int64) -> ErrorCode {
            switch broker.deleteRecords(tp, before: offset, in: h.cluster) {
            case .success: return .none
            case .failure(let error): return error.code
            }
        }
        #expect(code(leader, tp, 6) == .offsetOutOfRange, "past the high watermark")
        #expect(code(leader, tp, -2) == .offsetOutOfRange)
        #expect(code(follower, tp, 1) == .notLeaderOrFollower)
        #expect(code(leader, TopicPartition("missing", 0), 1) == .unknownTopicOrPartition)
        let compacted = TopicPartition("compacted", 0)
        #expect(code(try #require(h.leader(of: compacted)), compacted, 0) == .policyViolation)
        #expect(code(leader, TopicPartition("__consumer_offsets", 0), 0) == .invalidTopicException)
        // Offset -1 means the high watermark; deleting below the log start again changes nothing.
        let all = try leader.deleteRecords(tp, before: DeleteRecordsRequest.highWatermark, in: h.cluster).get()
        #expect(all.requested == 5 && all.partition.logStartOffset == 5)
        #expect(code(leader, tp, 2) == ErrorCode.none)
        #expect(all.partition.logStartOffset == 5)
        #expect(leader.lookupOffset(tp, timestamp: OffsetSpec.earliest, in: h.cluster).offset == 5)
        #expect(leader.lookupOffset(tp, timestamp: OffsetSpec.latest, in: h.cluster).offset == 5)
    }

    @Test func aWaitForAFollowerThatNeverFetchesTimesOut() throws {
        let h = try ReplicationHarness(brokers: 2, settings: ["broker.session.timeout.ms": "60000"])
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 2)
        for i in 0..<3 { #expect(try h.produce(tp, ["v\(i)"]).error == ErrorCode.none) }
        let state = try #require(h.state(of: tp))
        let partition = try #require(h.cluster.broker(state.leader)?.partition(tp))
        // Cut off, the follower stays alive (and in sync for a minute) but never hears of the new log start.
        try h.cluster.isolateBroker(state.replicas.first { $0 != state.leader }!)
        let live = Set(state.replicas)
        let deleted = try partition.deleteRecords(before: 2, live: live)
        #expect(deleted.lowWatermark < 2)
        let answer = try partition.waitForLogStart(2, live: live, timeoutMs: 200, on: h.loops.next()).wait()
        #expect(answer == .requestTimedOut)
    }
}
