import SamsaClient

// The worker's side of incremental cooperative rebalancing (Kafka's `WorkerCoordinator.onJoinComplete` and the
// herder's handling of revocations and delays). Runs on the herder's serial queue.
extension DistributedHerder {
    /// Stops what the leader revoked, then returns the whole assignment: what ran before, less the revoked,
    /// plus the new (the leader sends only the changes). A failed assignment keeps the previous work.
    func applyIncrementally(_ assignment: ConnectProtocol.Assignment, previous: ConnectProtocol.Assignment?) async
        -> ConnectProtocol.Assignment {
        let revokedTasks = Set(assignment.revokedTasks)
        let revokedConnectors = Set(assignment.revokedConnectors)
        if !revokedTasks.isEmpty || !revokedConnectors.isEmpty {
            logger.info("Worker \(workerId) stops revoked \((assignment.revokedConnectors + assignment.revokedTasks.map(\.description)).joined(separator: ", "))")
            await stopWork(connectors: revokedConnectors, tasks: revokedTasks)
        }
        var whole = assignment
        whole.revokedConnectors = []
        whole.revokedTasks = []
        if let previous {
            whole.connectors = Array(Set(previous.connectors).subtracting(revokedConnectors).union(assignment.connectors)).sorted()
            whole.tasks = Array(Set(previous.tasks).subtracting(revokedTasks).union(assignment.tasks)).sorted()
        }
        return whole
    }

    /// Stops some connectors and tasks of this worker (tasks in parallel: each may take up to
    /// task.shutdown.graceful.timeout.ms to commit and stop) and drops them from its assignment.
    func stopWork(connectors: Set<String>, tasks: Set<ConnectorTaskId>) async {
        let (stopTasks, stopConnectors) = state.withLock { s -> ([ConnectorTaskId], [String]) in
            let ids = s.runningTasks.intersection(tasks).sorted()
            let names = s.running.intersection(connectors).sorted()
            s.runningTasks.subtract(ids)
            s.running.subtract(names)
            s.assignment?.tasks.removeAll { tasks.contains($0) }
            s.assignment?.connectors.removeAll { connectors.contains($0) }
            return (ids, names)
        }
        await withTaskGroup(of: Void.self) { group in
            for id in stopTasks { group.addTask { [worker] in await worker.stopTask(id) } }
        }
        for name in stopConnectors { await worker.stopConnector(name) }
    }

    /// The assignment's delay: a departed worker's work waits this long, then the leader must assign it, so every
    /// member rejoins when it ends (the next assignment replaces the timer).
    func scheduleRebalance(afterMs delay: Int32) {
        let next: Task<Void, Never>? = delay > 0 ? Task { [weak self] in
            try? await Task.sleep(for: .milliseconds(Int64(delay)))
            if Task.isCancelled { return }
            self?.logger.info("Scheduled rebalance after a delay of \(delay) ms")
            self?.member?.requestRejoin()
        } : nil
        scheduledRebalance.withLock { task in
            task?.cancel()
            task = next
        }
    }

    /// New task configs for a connector: under an incremental protocol this worker's tasks of it keep running
    /// through the rebalance, so it stops them first (Kafka's `processTaskConfigUpdatesWithIncrementalCooperative`);
    /// the leader then assigns them again with their new configs.
    func tasksReconfigured(_ connector: String) async {
        let (negotiated, local) = state.withLock { s in (s.negotiated, s.runningTasks.filter { $0.connector == connector }) }
        if negotiated != .eager && !local.isEmpty { await stopWork(connectors: [], tasks: local) }
        member?.requestRejoin()
    }
}
