import NIOCore
import Testing
@testable import SamsaEngine
@testable import SamsaProtocol

@Suite struct GroupRebalanceTests {
    @Test func partitionForGroupMatchesJavaStringHashCode() {
        // "hello".hashCode() == 99162322; "polygenelubricants".hashCode() == Integer.MIN_VALUE.
        #expect(GroupCoordinator.partition(for: "hello", partitions: 50) == 99_162_322 % 50)
        #expect(GroupCoordinator.partition(for: "polygenelubricants", partitions: 50) == 0)
        #expect(GroupCoordinator.partition(for: "", partitions: 7) == 0)
    }

    @Test func newMemberGetsIdThenFormsGenerationOneAfterTheInitialDelay() throws {
        let h = try GroupHarness()
        defer { h.close() }
        let c = try h.coordinator("g")
        let first = join(c, h.loop, group: "g", requireKnownId: true)
        h.loop.run()
        #expect(first.value?.error == .memberIdRequired)
        let memberId = try #require(first.value?.memberId)
        #expect(!memberId.isEmpty)
        let joined = join(c, h.loop, group: "g", member: memberId, requireKnownId: true)
        h.advance(ms: 50)
        #expect(joined.value == nil, "completed before the initial rebalance delay")
        #expect(c.describeGroup("g").state == .preparingRebalance)
        h.advance(ms: 60)
        let result = try #require(joined.value)
        #expect(result.error == .none)
        #expect(result.generationId == 1)
        #expect(result.leader == memberId)
        #expect(result.protocolName == "range")
        #expect(result.members.map(\.memberId) == [memberId])
        #expect(c.describeGroup("g").state == .completingRebalance)

        let synced = sync(c, h.loop, group: "g", member: memberId, generation: 1, assignments: [memberId: "p0,p1"])
        h.loop.run()
        #expect(synced.value?.error == ErrorCode.none)
        #expect(synced.value?.assignment == ByteBuffer(string: "p0,p1"))
        let described = c.describeGroup("g")
        #expect(described.state == .stable)
        #expect(described.members.first?.assignment == ByteBuffer(string: "p0,p1"))
    }

    @Test func membersJoiningDuringTheDelayShareOneGenerationAndFollowersWaitForTheLeader() throws {
        let h = try GroupHarness()
        defer { h.close() }
        let c = try h.coordinator("g")
        let a = join(c, h.loop, group: "g")
        h.advance(ms: 60)
        let b = join(c, h.loop, group: "g")
        h.advance(ms: 60)
        #expect(a.value == nil, "the delay should extend when a member joins during it")
        h.advance(ms: 100)
        let ra = try #require(a.value), rb = try #require(b.value)
        #expect(ra.generationId == 1 && rb.generationId == 1)
        #expect(ra.leader == ra.memberId)
        #expect(ra.members.count == 2)
        #expect(rb.members.isEmpty, "only the leader receives the member list")

        let followerSync = sync(c, h.loop, group: "g", member: rb.memberId, generation: 1)
        h.loop.run()
        #expect(followerSync.value == nil, "a follower waits for the leader's assignment")
        _ = sync(c, h.loop, group: "g", member: ra.memberId, generation: 1,
                 assignments: [ra.memberId: "A", rb.memberId: "B"])
        h.loop.run()
        #expect(followerSync.value?.assignment == ByteBuffer(string: "B"))
    }

    @Test func aNewMemberTriggersARebalanceThatCompletesWhenEveryoneRejoins() throws {
        let h = try GroupHarness()
        defer { h.close() }
        let c = try h.coordinator("g")
        let (a, _) = try stableGroupOfOne(h, c)
        let newcomer = join(c, h.loop, group: "g")
        h.loop.run()
        #expect(c.describeGroup("g").state == .preparingRebalance)
        #expect(c.heartbeat(groupId: "g", memberId: a, generationId: 1) == .rebalanceInProgress)
        #expect(newcomer.value == nil, "waits for the existing member to rejoin")
        let rejoin = join(c, h.loop, group: "g", member: a)
        h.loop.run()
        #expect(rejoin.value?.generationId == 2)
        #expect(newcomer.value?.generationId == 2)
        #expect(rejoin.value?.leader == a, "the leader stays leader across generations")
        #expect(rejoin.value?.members.count == 2)
    }

