import Testing
@testable import SamsaConnect

/// Kafka's `IncrementalCooperativeAssignor` as pure functions on hand-built member states: each round feeds the
/// members' current allocations, the test applies the plan as the members would (stop the revoked, start the
/// assigned) and feeds the result to the next round.
@Suite struct DistributedCooperativeAssignorTests {
    typealias Allocation = (connectors: [String], tasks: [ConnectorTaskId])

    struct Group {
        var assignor = IncrementalCooperativeAssignor(maxDelayMs: 5000)
        var generation: Int32 = 0
        var members: [String: Allocation] = [:]
        var configured: ConnectorsAndTasks

        /// One rebalance at `now` (ms): returns the plan and applies it to `members`.
        mutating func rebalance(now: Int64 = 0) -> IncrementalCooperativeAssignor.Plan {
            generation += 1
            let plan = assignor.performTaskAssignment(configured: configured, lastCompletedGenerationId: generation - 1,
                                                      currentGenerationId: generation, memberAssignments: members, now: now)
            for (member, allocation) in members {
                let revoked = plan.revoked[member] ?? ConnectorsAndTasks()
                let assigned = plan.assigned[member] ?? ConnectorsAndTasks()
                members[member] = (allocation.connectors.filter { !revoked.connectors.contains($0) } + assigned.connectors.sorted(),
                                   allocation.tasks.filter { !revoked.tasks.contains($0) } + assigned.tasks.sorted())
            }
            return plan
        }

        func sorted(_ member: String) -> [String] {
            guard let allocation = members[member] else { return [] }
            return allocation.connectors.sorted() + allocation.tasks.sorted().map(\.description)
        }
    }

    static func work(_ items: String...) -> ConnectorsAndTasks {
        var result = ConnectorsAndTasks()
        for item in items {
            if let dash = item.lastIndex(of: "-"), let task = Int(item[item.index(after: dash)...]) {
                result.tasks.insert(ConnectorTaskId(connector: String(item[..<dash]), task: task))
            } else {
                result.connectors.insert(item)
            }
        }
        return result
    }

    @Test func aNewWorkerTakesOnlyTheSurplusInTwoRounds() {
        var group = Group(configured: ConnectorsAndTasks(taskCounts: ["c1": 3, "c2": 3]))
        group.members = ["W1": ([], [])]
        let first = group.rebalance()
        #expect(first.assigned["W1"] == Self.work("c1", "c2", "c1-0", "c1-1", "c1-2", "c2-0", "c2-1", "c2-2"))

        // W2 joins: W1 keeps running everything but its surplus (one connector, three tasks), which it stops.
        group.members["W2"] = ([], [])
        let second = group.rebalance()
        #expect(second.revoked == ["W1": Self.work("c1", "c1-0", "c1-1", "c1-2")])
        #expect(second.assignsNothing)
        #expect(second.delay == 0)

        // The follow-up rebalance gives the revoked work to W2 and touches nothing else.
        let third = group.rebalance()
        #expect(third.revoked.isEmpty)
        #expect(third.assigned["W1"] == ConnectorsAndTasks())
        #expect(third.assigned["W2"] == Self.work("c1", "c1-0", "c1-1", "c1-2"))
        #expect(group.sorted("W1") == ["c2", "c2-0", "c2-1", "c2-2"])

        // Balanced: another rebalance changes nothing.
        let fourth = group.rebalance()
        #expect(fourth.revoked.isEmpty && fourth.assignsNothing && fourth.delay == 0)
    }

    /// Three connectors of two tasks each over W1, W2, W3: round robin gives W1 a, a-0, b-1; W2 b, a-1, c-0;
    /// W3 c, b-0, c-1.
    func threeBalancedWorkers() -> Group {
        var group = Group(configured: ConnectorsAndTasks(taskCounts: ["a": 2, "b": 2, "c": 2]))
        group.members = ["W1": ([], []), "W2": ([], []), "W3": ([], [])]
        _ = group.rebalance(now: 0)
        return group
    }

    @Test func roundRobinOverEmptyWorkers() {
        let group = threeBalancedWorkers()
        #expect(group.sorted("W1") == ["a", "a-0", "b-1"])
        #expect(group.sorted("W2") == ["b", "a-1", "c-0"])
        #expect(group.sorted("W3") == ["c", "b-0", "c-1"])
    }

