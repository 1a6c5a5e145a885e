import Foundation
import SamsaClient

// Rebalances: what a worker joins with, what the leader assigns, and starting/stopping what the assignment says.
// Everything here runs on the herder's serial queue, except `leaderAssignments` (it only reads).
extension DistributedHerder {
    /// Each protocol `connect.protocol` allows, most preferred first, with this worker's URL and config offset.
    func joinProtocols() -> [(name: String, metadata: [UInt8])] {
        let offset = configStore.snapshot().offset
        let current = state.withLock { $0.assignment }
        let workerState = ConnectProtocol.WorkerState(url: restURL, configOffset: offset, assignment: current)
        return compatibility.offered.map { ($0.protocolName, ConnectProtocol.encodeMetadata(workerState, compatibility: $0)) }
    }

    /// The leader reads the config topic to its end, then assigns with the eager assignor under `default` and
    /// the incremental cooperative one otherwise (as Kafka's `WorkerCoordinator.onLeaderElected`).
    func leaderAssignments(_ generation: GroupMember.Generation) async throws -> [String: [UInt8]] {
        let snapshot = try await configStore.refresh()
        let negotiated = ConnectProtocol.Compatibility(protocolName: generation.protocolName) ?? .eager
        var members: [String: ConnectProtocol.WorkerState] = [:]
        for member in generation.members {
            members[member.memberId] = try ConnectProtocol.decodeMetadata(member.metadata)
        }
        let plan: [String: ConnectProtocol.Assignment]
        if negotiated == .eager {
            plan = EagerAssignor().assign(leaderId: generation.memberId, members: members, configOffset: snapshot.offset,
                                          connectors: snapshot.assignable)
        } else {
            let lastCompleted = state.withLock { $0.generation }
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            plan = cooperativeAssignor.withLock { assignor in
                assignor.assign(leaderId: generation.memberId, members: members, configOffset: snapshot.offset,
                                connectors: snapshot.assignable, lastCompletedGenerationId: lastCompleted,
                                currentGenerationId: generation.generationId, now: now)
            }
        }
        state.withLock { s in s.workers = members.mapValues(\.url) }
        let summary = plan.keys.sorted().map { "\(members[$0]?.url ?? $0) → \(Self.describe(plan[$0]!))" }.joined(separator: "; ")
        logger.info("Leader \(workerId) assigned generation \(generation.generationId) (protocol \(negotiated.protocolName)): \(summary)")
        return plan.mapValues { ConnectProtocol.encodeAssignment($0, compatibility: negotiated) }
    }

    static func describe(_ assignment: ConnectProtocol.Assignment) -> String {
        var items = assignment.connectors + assignment.tasks.map(\.description)
        if items.isEmpty { items = ["nothing"] }
        let revoked = assignment.revokedConnectors + assignment.revokedTasks.map(\.description)
        if !revoked.isEmpty { items.append("revoking " + revoked.joined(separator: ", ")) }
        if assignment.delay > 0 { items.append("delay \(assignment.delay) ms") }
        return items.joined(separator: ", ")
    }

    /// Before a rejoin: under `default` everything stops (the leader may give it to anyone); under the
    /// incremental protocols work keeps running until the leader revokes it.
    func prepareRejoin() async {
        let (negotiated, assigned) = state.withLock { ($0.negotiated, $0.assignment != nil) }
        if negotiated == .eager || !assigned { await stopEverything() }
    }

    /// Stops every connector and task this worker runs (before a rebalance, and on shutdown).
    func stopEverything() async {
        let (tasks, connectors) = state.withLock { s -> ([ConnectorTaskId], [String]) in
            defer { s.runningTasks = []; s.running = []; s.assignment = nil }
            return (s.runningTasks.sorted(), s.running.sorted())
        }
        // In parallel: each task may take up to task.shutdown.graceful.timeout.ms to commit and stop.
        await withTaskGroup(of: Void.self) { group in
            for id in tasks { group.addTask { [worker] in await worker.stopTask(id) } }
        }
        for name in connectors { await worker.stopConnector(name) }
    }

    /// Starts what the leader assigned this worker.
    func apply(_ bytes: [UInt8], generation: GroupMember.Generation) async {
        guard !bytes.isEmpty, var assignment = try? ConnectProtocol.decodeAssignment(bytes) else {
            logger.warning("Worker \(workerId) got an assignment it cannot read; rejoining")
            member?.requestRejoin()
            return
        }
        let negotiated = ConnectProtocol.Compatibility(protocolName: generation.protocolName) ?? .eager
        let wasEager = state.withLock { s in defer { s.negotiated = negotiated }; return s.negotiated == .eager }
        scheduleRebalance(afterMs: negotiated == .eager ? 0 : assignment.delay)
        let revokedSomething = !assignment.revokedConnectors.isEmpty || !assignment.revokedTasks.isEmpty
        if negotiated != .eager {
            // From eager to incremental, nothing runs any more; otherwise keep what runs, less the revoked.
            assignment = await applyIncrementally(assignment, previous: wasEager ? nil : state.withLock { $0.assignment })
        } else if !wasEager {
            // Down to eager (a worker offering only `default` joined): what this worker kept running through the
            // join is its own no longer unless the eager assignment says so.
            let (running, runningTasks) = state.withLock { ($0.running, $0.runningTasks) }
            await stopWork(connectors: running.subtracting(assignment.connectors), tasks: runningTasks.subtracting(assignment.tasks))
        }
        if assignment.error == ConnectProtocol.Assignment.configMismatch {
            logger.info("The leader's config is behind this worker's; reading the config topic and rejoining")
            _ = try? await configStore.refresh()
            member?.requestRejoin()
            return
        }
        // The leader's view is at least as new as this worker's: read up to its offset before starting anything.
        var snapshot = configStore.snapshot()
        if snapshot.offset < assignment.configOffset { snapshot = (try? await configStore.refresh()) ?? snapshot }
        currentGeneration.value = generation.generationId
        state.withLock { s in
            s.assignment = assignment
            s.generation = generation.generationId
            s.isLeader = generation.isLeader
            s.leaderUrl = assignment.leaderUrl
            s.knownConnectors = Set(snapshot.connectors)
        }
        logger.info("Worker \(workerId) generation \(generation.generationId) runs \(Self.describe(assignment))")
        // Config records the leader had not read when it assigned (a connector created meanwhile): assign again.
        if snapshot.offset > assignment.configOffset { member?.requestRejoin() }
        let (running, runningTasks) = state.withLock { ($0.running, $0.runningTasks) }
        for name in assignment.connectors.sorted() where !running.contains(name) { await startConnector(name, snapshot: snapshot) }
        for id in assignment.tasks.sorted() where !runningTasks.contains(id) { await startTask(id, snapshot: snapshot) }
        // Kafka's protocol: after giving work up, rejoin at once so the leader can hand it to another worker.
        if revokedSomething { member?.requestRejoin() }
    }

