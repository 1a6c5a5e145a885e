import SamsaClient
import SamsaProtocol

// What the REST API asks. Reads come from this worker's copy of the three topics (read to their end first,
// so a write made through another worker is seen). Writes go to the config topic, from which every worker
// (this one included) takes them. Behind a REST server, the writes Kafka reserves for the leader (create,
// update, delete, stop, restart requests) are forwarded to it from a follower; called in-process, a follower
// writes the record itself, which is still consistent: the config topic has one partition, so every worker
// applies the same records in the same order.
extension DistributedHerder {
    public func serverInfo() async throws -> ServerInfo {
        let clusterId = try await client.refreshMetadata(topics: []).clusterId ?? ""
        return ServerInfo(version: PluginRegistry.kafkaVersion, commit: "samsa", kafkaClusterId: clusterId)
    }

    public func connectors() async throws -> [String] {
        try await configStore.refresh().connectors
    }

    public func connectorInfo(_ name: String) async throws -> ConnectorInfo {
        let snapshot = try await configStore.refresh()
        guard let config = snapshot.connectorConfigs[name] else { throw ConnectError.notFound("Connector \(name) not found") }
        return ConnectorInfo(name: name, config: config, tasks: snapshot.tasks(name), type: connectorType(config))
    }

    public func connectorConfig(_ name: String) async throws -> [String: String] {
        try await connectorInfo(name).config
    }

    func connectorType(_ config: [String: String]) -> ConnectorType {
        config["connector.class"].flatMap { worker.plugins.connector($0)?.type } ?? .unknown
    }

    public func putConnectorConfig(_ name: String, config: [String: String], allowReplace: Bool) async throws -> (created: Bool, info: ConnectorInfo) {
        var config = config
        config["name"] = config["name"] ?? name
        _ = try ConnectorConfig(config, plugins: worker.plugins)  // Kafka's "Connector configuration is invalid…" sentences
        try await leaderOrForward()
        let exists = try await configStore.refresh().connectorConfigs[name] != nil
        if exists && !allowReplace { throw ConnectError.alreadyExists("Connector \(name) already exists") }
        try await configStore.putConnectorConfig(name, config)
        logger.info("\(exists ? "Updated" : "Created") connector \(name)")
        return (!exists, try await connectorInfo(name))
    }

    public func deleteConnector(_ name: String) async throws {
        let snapshot = try await configStore.refresh()
        guard snapshot.connectorConfigs[name] != nil else { throw ConnectError.notFound("Connector \(name) not found") }
        try await leaderOrForward()
        try await configStore.removeConnector(name)
        statusStore.forget(connector: name, tasks: snapshot.tasks(name))
    }

    public func connectorStatus(_ name: String) async throws -> ConnectorStateInfo {
        let snapshot = try await configStore.refresh()
        guard let config = snapshot.connectorConfigs[name] else { throw ConnectError.notFound("No status found for connector \(name)") }
        await statusStore.refresh()
        let connector = statusStore.connectorStatus(name).map {
            ConnectorStateInfo.ConnectorState(state: $0.state, workerId: $0.workerId, trace: $0.trace)
        } ?? ConnectorStateInfo.ConnectorState(state: .unassigned, workerId: "")
        let tasks = snapshot.tasks(name).map { id in
            statusStore.taskStatus(id).map { ConnectorStateInfo.TaskState(id: id.task, state: $0.state, workerId: $0.workerId, trace: $0.trace) }
                ?? ConnectorStateInfo.TaskState(id: id.task, state: .unassigned, workerId: "")
        }
        return ConnectorStateInfo(name: name, connector: connector, tasks: tasks, type: connectorType(config))
    }

    public func taskConfigs(_ name: String) async throws -> [TaskInfo] {
        let snapshot = try await configStore.refresh()
        guard snapshot.connectorConfigs[name] != nil else { throw ConnectError.notFound("Connector \(name) not found") }
        return snapshot.tasks(name).map { TaskInfo(id: $0, config: snapshot.taskConfigs[$0] ?? [:]) }
    }

    public func taskStatus(_ id: ConnectorTaskId) async throws -> ConnectorStateInfo.TaskState {
        let snapshot = try await configStore.refresh()
        await statusStore.refresh()
        guard snapshot.tasks(id.connector).contains(id), let status = statusStore.taskStatus(id) else {
            throw ConnectError.notFound("No status found for task \(id)")
        }
        return ConnectorStateInfo.TaskState(id: id.task, state: status.state, workerId: status.workerId, trace: status.trace)
    }

