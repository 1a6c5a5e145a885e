/// The leader's assignment under the `compatible` and `sessioned` protocols, as Kafka's
/// `IncrementalCooperativeAssignor` (KIP-415): running work stays where it is; each member is told only what to
/// start and what to stop. New connectors and tasks go to the least loaded workers; a worker running more than
/// its balanced share has the surplus revoked (the members rebalance again at once and the revoked work is then
/// assigned as new); a departed worker's work is held for `scheduled.rebalance.max.delay.ms` (the assignment
/// carries the remaining delay, the members rebalance when it ends) and then handed to the workers that joined
/// empty meanwhile — the departed one coming back — or, if none did, spread as new work.
///
/// The leader keeps what it assigned last (`previousAssignment`) between rebalances, as Kafka's does; a new
/// leader starts from what the members report.
public struct IncrementalCooperativeAssignor: Sendable {
    /// What one rebalance decides: per member, what to start and what to stop, and the delay until the next.
    public struct Plan: Sendable, Equatable {
        public var assigned: [String: ConnectorsAndTasks]
        public var revoked: [String: ConnectorsAndTasks]
        public var delay: Int32
    }

    public let maxDelayMs: Int64
    var previousAssignment = ConnectorsAndTasks()
    var previousRevocation = ConnectorsAndTasks()
    var previousGenerationId: Int32 = -1
    var previousMembers: Set<String> = []
    var candidateWorkersForReassignment: Set<String> = []
    /// Milliseconds since the epoch of the delayed rebalance, 0 when none is scheduled.
    var scheduledRebalance: Int64 = 0
    var delay: Int32 = 0
    var revokedInPrevious = false
    var successiveRevokingRebalances = 0

    public init(maxDelayMs: Int64) {
        self.maxDelayMs = max(0, min(maxDelayMs, Int64(Int32.max)))
    }

    /// The assignment bytes' contents for every member: `members` is each member's JoinGroup metadata (its
    /// current allocation included); `connectors` the config snapshot's connectors with their committed task counts.
    public mutating func assign(leaderId: String, members: [String: ConnectProtocol.WorkerState], configOffset: Int64,
                                connectors: [String: Int], lastCompletedGenerationId: Int32, currentGenerationId: Int32,
                                now: Int64) -> [String: ConnectProtocol.Assignment] {
        var result = ConnectProtocol.Assignment.emptyAssignments(leaderId: leaderId, members: members, configOffset: configOffset)
        if members.values.contains(where: { $0.configOffset > configOffset }) { return result }
        let plan = performTaskAssignment(configured: ConnectorsAndTasks(taskCounts: connectors),
                                         lastCompletedGenerationId: lastCompletedGenerationId,
                                         currentGenerationId: currentGenerationId,
                                         memberAssignments: members.mapValues { ($0.assignment?.connectors ?? [], $0.assignment?.tasks ?? []) },
                                         now: now)
        for member in members.keys {
            let assigned = plan.assigned[member] ?? ConnectorsAndTasks()
            let revoked = plan.revoked[member] ?? ConnectorsAndTasks()
            result[member]?.connectors = assigned.connectors.sorted()
            result[member]?.tasks = assigned.tasks.sorted()
            result[member]?.revokedConnectors = revoked.connectors.sorted()
            result[member]?.revokedTasks = revoked.tasks.sorted()
            result[member]?.delay = plan.delay
        }
        return result
    }

