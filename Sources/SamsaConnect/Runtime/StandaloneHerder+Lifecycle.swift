import SamsaClient
import SamsaProtocol

extension StandaloneHerder {
    /// (Re)starts the connector in `target`, then its tasks from fresh task configs.
    func startConnectorAndTasks(_ name: String, target: TargetState) async throws {
        guard let config = state.withLock({ $0.configs[name] }) else { return }
        await stopTasks(name)
        try await worker.startConnector(name, config: config, targetState: target)
        if target == .stopped || statuses.connector(name)?.state == .failed {
            state.withLock { $0.taskConfigs[name] = [] }
            statuses.removeTasks(of: name, from: 0)
            return
        }
        try await updateTasks(name)
    }

    /// Asks the connector for task configs and starts them (Kafka's `updateConnectorTasks`).
    func updateTasks(_ name: String) async throws {
        guard let config = state.withLock({ $0.configs[name] }) else { return }
        let target = state.withLock { $0.targets[name] ?? .started }
        let configs: [[String: String]]
        do {
            configs = try await worker.connectorTaskConfigs(name)
        } catch {
            statuses.connectorStateChanged(name, state: .failed, trace: ConnectTrace.trace(error))
            return
        }
        await stopTasks(name)
        state.withLock { $0.taskConfigs[name] = configs }
        statuses.removeTasks(of: name, from: configs.count)
        for (i, taskConfig) in configs.enumerated() {
            let id = ConnectorTaskId(connector: name, task: i)
            do {
                try await worker.startTask(id, connectorConfig: config, taskConfig: taskConfig, targetState: target)
            } catch {
                statuses.taskStateChanged(id, state: .failed, trace: ConnectTrace.trace(error))
            }
        }
    }

    func stopTasks(_ name: String) async {
        for id in worker.runningTasks where id.connector == name { await worker.stopTask(id) }
    }

    func requireConnector(_ name: String) throws {
        guard state.withLock({ $0.configs[name] != nil }) else { throw ConnectError.notFound("Connector \(name) not found") }
    }

    public func restartConnector(_ name: String, includeTasks: Bool, onlyFailed: Bool) async throws -> ConnectorStateInfo? {
        try requireConnector(name)
        if !includeTasks && !onlyFailed {
            try await gate.run { try await restartConnectorOnly(name) }
            return nil
        }
        let status = try await connectorStatus(name)
        let restartConnector = !onlyFailed || status.connector.state == .failed
        let tasks = includeTasks ? status.tasks.filter { !onlyFailed || $0.state == .failed }.map(\.id) : []
        if restartConnector { statuses.connectorStateChanged(name, state: .restarting, trace: nil) }
        for task in tasks { statuses.taskStateChanged(ConnectorTaskId(connector: name, task: task), state: .restarting, trace: nil) }
        let answer = try await connectorStatus(name)
        try await gate.run {
            if restartConnector { try await restartConnectorOnly(name) }
            let config = state.withLock { $0.configs[name] } ?? [:]
            let target = state.withLock { $0.targets[name] ?? .started }
            for task in tasks {
                let id = ConnectorTaskId(connector: name, task: task)
                guard let taskConfig = state.withLock({ $0.taskConfigs[name] })?[safe: task] else { continue }
                await worker.stopTask(id)
                do {
                    try await worker.startTask(id, connectorConfig: config, taskConfig: taskConfig, targetState: target)
                } catch {
                    statuses.taskStateChanged(id, state: .failed, trace: ConnectTrace.trace(error))
                }
            }
        }
        return answer
    }

    private func restartConnectorOnly(_ name: String) async throws {
        guard let config = state.withLock({ $0.configs[name] }) else { return }
        let target = state.withLock { $0.targets[name] ?? .started }
        try await worker.startConnector(name, config: config, targetState: target)
    }

    public func restartTask(_ id: ConnectorTaskId) async throws {
        try requireConnector(id.connector)
        guard let taskConfig = state.withLock({ $0.taskConfigs[id.connector] })?[safe: id.task] else {
            throw ConnectError.notFound("Task \(id) not found")
        }
        try await gate.run {
            let config = state.withLock { $0.configs[id.connector] } ?? [:]
            let target = state.withLock { $0.targets[id.connector] ?? .started }
            await worker.stopTask(id)
            try await worker.startTask(id, connectorConfig: config, taskConfig: taskConfig, targetState: target)
        }
    }

    public func pauseConnector(_ name: String) async throws { try await setTarget(name, .paused) }
    public func resumeConnector(_ name: String) async throws { try await setTarget(name, .started) }
    public func stopConnector(_ name: String) async throws { try await setTarget(name, .stopped) }

    /// Pause and resume act on what runs; stopping drops the tasks, and resuming a stopped connector starts it again.
    private func setTarget(_ name: String, _ target: TargetState) async throws {
        try requireConnector(name)
        try await gate.run {
            let previous = state.withLock { s -> TargetState in
                defer { s.targets[name] = target }
                return s.targets[name] ?? .started
            }
            if previous == target { return }
            if previous == .stopped {
                try await startConnectorAndTasks(name, target: target)
            } else if target == .stopped {
                await worker.setTargetState(name, .stopped)
                state.withLock { $0.taskConfigs[name] = [] }
                statuses.removeTasks(of: name, from: 0)
            } else {
                await worker.setTargetState(name, target)
            }
        }
    }

    /// Source connectors: the stored source offsets; sinks: the `connect-<name>` group's committed offsets.
    public func connectorOffsets(_ name: String) async throws -> [ConnectorOffset] {
        try requireConnector(name)
        if state.withLock({ $0.types[name] }) == .sink {
            let client = KafkaClient(config: try worker.config.clientConfig(clientId: "connect-offsets", security: worker.config.adminSecurity))
            defer { Task { await client.close() } }
            let committed = try await Admin(client: client).committedOffsets(group: "connect-\(name)")
            return committed.sorted { $0.key < $1.key }.map { tp, offset in
                ConnectorOffset(partition: ["kafka_topic": .string(tp.topic), "kafka_partition": .int32(tp.partition)],
                                offset: ["kafka_offset": .int64(offset)])
            }
        }
        let offsets = await worker.offsetStore.offsets(connector: name)
        return offsets.map { ConnectorOffset(partition: $0.key, offset: $0.value) }
            .sorted { OffsetText.line(partition: $0.partition, offset: $0.offset) < OffsetText.line(partition: $1.partition, offset: $1.offset) }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