    /// Kafka writes a `restart-connector-<name>` record; the workers running its parts restart them.
    public func restartConnector(_ name: String, includeTasks: Bool, onlyFailed: Bool) async throws -> ConnectorStateInfo? {
        let before = try await connectorStatus(name)
        if includeTasks || onlyFailed { try await leaderOrForward() }
        try await configStore.requestRestart(name, includeTasks: includeTasks, onlyFailed: onlyFailed)
        guard includeTasks || onlyFailed else { return nil }
        // Kafka answers 202 with what will restart shown as RESTARTING.
        var planned = before
        if !onlyFailed || before.connector.state == .failed { planned.connector.state = .restarting }
        if includeTasks {
            for i in planned.tasks.indices where !onlyFailed || planned.tasks[i].state == .failed {
                planned.tasks[i].state = .restarting
            }
        }
        return planned
    }

    /// Restarts the task where it runs: here, or (as Kafka's herder does) by forwarding the request to the
    /// worker running it, named by the status topic.
    public func restartTask(_ id: ConnectorTaskId) async throws {
        let snapshot = try await configStore.refresh()
        guard snapshot.tasks(id.connector).contains(id) else { throw ConnectError.notFound("Task \(id) not found") }
        if state.withLock({ $0.runningTasks.contains(id) }) {
            await queue.run { [self] in
                await worker.stopTask(id)
                state.withLock { _ = $0.runningTasks.remove(id) }
                await startTask(id, snapshot: snapshot)
            }
            return
        }
        await statusStore.refresh()
        guard let owner = statusStore.taskStatus(id)?.workerId, owner != workerId, !owner.isEmpty else {
            throw ConnectError.conflict("Cannot complete request because of a conflicting operation (e.g. worker rebalance)")
        }
        let url = "http://\(owner)/connectors/\(RestClient.percentEncoded(id.connector))/tasks/\(id.task)/restart"
        let response = try await RestClient(group: client.group).post(url)
        guard (200..<300).contains(response.status) else {
            let message = response.json?["message"]?.stringValue ?? "Forwarding the restart of task \(id) to \(owner) failed (HTTP \(response.status))."
            throw response.status == 404 ? ConnectError.notFound(message) : ConnectError.conflict(message)
        }
    }

    public func pauseConnector(_ name: String) async throws {
        try await requireConnector(name)
        try await configStore.putTargetState(name, .paused)
    }

    public func resumeConnector(_ name: String) async throws {
        try await requireConnector(name)
        try await configStore.putTargetState(name, .started)
    }

    /// Kafka's stop: the target state STOPPED, then an empty set of task configs (the tasks go away).
    public func stopConnector(_ name: String) async throws {
        try await requireConnector(name)
        try await leaderOrForward()
        try await configStore.putTargetState(name, .stopped)
        try await configStore.putTaskConfigs(name, [])
    }

    /// Returns on the leader (or when not forwarding); a follower throws `RestForward` with the leader's URL.
    /// Before this worker's first assignment it waits for one (Kafka's herder queues requests until it joined).
    func leaderOrForward() async throws {
        guard forwardsWritesToLeader else { return }
        let deadline = ContinuousClock.now + .milliseconds(Int64(config.rebalanceTimeoutMs))
        while true {
            let (assigned, isLeader, leaderUrl) = state.withLock { ($0.assignment != nil, $0.isLeader, $0.leaderUrl) }
            if assigned { if isLeader { return } else { throw RestForward(leaderURL: leaderUrl.isEmpty ? nil : leaderUrl) } }
            if ContinuousClock.now >= deadline { throw RestForward(leaderURL: nil) }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    private func requireConnector(_ name: String) async throws {
        guard try await configStore.refresh().connectorConfigs[name] != nil else { throw ConnectError.notFound("Connector \(name) not found") }
    }

    public func connectorOffsets(_ name: String) async throws -> [ConnectorOffset] {
        let snapshot = try await configStore.refresh()
        guard let config = snapshot.connectorConfigs[name] else { throw ConnectError.notFound("Connector \(name) not found") }
        if connectorType(config) == .sink {
            let committed = try await Admin(client: client).committedOffsets(group: "connect-\(name)")
            return committed.keys.sorted().map { tp in
                ConnectorOffset(partition: ["kafka_topic": .string(tp.topic), "kafka_partition": .int32(tp.partition)],
                                offset: ["kafka_offset": .int64(committed[tp]!)])
            }
        }
        let offsets = await offsetStore.offsets(connector: name)
        return offsets.map { ConnectorOffset(partition: $0.key, offset: $0.value) }
            .sorted { SchemalessJSON.json($0.partition).compactString < SchemalessJSON.json($1.partition).compactString }
    }

    public func plugins() -> [PluginDescriptor] { worker.plugins.descriptors() }

    public func validate(pluginClass: String, config: [String: String]) async throws -> ConfigInfos {
        var config = config
        config["connector.class"] = pluginClass
        return try ConnectorConfig.validate(config, plugins: worker.plugins)
    }
}