    /// Kafka's `performTaskAssignment`: `memberAssignments` is what each member runs now, in the order it
    /// reported it; `now` is in milliseconds.
    public mutating func performTaskAssignment(configured: ConnectorsAndTasks, lastCompletedGenerationId: Int32,
                                               currentGenerationId: Int32,
                                               memberAssignments: [String: (connectors: [String], tasks: [ConnectorTaskId])],
                                               now: Int64) -> Plan {
        // A previous view from another generation (the leader failed to sync) cannot be trusted.
        if previousGenerationId != lastCompletedGenerationId { previousAssignment = ConnectorsAndTasks() }
        let loads = memberAssignments.keys.sorted().map {
            WorkerLoad(worker: $0, connectors: memberAssignments[$0]!.connectors, tasks: memberAssignments[$0]!.tasks)
        }
        let active = loads.reduce(ConnectorsAndTasks()) { $0.union(ConnectorsAndTasks(connectors: $1.connectors, tasks: $1.tasks)) }

        // A revocation the members did not carry out: start again from what they run.
        if !previousRevocation.isEmpty {
            if !previousRevocation.intersection(active).isEmpty { previousAssignment = active }
            previousRevocation = ConnectorsAndTasks()
        }
        // Kafka subtracts from its previous view only; a new leader has none, so what runs counts too.
        let deleted = previousAssignment.union(active).subtracting(configured)
        let duplicated = Self.duplicated(loads)
        let lost = previousAssignment.subtracting(active, deleted)
        let created = configured.subtracting(previousAssignment, active)

        var current = loads
        for index in current.indices { current[index].remove(deleted) }
        var toRevoke: [String: ConnectorsAndTasks] = [:]
        for load in loads {
            let mine = ConnectorsAndTasks(connectors: load.connectors, tasks: load.tasks)
            let revoke = mine.intersection(deleted.union(duplicated))
            if !revoke.isEmpty { toRevoke[load.worker] = revoke }
        }
        var next = current
        for index in next.indices { next[index].remove(duplicated) }

        var lostToReassign = ConnectorsAndTasks()
        handleLostAssignments(lost, reassign: &lostToReassign, workers: &next, now: now)

        // No balancing while a delayed rebalance is pending.
        if delay == 0 {
            let balancing = Self.loadBalancingRevocations(configured: configured, workers: next)
            if revokedInPrevious && !balancing.isEmpty {
                // Revoking rebalances one after another: back off (1 ms × 40^n, at most the max delay).
                successiveRevokingRebalances += 1
                delay = maxDelayMs == 0 ? 0 : Int32(min(Double(maxDelayMs), pow40(successiveRevokingRebalances)))
                if delay != 0 {
                    scheduledRebalance = now + Int64(delay)
                } else {
                    revoke(balancing, into: &toRevoke, from: &next)
                }
            } else if !balancing.isEmpty {
                revoke(balancing, into: &toRevoke, from: &next)
                revokedInPrevious = true
            } else if revokedInPrevious {
                revokedInPrevious = false
                successiveRevokingRebalances = 0
            }
        } else {
            revokedInPrevious = false
        }

        let toAssign = created.union(lostToReassign)
        Self.spread(toAssign.connectors.sorted(), over: &next, size: \.connectors.count) { $0.connectors.append($1) }
        Self.spread(toAssign.tasks.sorted(), over: &next, size: \.tasks.count) { $0.tasks.append($1) }

        var assigned: [String: ConnectorsAndTasks] = [:]
        var nextAll = ConnectorsAndTasks()
        for load in next {
            let before = current.first { $0.worker == load.worker }!
            assigned[load.worker] = ConnectorsAndTasks(connectors: load.connectors, tasks: load.tasks)
                .subtracting(ConnectorsAndTasks(connectors: before.connectors, tasks: before.tasks))
            nextAll = nextAll.union(ConnectorsAndTasks(connectors: load.connectors, tasks: load.tasks))
        }
        // What the next rebalance compares with: the work placed now, the revoked excepted, the lost included.
        var revokedAll = ConnectorsAndTasks()
        for revoked in toRevoke.values { revokedAll = revokedAll.union(revoked) }
        previousAssignment = nextAll.subtracting(revokedAll).union(lost)
        previousRevocation = revokedAll
        previousGenerationId = currentGenerationId
        previousMembers = Set(memberAssignments.keys)
        return Plan(assigned: assigned, revoked: toRevoke, delay: delay)
    }

    private func revoke(_ balancing: [String: ConnectorsAndTasks], into toRevoke: inout [String: ConnectorsAndTasks],
                        from workers: inout [WorkerLoad]) {
        for (worker, revoked) in balancing {
            toRevoke[worker] = (toRevoke[worker] ?? ConnectorsAndTasks()).union(revoked)
            if let index = workers.firstIndex(where: { $0.worker == worker }) { workers[index].remove(revoked) }
        }
    }

    private func pow40(_ exponent: Int) -> Double {
        var value = 1.0
        for _ in 0..<min(exponent, 10) { value *= 40 }
        return value
    }

    static func duplicated(_ loads: [WorkerLoad]) -> ConnectorsAndTasks {
        var connectorCounts: [String: Int] = [:]
        var taskCounts: [ConnectorTaskId: Int] = [:]
        for load in loads {
            for name in load.connectors { connectorCounts[name, default: 0] += 1 }
            for id in load.tasks { taskCounts[id, default: 0] += 1 }
        }
        return ConnectorsAndTasks(connectors: connectorCounts.filter { $0.value > 1 }.keys,
                                  tasks: taskCounts.filter { $0.value > 1 }.keys)
    }
}

extension ConnectProtocol.Assignment {
    /// An assignment per member with nothing in it; every member gets `configMismatch` when one has read further
    /// in the config topic than the leader (everyone must catch up and rejoin).
    static func emptyAssignments(leaderId: String, members: [String: ConnectProtocol.WorkerState],
                                 configOffset: Int64) -> [String: ConnectProtocol.Assignment] {
        let leaderUrl = members[leaderId]?.url ?? ""
        let mismatch = members.values.contains { $0.configOffset > configOffset }
        return members.mapValues { _ in
            ConnectProtocol.Assignment(error: mismatch ? configMismatch : noError, leader: leaderId, leaderUrl: leaderUrl,
                                       configOffset: configOffset)
        }
    }
}