    func startConnector(_ name: String, snapshot: ConfigSnapshot) async {
        guard let config = snapshot.connectorConfigs[name] else { return }
        let target = snapshot.targetState(name)
        do {
            try await worker.startConnector(name, config: config, targetState: target)
            state.withLock { _ = $0.running.insert(name) }
        } catch {
            logger.error("Starting connector \(name) failed: \(error)")
            return
        }
        if target == .started { await reconfigureTasks(name, snapshot: snapshot) }
    }

    /// Asks the running connector for its task configs and writes them when they differ from the committed ones
    /// (the commit record makes every worker rebalance). Kafka sends them to the leader, which writes them; here
    /// the connector's own worker writes them: the config topic has one partition, so every worker applies the
    /// same records in the same order, and a connector has one owner per generation.
    func reconfigureTasks(_ name: String, snapshot: ConfigSnapshot) async {
        do {
            let configs = try await worker.connectorTaskConfigs(name)
            let committed = snapshot.tasks(name).map { snapshot.taskConfigs[$0] ?? [:] }
            guard configs != committed || snapshot.taskCounts[name] == nil else { return }
            try await configStore.putTaskConfigs(name, configs)
            logger.info("Connector \(name) has \(configs.count) task config(s) now")
        } catch {
            logger.error("Generating the task configs of connector \(name) failed: \(error)")
        }
    }

    func startTask(_ id: ConnectorTaskId, snapshot: ConfigSnapshot) async {
        guard let connectorConfig = snapshot.connectorConfigs[id.connector], let taskConfig = snapshot.taskConfigs[id] else { return }
        do {
            try await worker.startTask(id, connectorConfig: connectorConfig, taskConfig: taskConfig, targetState: snapshot.targetState(id.connector))
            state.withLock { _ = $0.runningTasks.insert(id) }
        } catch {
            logger.error("Starting task \(id) failed: \(error)")
        }
    }

    /// Reacts to a record of the config topic (on the reader's task: the work goes to the serial queue, since it
    /// may write to the config topic and wait to read its own record back).
    func configChanged(_ change: KafkaConfigStore.Change) {
        queue.submit { [self] in
            let (known, owned, ownedTasks, assigned) = state.withLock { s in
                (s.knownConnectors, s.running, s.runningTasks, s.assignment != nil)
            }
            guard assigned else { return }
            let snapshot = configStore.snapshot()
            switch change {
            case .connectorConfig(let name) where !known.contains(name), .connectorRemoved(let name) where known.contains(name):
                member?.requestRejoin()
            case .tasksCommitted(let name):
                await tasksReconfigured(name)
            case .connectorConfig(let name) where owned.contains(name):
                // A new config for a connector this worker runs: restart it, then its tasks may change.
                await worker.stopConnector(name)
                state.withLock { _ = $0.running.remove(name) }
                await startConnector(name, snapshot: snapshot)
            case .targetState(let name):
                let target = snapshot.targetState(name)
                if owned.contains(name) || ownedTasks.contains(where: { $0.connector == name }) {
                    await worker.setTargetState(name, target)
                }
                if target == .started && owned.contains(name) { await reconfigureTasks(name, snapshot: snapshot) }
            case .restartRequested(let name, let includeTasks, let onlyFailed):
                await restartLocal(name, includeTasks: includeTasks, onlyFailed: onlyFailed, snapshot: snapshot)
            default:
                break
            }
        }
    }

    /// Restarts what this worker runs of a connector (Kafka's KIP-745 restart request, read from the config topic).
    func restartLocal(_ name: String, includeTasks: Bool, onlyFailed: Bool, snapshot: ConfigSnapshot) async {
        let (owned, ownedTasks) = state.withLock { s in (s.running.contains(name), s.runningTasks.filter { $0.connector == name }) }
        if owned && (!onlyFailed || statusStore.connectorStatus(name)?.state == .failed) {
            await worker.stopConnector(name)
            state.withLock { _ = $0.running.remove(name) }
            await startConnector(name, snapshot: snapshot)
        }
        guard includeTasks else { return }
        for id in ownedTasks.sorted() where !onlyFailed || statusStore.taskStatus(id)?.state == .failed {
            await worker.stopTask(id)
            state.withLock { _ = $0.runningTasks.remove(id) }
            await startTask(id, snapshot: snapshot)
        }
    }
}
