extension DistributedHerder {
    /// Every worker of the group (from the coordinator's description, refreshed every 2 s), every connector of
    /// the config topic with the states of the status topic, and this worker's own rates.
    public func snapshot() -> ConnectSnapshot {
        let configs = configStore.snapshot()
        let (workers, leaderUrl) = state.withLock { ($0.workers, $0.leaderUrl) }
        var ids = Set(workers.values.map(Self.workerId(fromURL:)))
        ids.insert(workerId)
        let leader = Self.workerId(fromURL: leaderUrl)
        let entries = ids.sorted().map { ConnectSnapshot.WorkerEntry(id: $0, isLeader: $0 == leader, isLocal: $0 == workerId) }
        let metrics = worker.taskMetrics()
        let connectors = configs.connectors.map { name -> ConnectSnapshot.ConnectorEntry in
            let config = configs.connectorConfigs[name] ?? [:]
            let status = statusStore.connectorStatus(name)
            let tasks = configs.tasks(name).map { id -> ConnectSnapshot.TaskEntry in
                let taskStatus = statusStore.taskStatus(id)
                var entry = metrics[id] ?? ConnectSnapshot.TaskEntry(id: id.task, state: .unassigned, workerId: "")
                entry.id = id.task
                entry.state = taskStatus?.state ?? .unassigned
                entry.workerId = taskStatus?.workerId ?? ""
                entry.trace = taskStatus?.trace.map(Self.firstLine)
                return entry
            }
            let topics = (config["topic"] ?? config["topics"] ?? config["kafka.topic"] ?? "")
                .split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return ConnectSnapshot.ConnectorEntry(
                name: name, type: connectorType(config), className: config["connector.class"].map { worker.plugins.connector($0)?.className ?? $0 } ?? "",
                state: status?.state ?? .unassigned, workerId: status?.workerId ?? "",
                trace: status?.trace.map(Self.firstLine), topics: topics, tasks: tasks)
        }
        return ConnectSnapshot(workers: entries, connectors: connectors, mode: groupId, restURL: restURL)
    }

    static func firstLine(_ trace: String) -> String {
        String(trace.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}
