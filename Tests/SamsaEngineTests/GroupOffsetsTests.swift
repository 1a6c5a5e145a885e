import NIOCore
import Testing
@testable import SamsaEngine
@testable import SamsaProtocol

@Suite struct GroupOffsetsTests {
    @Test func badRequestsGetKafkasErrorsAndLoseNothing() throws {
        let h = try GroupHarness()
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 2)
        let c = try h.coordinator("g")
        let a = join(c, h.loop, group: "g")
        h.advance(ms: 150)
        let member = try #require(a.value?.memberId)
        #expect(sync(c, h.loop, group: "g", member: "nobody", generation: 1).valueAfterRun(h)?.error == .unknownMemberId)
        #expect(sync(c, h.loop, group: "g", member: member, generation: 7).valueAfterRun(h)?.error == .illegalGeneration)
        #expect(sync(c, h.loop, group: "other", member: member, generation: 1).valueAfterRun(h)?.error == .unknownMemberId,
                "sync before join")
        _ = sync(c, h.loop, group: "g", member: member, generation: 1, assignments: [member: "x"]).valueAfterRun(h)
        #expect(c.heartbeat(groupId: "g", memberId: member, generationId: 0) == .illegalGeneration)
        #expect(c.heartbeat(groupId: "g", memberId: "ghost", generationId: 1) == .unknownMemberId)
        #expect(join(c, h.loop, group: "g", session: 10).valueAfterRun(h)?.error == .invalidSessionTimeout)
        #expect(join(c, h.loop, group: "", session: 10000).valueAfterRun(h)?.error == .invalidGroupId)

        let good = commit(c, h, OffsetCommitParameters(groupId: "g", generationId: 1, memberId: member,
                                                          offsets: [TopicPartition("orders", 0): OffsetToCommit(offset: 5)]))
        #expect(good[TopicPartition("orders", 0)] == ErrorCode.none)
        let mixed = commit(c, h, OffsetCommitParameters(
            groupId: "g", generationId: 1, memberId: member,
            offsets: [TopicPartition("orders", 1): OffsetToCommit(offset: 9),
                      TopicPartition("orders", 7): OffsetToCommit(offset: 1),
                      TopicPartition("nope", 0): OffsetToCommit(offset: 1),
                      TopicPartition("orders", 0): OffsetToCommit(offset: 6, metadata: String(repeating: "m", count: 5000))]))
        #expect(mixed[TopicPartition("orders", 1)] == ErrorCode.none)
        #expect(mixed[TopicPartition("orders", 7)] == .unknownTopicOrPartition)
        #expect(mixed[TopicPartition("nope", 0)] == .unknownTopicOrPartition)
        #expect(mixed[TopicPartition("orders", 0)] == .offsetMetadataTooLarge)
        let stale = commit(c, h, OffsetCommitParameters(groupId: "g", generationId: 0, memberId: member,
                                                           offsets: [TopicPartition("orders", 0): OffsetToCommit(offset: 99)]))
        #expect(stale[TopicPartition("orders", 0)] == .illegalGeneration)
        let stranger = commit(c, h, OffsetCommitParameters(groupId: "g", generationId: 1, memberId: "ghost",
                                                              offsets: [TopicPartition("orders", 0): OffsetToCommit(offset: 99)]))
        #expect(stranger[TopicPartition("orders", 0)] == .unknownMemberId)

        let stored = try c.fetchOffsets(groupId: "g", partitions: [TopicPartition("orders", 0), TopicPartition("orders", 1)])
        #expect(stored[TopicPartition("orders", 0)]?.offset == 5, "no failed commit may overwrite the stored offset")
        #expect(stored[TopicPartition("orders", 1)]?.offset == 9)
        #expect(c.describeGroup("g").state == .stable, "the group stays consistent")
    }

    @Test func offsetsAndGroupsSurviveARestart() throws {
        let h = try GroupHarness()
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 2)
        var c = try h.coordinator("g")
        let a = join(c, h.loop, group: "g", session: 30000)
        h.advance(ms: 150)
        let member = try #require(a.value?.memberId)
        _ = sync(c, h.loop, group: "g", member: member, generation: 1, assignments: [member: "orders-0,1"]).valueAfterRun(h)
        _ = commit(c, h, OffsetCommitParameters(groupId: "g", generationId: 1, memberId: member,
                                                   offsets: [TopicPartition("orders", 0): OffsetToCommit(offset: 3, metadata: "m"),
                                                             TopicPartition("orders", 1): OffsetToCommit(offset: 4)]))
        _ = commit(c, h, OffsetCommitParameters(groupId: "g", generationId: 1, memberId: member,
                                                   offsets: [TopicPartition("orders", 0): OffsetToCommit(offset: 8)]))
        _ = commit(c, h, OffsetCommitParameters(groupId: "simple", offsets: [TopicPartition("orders", 1): OffsetToCommit(offset: 2)]))

        try h.restart()
        c = try h.coordinator("g")
        let offsets = try c.fetchOffsets(groupId: "g", partitions: nil)
        #expect(offsets[TopicPartition("orders", 0)] == CommittedOffset(offset: 8, metadata: "", commitTimestamp: offsets[TopicPartition("orders", 0)]!.commitTimestamp))
        #expect(offsets[TopicPartition("orders", 1)]?.offset == 4)
        let group = c.describeGroup("g")
        #expect(group.state == .stable)
        #expect(group.generationId == 1)
        #expect(group.members.map(\.memberId) == [member])
        #expect(group.members.first?.assignment == ByteBuffer(string: "orders-0,1"))
        #expect(c.heartbeat(groupId: "g", memberId: member, generationId: 1) == .none, "the member carries on after the restart")
        let simple = try h.coordinator("simple").fetchOffsets(groupId: "simple", partitions: [TopicPartition("orders", 1)])
        #expect(simple[TopicPartition("orders", 1)]?.offset == 2)
    }

    @Test func onlyEmptyGroupsCanBeDeletedAndDeletionIsDurable() throws {
        let h = try GroupHarness()
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1)
        let c = try h.coordinator("g")
        let a = join(c, h.loop, group: "g")
        h.advance(ms: 150)
        let member = try #require(a.value?.memberId)
        _ = sync(c, h.loop, group: "g", member: member, generation: 1, assignments: [:]).valueAfterRun(h)
        _ = commit(c, h, OffsetCommitParameters(groupId: "g", generationId: 1, memberId: member,
                                                   offsets: [TopicPartition("orders", 0): OffsetToCommit(offset: 3)]))
        #expect(c.deleteGroups(["g", "missing"]) == ["g": .nonEmptyGroup, "missing": .groupIdNotFound])
        _ = c.leaveGroup(groupId: "g", members: [LeavingMember(memberId: member)])
        #expect(c.deleteGroups(["g"]) == ["g": ErrorCode.none])
        #expect(c.describeGroup("g").state == .dead)
        try h.restart()
        let reopened = try h.coordinator("g")
        #expect(reopened.listGroups().map(\.groupId).contains("g") == false)
        #expect(try reopened.fetchOffsets(groupId: "g", partitions: [TopicPartition("orders", 0)])[TopicPartition("orders", 0)]?.offset == -1)
    }

    @Test func staticMemberRejoiningFencesItsOldIdWithoutARebalance() throws {
        let h = try GroupHarness()
        defer { h.close() }
        let c = try h.coordinator("g")
        let a = join(c, h.loop, group: "g", instance: "worker-1")
        let b = join(c, h.loop, group: "g", instance: "worker-2")
        h.advance(ms: 250)  // a second joiner extends the initial delay once
        let ra = try #require(a.value), rb = try #require(b.value)
        _ = sync(c, h.loop, group: "g", member: ra.memberId, generation: 1, assignments: [ra.memberId: "A", rb.memberId: "B"]).valueAfterRun(h)
        let again = join(c, h.loop, group: "g", instance: "worker-2").valueAfterRun(h)
        let newId = try #require(again?.memberId)
        #expect(again?.error == ErrorCode.none)
        #expect(newId != rb.memberId)
        #expect(again?.generationId == 1, "a restarted static member rejoins without a rebalance")
        #expect(c.describeGroup("g").state == .stable)
        #expect(sync(c, h.loop, group: "g", member: newId, generation: 1).valueAfterRun(h)?.assignment == ByteBuffer(string: "B"))
        #expect(c.heartbeat(groupId: "g", memberId: rb.memberId, groupInstanceId: "worker-2", generationId: 1) == .fencedInstanceId)
        let left = c.leaveGroup(groupId: "g", members: [LeavingMember(memberId: "", groupInstanceId: "worker-2")])
        #expect(left.members == [.none])
        #expect(c.describeGroup("g").members.map(\.groupInstanceId) == ["worker-1"])
    }

    @Test func aStaticMemberBackWithOtherMetadataButTheSameProtocolCausesNoRebalance() throws {
        let h = try GroupHarness()
        defer { h.close() }
        let c = try h.coordinator("g")
        // Metadata as a consumer's subscription: after its first generation it names the partitions it owns.
        let a = join(c, h.loop, group: "g", instance: "worker-1", protocols: [("range", "sub owns 0")])
        let b = join(c, h.loop, group: "g", instance: "worker-2", protocols: [("range", "sub owns 1")])
        h.advance(ms: 250)
        let ra = try #require(a.value), rb = try #require(b.value)
        _ = sync(c, h.loop, group: "g", member: ra.memberId, generation: 1, assignments: [ra.memberId: "A", rb.memberId: "B"]).valueAfterRun(h)
        // Restarted, it owns nothing yet: the metadata differs, the protocol does not.
        let again = join(c, h.loop, group: "g", instance: "worker-2", protocols: [("range", "sub")]).valueAfterRun(h)
        #expect(again?.error == ErrorCode.none && again?.generationId == 1)
        #expect(c.describeGroup("g").state == .stable)
        // Back preferring another protocol, which the group (of one) would now choose: that rebalances.
        let c2 = try h.coordinator("solo")
        let only = join(c2, h.loop, group: "solo", instance: "worker-9", protocols: [("range", "sub")])
        h.advance(ms: 250)
        let first = try #require(only.value)
        _ = sync(c2, h.loop, group: "solo", member: first.memberId, generation: 1, assignments: [first.memberId: "A"]).valueAfterRun(h)
        let changed = join(c2, h.loop, group: "solo", instance: "worker-9", protocols: [("roundrobin", "sub"), ("range", "sub")])
        h.advance(ms: 10)
        #expect(c2.describeGroup("solo").state != .stable, "a new rebalance")
        h.advance(ms: 1000)
        #expect(changed.value?.generationId == 2 && changed.value?.protocolName == "roundrobin")
    }

    @Test func lagIsCommittedAgainstTheHighWatermark() throws {
        let h = try GroupHarness()
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1)
        let broker = h.cluster.brokers[0]
        var builder = RecordBatchBuilder()
        for i in 0..<10 { builder.append(key: nil, value: ByteBuffer(string: "v\(i)"), timestamp: 1) }
        #expect(broker.produce(TopicPartition("orders", 0), records: builder.build(), in: h.cluster).error == .none)
        let c = try h.coordinator("readers")
        _ = commit(c, h, OffsetCommitParameters(groupId: "readers", offsets: [TopicPartition("orders", 0): OffsetToCommit(offset: 4)]))
        let lag = try #require(h.cluster.groupLag().first { $0.groupId == "readers" })
        #expect(lag.partitions == [PartitionLag(topicPartition: TopicPartition("orders", 0), committedOffset: 4, logEndOffset: 10)])
        #expect(lag.totalLag == 6)
        #expect(lag.state == .empty)
    }

    @Test func offsetsOfALongEmptyGroupExpire() throws {
        let h = try GroupHarness(settings: ["offsets.retention.minutes": "1"])
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1)
        let c = try h.coordinator("old")
        _ = commit(c, h, OffsetCommitParameters(groupId: "old", offsets: [TopicPartition("orders", 0): OffsetToCommit(offset: 4)]))
        c.expireOffsets(now: currentTimeMillis() + 30_000)
        #expect(c.listGroups().map(\.groupId) == ["old"])
        c.expireOffsets(now: currentTimeMillis() + 61_000)
        #expect(c.listGroups().isEmpty)
        try h.restart()
        #expect(try h.coordinator("old").listGroups().isEmpty, "the expiry was written to the log")
    }

    @Test func onlyTheLeaderOfTheGroupsOffsetsPartitionCoordinatesIt() throws {
        let h = try GroupHarness(brokers: 3)
        defer { h.close() }
        let owner = try h.cluster.coordinator(for: "g")
        for broker in h.cluster.brokers where broker.id != owner.id {
            #expect(broker.coordinator.heartbeat(groupId: "g", memberId: "m", generationId: 1) == .notCoordinator)
            #expect(join(broker.coordinator, h.loop, group: "g").valueAfterRun(h)?.error == .notCoordinator)
        }
        let offsets = try #require(h.cluster.controller.topic("__consumer_offsets"))
        #expect(offsets.partitions.count == 3)
        #expect(offsets.isInternal)
        #expect(offsets.configs["cleanup.policy"] == "compact")
    }
}

extension Pending {
    /// Runs the loop's ready work, then returns the value if the future completed.
    func valueAfterRun(_ h: GroupHarness) -> T? {
        h.loop.run()
        return value
    }
}
