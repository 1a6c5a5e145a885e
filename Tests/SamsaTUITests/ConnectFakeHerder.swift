import Foundation
import SamsaConnect
import Synchronization
@testable import SamsaTUI

/// A herder for tests: keeps connectors' configs and target states in memory, answers as Kafka's herder
/// does for unknown and duplicate names, and builds its snapshot from them.
final class ConnectFakeHerder: Herder, ConnectWorkerHandle {
    private struct Entry {
        var config: [String: String]
        var state: ConnectState
    }

    private let entries: Mutex<[String: Entry]> = Mutex([:])
    private let log: Mutex<[String]> = Mutex([])
    let workerId = ConnectFixtures.worker
    var herder: any Herder { self }
    var calls: [String] { log.withLock { $0 } }
    var closed: Bool { calls.contains("close") }

    private func record(_ call: String) { log.withLock { $0.append(call) } }

    func close() async { record("close") }

    func setState(_ name: String, _ state: ConnectState) { entries.withLock { $0[name]?.state = state } }

    func serverInfo() async throws -> ServerInfo { ServerInfo(version: "4.1.0", commit: "samsa", kafkaClusterId: "Xy12abCDef") }
    func connectors() async throws -> [String] { entries.withLock { $0.keys.sorted() } }
    func connectorInfo(_ name: String) async throws -> ConnectorInfo {
        let config = try connectorEntry(name).config
        return ConnectorInfo(name: name, config: config, tasks: [ConnectorTaskId(connector: name, task: 0)], type: type(config))
    }
    func connectorConfig(_ name: String) async throws -> [String: String] { try connectorEntry(name).config }

    func putConnectorConfig(_ name: String, config: [String: String], allowReplace: Bool) async throws -> (created: Bool, info: ConnectorInfo) {
        record("put \(name)")
        let created = try entries.withLock { entries in
            if entries[name] != nil && !allowReplace { throw ConnectError.alreadyExists("Connector \(name) already exists") }
            defer { entries[name] = Entry(config: config, state: .running) }
            return entries[name] == nil
        }
        return (created, try await connectorInfo(name))
    }

    func deleteConnector(_ name: String) async throws {
        record("delete \(name)")
        _ = try connectorEntry(name)
        entries.withLock { _ = $0.removeValue(forKey: name) }
    }
    func connectorStatus(_ name: String) async throws -> ConnectorStateInfo {
        let entry = try connectorEntry(name)
        return ConnectorStateInfo(name: name, connector: .init(state: entry.state, workerId: workerId),
                                  tasks: [.init(id: 0, state: entry.state, workerId: workerId)], type: type(entry.config))
    }
    func taskConfigs(_ name: String) async throws -> [TaskInfo] { [] }
    func taskStatus(_ id: ConnectorTaskId) async throws -> ConnectorStateInfo.TaskState {
        .init(id: id.task, state: try connectorEntry(id.connector).state, workerId: workerId)
    }
    func restartConnector(_ name: String, includeTasks: Bool, onlyFailed: Bool) async throws -> ConnectorStateInfo? {
        record("restart \(name) includeTasks=\(includeTasks) onlyFailed=\(onlyFailed)")
        setState(name, .running)
        return try await connectorStatus(name)
    }
    func restartTask(_ id: ConnectorTaskId) async throws {}
    func pauseConnector(_ name: String) async throws {
        record("pause \(name)")
        _ = try connectorEntry(name)
        setState(name, .paused)
    }
    func resumeConnector(_ name: String) async throws {
        record("resume \(name)")
        _ = try connectorEntry(name)
        setState(name, .running)
    }
    func stopConnector(_ name: String) async throws { setState(name, .stopped) }
    func connectorOffsets(_ name: String) async throws -> [ConnectorOffset] { [] }
    func plugins() -> [PluginDescriptor] { [] }
    func validate(pluginClass: String, config: [String: String]) async throws -> ConfigInfos {
        ConfigInfos(name: pluginClass, errorCount: 0, groups: [], configs: [])
    }

    func snapshot() -> ConnectSnapshot {
        let connectors = entries.withLock { entries in
            entries.sorted { $0.key < $1.key }.map { name, entry in
                ConnectSnapshot.ConnectorEntry(name: name, type: type(entry.config), className: entry.config["connector.class"] ?? "",
                                               state: entry.state, workerId: workerId,
                                               topics: (entry.config["topic"] ?? entry.config["topics"]).map { [$0] } ?? [],
                                               tasks: [.init(id: 0, state: entry.state, workerId: workerId)])
            }
        }
        return ConnectSnapshot(workers: [.init(id: workerId, isLeader: true, isLocal: true)], connectors: connectors)
    }

    private func connectorEntry(_ name: String) throws -> Entry {
        guard let entry = entries.withLock({ $0[name] }) else { throw ConnectError.notFound("Connector \(name) not found") }
        return entry
    }

    private func type(_ config: [String: String]) -> ConnectorType { config["topics"] != nil ? .sink : .source }
}