    @Test func aDepartedWorkersWorkWaitsForTheDelayThenGoesToTheSurvivors() {
        var group = threeBalancedWorkers()
        group.members["W2"] = nil
        let left = group.rebalance(now: 1000)
        #expect(left.delay == 5000)
        #expect(left.assignsNothing && left.revoked.isEmpty)

        // A rebalance within the delay (say a connector was paused) keeps waiting, for the remaining time only.
        let meanwhile = group.rebalance(now: 3000)
        #expect(meanwhile.delay == 3000)
        #expect(meanwhile.assignsNothing && meanwhile.revoked.isEmpty)

        // The delay is over and nobody came back: the lost work is new work for the least loaded.
        let expired = group.rebalance(now: 6000)
        #expect(expired.delay == 0)
        #expect(expired.assigned["W1"] == Self.work("b", "a-1"))
        #expect(expired.assigned["W3"] == Self.work("c-0"))
        #expect(expired.revoked.isEmpty)
        #expect(group.sorted("W1") == ["a", "b", "a-0", "a-1", "b-1"])
        #expect(group.sorted("W3") == ["c", "b-0", "c-0", "c-1"])
    }

    @Test func aWorkerBackWithinTheDelayGetsItsWorkBack() {
        var group = threeBalancedWorkers()
        group.members["W2"] = nil
        #expect(group.rebalance(now: 1000).delay == 5000)
        // W2 restarts: a new member id, running nothing. It waits with the rest.
        group.members["W2-again"] = ([], [])
        let back = group.rebalance(now: 2000)
        #expect(back.delay == 4000)
        #expect(back.assignsNothing && back.revoked.isEmpty)

        let expired = group.rebalance(now: 6000)
        #expect(expired.delay == 0)
        #expect(expired.assigned["W2-again"] == Self.work("b", "a-1", "c-0"))
        #expect(expired.assigned["W1"] == ConnectorsAndTasks() && expired.assigned["W3"] == ConnectorsAndTasks())
        #expect(expired.revoked.isEmpty)
    }

    @Test func unevenTaskCountsBalanceToTwoTwoOne() {
        var group = Group(configured: ConnectorsAndTasks(taskCounts: ["c": 5]))
        group.members = ["W1": ([], [])]
        _ = group.rebalance()
        group.members["W2"] = ([], [])
        group.members["W3"] = ([], [])
        // 5 tasks over 3 workers: two may keep 2, one 1. W1 keeps its last two and the connector.
        let revoking = group.rebalance()
        #expect(revoking.revoked == ["W1": Self.work("c-0", "c-1", "c-2")])
        let assigning = group.rebalance()
        #expect(assigning.revoked.isEmpty)
        #expect(group.sorted("W1") == ["c", "c-3", "c-4"])
        #expect(group.sorted("W2") == ["c-0", "c-2"])
        #expect(group.sorted("W3") == ["c-1"])
        let settled = group.rebalance()
        #expect(settled.revoked.isEmpty && settled.assignsNothing)
    }

    @Test func aDeletedConnectorIsRevokedFromItsWorkerWithItsTasks() {
        var group = threeBalancedWorkers()
        group.configured = ConnectorsAndTasks(taskCounts: ["a": 2, "c": 2])
        let plan = group.rebalance()
        #expect(plan.revoked == ["W2": Self.work("b"), "W1": Self.work("b-1"), "W3": Self.work("b-0")])
        #expect(plan.assignsNothing)
    }

    @Test func theLeaderAssignmentCarriesOnlyChangesRevocationsAndTheDelay() {
        var assignor = IncrementalCooperativeAssignor(maxDelayMs: 5000)
        let running = ConnectProtocol.Assignment(leader: "W1", leaderUrl: "http://w1/", configOffset: 4,
                                                 connectors: ["a"], tasks: [ConnectorTaskId(connector: "a", task: 0),
                                                                            ConnectorTaskId(connector: "a", task: 1)])
        let members = ["W1": ConnectProtocol.WorkerState(url: "http://w1/", configOffset: 4, assignment: running),
                       "W2": ConnectProtocol.WorkerState(url: "http://w2/", configOffset: 4)]
        let result = assignor.assign(leaderId: "W1", members: members, configOffset: 4, connectors: ["a": 2],
                                     lastCompletedGenerationId: 3, currentGenerationId: 4, now: 0)
        #expect(result["W1"] == ConnectProtocol.Assignment(leader: "W1", leaderUrl: "http://w1/", configOffset: 4,
                                                           revokedTasks: [ConnectorTaskId(connector: "a", task: 0)]))
        #expect(result["W2"] == ConnectProtocol.Assignment(leader: "W1", leaderUrl: "http://w1/", configOffset: 4))
        // A member further in the config topic than the leader: everyone must catch up first.
        let behind = assignor.assign(leaderId: "W1", members: members, configOffset: 3, connectors: ["a": 2],
                                     lastCompletedGenerationId: 4, currentGenerationId: 5, now: 0)
        let allMismatched = behind.values.allSatisfy { $0.error == ConnectProtocol.Assignment.configMismatch && $0.isEmpty }
        #expect(behind.count == 2 && allMismatched)
    }
}

extension IncrementalCooperativeAssignor.Plan {
    var assignsNothing: Bool { assigned.values.allSatisfy { $0.isEmpty } }
}
