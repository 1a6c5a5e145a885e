/// One connector instance (Kafka's `WorkerConnector`). An actor so the connector object, which is not
/// Sendable, is created and used only inside its isolation.
actor WorkerConnector {
    let name: String
    let plugin: PluginRegistry.ConnectorPlugin
    private let connector: any Connector
    private var started = false

    init(name: String, plugin: PluginRegistry.ConnectorPlugin) {
        self.name = name
        self.plugin = plugin
        connector = plugin.make()
    }

    func start(_ props: [String: String], context: any ConnectorContext) throws {
        try connector.start(props, context: context)
        started = true
    }

    func taskConfigs(maxTasks: Int) throws -> [[String: String]] {
        guard started else { return [] }
        return try connector.taskConfigs(maxTasks: maxTasks)
    }

    func stop() {
        guard started else { return }
        started = false
        connector.stop()
    }
}

/// What a connector may ask of the worker: failing it, or new task configs (passed to the herder's hook).
struct WorkerConnectorContext: ConnectorContext {
    let name: String
    let statusListener: any StatusListener
    let onReconfigure: @Sendable (String) -> Void

    func requestTaskReconfiguration() { onReconfigure(name) }

    func raiseError(_ error: Error) {
        statusListener.connectorStateChanged(name, state: .failed, trace: ConnectTrace.trace(error))
    }
}