    @Test func aMemberThatDoesNotRejoinIsDroppedAtTheRebalanceTimeout() throws {
        let h = try GroupHarness()
        defer { h.close() }
        let c = try h.coordinator("g")
        let (a, _) = try stableGroupOfOne(h, c, rebalance: 5000)
        let newcomer = join(c, h.loop, group: "g", rebalance: 5000)
        h.advance(ms: 4000)
        #expect(c.heartbeat(groupId: "g", memberId: a, generationId: 1) == .rebalanceInProgress)
        h.advance(ms: 1100)
        let result = try #require(newcomer.value)
        #expect(result.generationId == 2)
        #expect(result.members.map(\.memberId) == [result.memberId], "the silent member is gone; the newcomer leads")
        #expect(c.heartbeat(groupId: "g", memberId: a, generationId: 2) == .unknownMemberId)
    }

    @Test func sessionTimeoutEvictsADeadMemberAndTheOthersRebalance() throws {
        let h = try GroupHarness()
        defer { h.close() }
        let c = try h.coordinator("g")
        let a = join(c, h.loop, group: "g", session: 6000)
        let b = join(c, h.loop, group: "g", session: 6000)
        h.advance(ms: 250)  // a second joiner extends the initial delay once
        let ra = try #require(a.value), rb = try #require(b.value)
        _ = sync(c, h.loop, group: "g", member: ra.memberId, generation: 1, assignments: [ra.memberId: "A", rb.memberId: "B"])
        _ = sync(c, h.loop, group: "g", member: rb.memberId, generation: 1)
        h.loop.run()
        for _ in 0..<2 {
            h.advance(ms: 2000)
            #expect(c.heartbeat(groupId: "g", memberId: ra.memberId, generationId: 1) == .none)
        }
        h.advance(ms: 2500)
        // b has been silent since its sync 6.5 s ago, longer than its 6 s session.
        #expect(c.describeGroup("g").members.map(\.memberId) == [ra.memberId])
        #expect(c.heartbeat(groupId: "g", memberId: ra.memberId, generationId: 1) == .rebalanceInProgress)
        let rejoin = join(c, h.loop, group: "g", member: ra.memberId, session: 6000)
        h.loop.run()
        #expect(rejoin.value?.generationId == 2)
        #expect(rejoin.value?.members.count == 1)
    }

    @Test func leavingMembersRebalanceAndTheLastOneLeavesTheGroupEmpty() throws {
        let h = try GroupHarness()
        defer { h.close() }
        let c = try h.coordinator("g")
        let (a, _) = try stableGroupOfOne(h, c)
        let left = c.leaveGroup(groupId: "g", members: [LeavingMember(memberId: a)])
        h.loop.run()
        #expect(left.error == .none && left.members == [.none])
        let group = c.describeGroup("g")
        #expect(group.state == .empty)
        #expect(group.generationId == 2)
        #expect(c.leaveGroup(groupId: "g", members: [LeavingMember(memberId: a)]).members == [.unknownMemberId])
    }

    @Test func protocolIsChosenByVoteAmongThoseEveryMemberSupports() throws {
        let h = try GroupHarness()
        defer { h.close() }
        let c = try h.coordinator("g")
        let a = join(c, h.loop, group: "g", protocols: [("range", "a"), ("roundrobin", "a")])
        let b = join(c, h.loop, group: "g", protocols: [("roundrobin", "b"), ("range", "b")])
        let d = join(c, h.loop, group: "g", protocols: [("roundrobin", "d"), ("sticky", "d")])
        h.advance(ms: 500)
        #expect(a.value?.protocolName == "roundrobin")
        #expect(a.value?.members.map { String(buffer: $0.metadata) } == ["a", "b", "d"])
        #expect(b.value?.error == ErrorCode.none && d.value?.error == ErrorCode.none)
        let stranger = join(c, h.loop, group: "g", protocols: [("sticky", "x")])
        h.loop.run()
        #expect(stranger.value?.error == .inconsistentGroupProtocol)
        let otherType = join(c, h.loop, group: "g", protocols: [("roundrobin", "x")], type: "connect")
        h.loop.run()
        #expect(otherType.value?.error == .inconsistentGroupProtocol)
    }

    /// One member, synced: returns its id and the group's generation.
    func stableGroupOfOne(_ h: GroupHarness, _ c: GroupCoordinator, rebalance: Int32 = 30000) throws -> (String, Int32) {
        let a = join(c, h.loop, group: "g", rebalance: rebalance)
        h.advance(ms: 150)
        let ra = try #require(a.value)
        _ = sync(c, h.loop, group: "g", member: ra.memberId, generation: ra.generationId, assignments: [ra.memberId: "all"])
        h.loop.run()
        #expect(c.describeGroup("g").state == .stable)
        return (ra.memberId, ra.generationId)
    }
}
