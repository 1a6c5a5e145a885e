import Testing
@testable import SamsaEngine

/// The controller role moves only when its holder leaves, as with a KRaft quorum leader: a broker that
/// comes back does not take it back because its id is lower.
@Suite struct ControllerElectionTests {
    @Test func aRestartedBrokerDoesNotTakeTheControllerBack() throws {
        let h = try ReplicationHarness()
        defer { h.close() }
        #expect(h.cluster.controllerId == 0)
        try h.cluster.killBroker(0)
        #expect(h.cluster.controllerId == 1)
        #expect(h.cluster.snapshot().controllerId == 1)
        #expect(h.cluster.events.since().contains { $0.kind == .controllerElected && $0.brokerId == 1 })
        try h.cluster.startBroker(0)
        #expect(h.cluster.controllerId == 1, "broker 0 rejoins as a follower of the quorum")
        #expect(h.cluster.snapshot().controllerId == 1)
    }

    @Test func onlyTheControllerLeavingMovesIt() throws {
        let h = try ReplicationHarness()
        defer { h.close() }
        try h.cluster.killBroker(2)
        #expect(h.cluster.controllerId == 0)
        try h.cluster.killBroker(0)
        #expect(h.cluster.controllerId == 1, "the only live broker left")
        try h.cluster.killBroker(1)
        #expect(h.cluster.controllerId == -1)
        try h.cluster.startBroker(2)
        #expect(h.cluster.controllerId == 2, "the first broker back is elected")
        try h.cluster.startBroker(0)
        #expect(h.cluster.controllerId == 2)
    }
}
