/// What the REST API and the workbench ask of a Connect worker, as Kafka's `Herder`. Two implementations:
/// `StandaloneHerder` (one worker, offsets in a file) and `DistributedHerder` (workers in a group on the
/// cluster, configs/offsets/statuses in compacted topics). Unknown connectors throw `ConnectError.notFound`
/// with Kafka's sentence "Connector NAME not found".
public protocol Herder: Sendable {
    /// This worker's id (`host:port` of its REST listener, as Kafka's).
    var workerId: String { get }
    func serverInfo() async throws -> ServerInfo
    func connectors() async throws -> [String]
    func connectorInfo(_ name: String) async throws -> ConnectorInfo
    func connectorConfig(_ name: String) async throws -> [String: String]
    /// Creates or (with `allowReplace`) updates a connector; `created` tells 201 from 200. Validates first:
    /// a bad config throws `ConnectError.badRequest` with Kafka's "Connector configuration is invalid…" text.
    func putConnectorConfig(_ name: String, config: [String: String], allowReplace: Bool) async throws -> (created: Bool, info: ConnectorInfo)
    func deleteConnector(_ name: String) async throws
    func connectorStatus(_ name: String) async throws -> ConnectorStateInfo
    func taskConfigs(_ name: String) async throws -> [TaskInfo]
    func taskStatus(_ id: ConnectorTaskId) async throws -> ConnectorStateInfo.TaskState
    /// Kafka's KIP-745 restart: nil when only the connector restarted (204), else the status after (202).
    func restartConnector(_ name: String, includeTasks: Bool, onlyFailed: Bool) async throws -> ConnectorStateInfo?
    func restartTask(_ id: ConnectorTaskId) async throws
    func pauseConnector(_ name: String) async throws
    func resumeConnector(_ name: String) async throws
    func stopConnector(_ name: String) async throws
    func connectorOffsets(_ name: String) async throws -> [ConnectorOffset]
    func plugins() -> [PluginDescriptor]
    func validate(pluginClass: String, config: [String: String]) async throws -> ConfigInfos
    /// Everything the workbench draws, cheap to call every frame.
    func snapshot() -> ConnectSnapshot
}
