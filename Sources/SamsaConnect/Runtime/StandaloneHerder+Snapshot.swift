extension StandaloneHerder {
    /// Connectors in creation order with their states, tasks' counters and rates, source offsets and sink lag.
    public func snapshot() -> ConnectSnapshot {
        let s = state.withLock { $0 }
        let metrics = worker.taskMetrics()
        let connectors = s.order.compactMap { name -> ConnectSnapshot.ConnectorEntry? in
            guard let config = s.configs[name] else { return nil }
            let type = s.types[name] ?? .unknown
            let status = statuses.connector(name)
            let tasks = (0..<(s.taskConfigs[name]?.count ?? 0)).map { i -> ConnectSnapshot.TaskEntry in
                let id = ConnectorTaskId(connector: name, task: i)
                var entry = metrics[id] ?? ConnectSnapshot.TaskEntry(id: i, state: .unassigned, workerId: workerId)
                let taskStatus = statuses.task(id)
                entry.state = taskStatus?.state ?? .unassigned
                entry.trace = taskStatus?.trace.map(Self.firstLine)
                return entry
            }
            let topics = type == .sink ? ConfigDef.list(config["topics"]) + (config["topics.regex"].map { [$0] } ?? [])
                                       : [config["topic"] ?? config["kafka.topic"]].compactMap { $0 }
            return ConnectSnapshot.ConnectorEntry(name: name, type: type, className: resolvedClass(config["connector.class"]),
                                                  state: status?.state ?? .unassigned, workerId: workerId,
                                                  trace: status?.trace.map(Self.firstLine), topics: topics, tasks: tasks)
        }
        return ConnectSnapshot(workers: [.init(id: workerId, isLeader: true, isLocal: true)], connectors: connectors,
                               mode: "standalone", restURL: s.restURL)
    }

    /// The plugin's class as Kafka's status and info name it (`FileStreamSource` →
    /// `org.apache.kafka.connect.file.FileStreamSourceConnector`); the configured text when no plugin matches.
    func resolvedClass(_ configured: String?) -> String {
        guard let configured else { return "" }
        return worker.plugins.connector(configured)?.className ?? configured
    }

    static func firstLine(_ trace: String) -> String {
        String(trace.split(separator: "\n", maxSplits: 1).first ?? "")
    }
}
