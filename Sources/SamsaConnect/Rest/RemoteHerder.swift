import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A `Herder` that is a running Kafka Connect cluster seen through its REST API (Apache Kafka's or Samsa's):
/// every call is the documented REST request, and an answer's `{"error_code","message"}` becomes the
/// `ConnectError` with the same status meaning. `snapshot()` is cheap: a background poll (`start()`) keeps the
/// last view — `GET /connectors?expand=status&expand=info`, each connector's `/offsets` when the cluster has
/// that endpoint, `GET /connector-plugins` — and tells since when and why the cluster does not answer.
///
/// The REST API has no record counts, so the snapshot's records and rates stay 0 (`RemoteHerder.State`
/// says so for the view).
///
/// Thread-safety: Sendable; state sits behind a mutex.
public final class RemoteHerder: Herder {
    /// What the last polls saw.
    public struct State: Sendable, Equatable {
        /// The REST API's base URL, e.g. `http://127.0.0.1:8083/`.
        public var url: String
        /// The last successful look (nil before the first).
        public var snapshot: ConnectSnapshot?
        /// Per connector: its offsets as `GET /connectors/{name}/offsets` gave them (absent when it has none
        /// or the cluster predates the endpoint).
        public var offsets: [String: [ConnectorOffset]]
        /// The connector plugins `GET /connector-plugins` lists.
        public var plugins: [PluginDescriptor]
        /// When the cluster stopped answering and why; nil while it answers.
        public var failingSince: Date?
        public var failure: String?
        /// `GET /`'s version, once known.
        public var version: String?
    }

    public let url: String
    public let workerId: String
    let client: RestClient
    private let state: Mutex<State>
    private let poller: Mutex<Task<Void, Never>?> = Mutex(nil)
    /// Whether the cluster answered `/offsets` with Jersey's 404 (a Kafka before 3.5): not asked again.
    private let offsetsUnsupported = Atomic<Bool>(false)

    /// `url` is `http://host:port` (a trailing `/` or path prefix is kept).
    public init(url: String, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, timeout: TimeAmount = .seconds(10)) throws {
        let base = url.hasSuffix("/") ? String(url.dropLast()) : url
        let parts = try RestClient.split(base)
        self.url = base + "/"
        workerId = "\(parts.host):\(parts.port)"
        client = RestClient(group: group, timeout: timeout)
        state = Mutex(State(url: base + "/", snapshot: nil, offsets: [:], plugins: []))
    }

    /// The last polls' view, including whether the cluster answers.
    public var current: State { state.withLock { $0 } }

    public func snapshot() -> ConnectSnapshot {
        state.withLock { $0.snapshot } ?? ConnectSnapshot(mode: "remote", restURL: url)
    }

    public func plugins() -> [PluginDescriptor] { state.withLock { $0.plugins } }

    /// Polls every `interval` until `stop()`; the first poll runs at once.
    public func start(interval: Duration = .seconds(1)) {
        poller.withLock { task in
            guard task == nil else { return }
            task = Task { [weak self] in
                while !Task.isCancelled {
                    guard let self else { return }
                    await self.poll()
                    try? await Task.sleep(for: interval)
                }
            }
        }
    }

    public func stop() {
        poller.withLock { task in
            task?.cancel()
            task = nil
        }
    }

    /// One look at the cluster. A failure keeps the last snapshot and records since when it fails.
    public func poll() async {
        do {
            let expanded = try await call(.GET, "connectors?expand=status&expand=info")
            var offsets: [String: [ConnectorOffset]] = [:]
            let connectors = try Self.connectors(expanded)
            if !offsetsUnsupported.load(ordering: .relaxed) {
                for connector in connectors {
                    if let found = await optionalOffsets(connector.name) { offsets[connector.name] = found }
                }
            }
            let known = state.withLock { $0 }
            var plugins = known.plugins
            var version = known.version
            if plugins.isEmpty || known.failingSince != nil {
                plugins = try Self.plugins(try await call(.GET, "connector-plugins"))
                version = try await call(.GET, "").json?["version"]?.stringValue
            }
            let snapshot = Self.snapshot(connectors, offsets: offsets, url: url, version: version)
            state.withLock {
                $0.snapshot = snapshot
                $0.offsets = offsets
                $0.plugins = plugins
                $0.version = version
                $0.failingSince = nil
                $0.failure = nil
            }
        } catch {
            let reason = (error as? ConnectError)?.message ?? String(describing: error)
            state.withLock {
                if $0.failingSince == nil { $0.failingSince = Date() }
                $0.failure = reason
            }
        }
    }

    /// A connector's offsets, nil when the cluster gives none (no endpoint, or the connector went meanwhile).
    private func optionalOffsets(_ name: String) async -> [ConnectorOffset]? {
        do {
            return try Self.offsets(try await call(.GET, "connectors/\(RestClient.percentEncoded(name))/offsets"))
        } catch ConnectError.notFound(let message) {
            if message.hasPrefix("HTTP 404") { offsetsUnsupported.store(true, ordering: .relaxed) }
            return nil
        } catch {
            return nil
        }
    }

    // MARK: Herder

    public func serverInfo() async throws -> ServerInfo {
        let json = try await call(.GET, "").json
        return ServerInfo(version: json?["version"]?.stringValue ?? "", commit: json?["commit"]?.stringValue ?? "",
                          kafkaClusterId: json?["kafka_cluster_id"]?.stringValue ?? "")
    }

    public func connectors() async throws -> [String] {
        try await call(.GET, "connectors").json?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    public func connectorInfo(_ name: String) async throws -> ConnectorInfo {
        try Self.info(try await call(.GET, path(name)).json)
    }

    public func connectorConfig(_ name: String) async throws -> [String: String] {
        try await call(.GET, path(name, "config")).json?.stringDictionary ?? [:]
    }

    public func putConnectorConfig(_ name: String, config: [String: String], allowReplace: Bool) async throws -> (created: Bool, info: ConnectorInfo) {
        let response: RestClient.Response
        if allowReplace {
            response = try await call(.PUT, path(name, "config"), body: .sortedObject(config))
        } else {
            var withName = config
            withName["name"] = name
            response = try await call(.POST, "connectors", body: ["name": .string(name), "config": .sortedObject(withName)])
        }
        return (response.status == 201, try Self.info(response.json))
    }

    public func deleteConnector(_ name: String) async throws {
        _ = try await call(.DELETE, path(name))
        await poll()
    }

    public func connectorStatus(_ name: String) async throws -> ConnectorStateInfo {
        try Self.status(try await call(.GET, path(name, "status")).json)
    }

    public func taskConfigs(_ name: String) async throws -> [TaskInfo] {
        try (try await call(.GET, path(name, "tasks")).json?.arrayValue ?? []).map { item in
            TaskInfo(id: try Self.taskId(item["id"]), config: item["config"]?.stringDictionary ?? [:])
        }
    }

    public func taskStatus(_ id: ConnectorTaskId) async throws -> ConnectorStateInfo.TaskState {
        try Self.taskState(try await call(.GET, path(id.connector, "tasks/\(id.task)/status")).json)
    }

    public func restartConnector(_ name: String, includeTasks: Bool, onlyFailed: Bool) async throws -> ConnectorStateInfo? {
        let response = try await call(.POST, path(name, "restart?includeTasks=\(includeTasks)&onlyFailed=\(onlyFailed)"))
        return response.status == 202 ? try Self.status(response.json) : nil
    }

    public func restartTask(_ id: ConnectorTaskId) async throws {
        _ = try await call(.POST, path(id.connector, "tasks/\(id.task)/restart"))
    }

    public func pauseConnector(_ name: String) async throws { _ = try await call(.PUT, path(name, "pause")) }
    public func resumeConnector(_ name: String) async throws { _ = try await call(.PUT, path(name, "resume")) }
    public func stopConnector(_ name: String) async throws { _ = try await call(.PUT, path(name, "stop")) }

    public func connectorOffsets(_ name: String) async throws -> [ConnectorOffset] {
        try Self.offsets(try await call(.GET, path(name, "offsets")))
    }

    public func validate(pluginClass: String, config: [String: String]) async throws -> ConfigInfos {
        let target = "connector-plugins/\(RestClient.percentEncoded(pluginClass))/config/validate"
        return try Self.configInfos(try await call(.PUT, target, body: .sortedObject(config)).json)
    }

    // MARK: Requests

    private func path(_ name: String, _ rest: String? = nil) -> String {
        "connectors/" + RestClient.percentEncoded(name) + (rest.map { "/" + $0 } ?? "")
    }

    /// One request to `url + target`; an answer of 400 or more throws the `ConnectError` its body names.
    func call(_ method: HTTPMethod, _ target: String, body: JSONValue? = nil) async throws -> RestClient.Response {
        let response = try await client.request(method, url + target, body: body?.compactString)
        guard response.status >= 400 else { return response }
        throw Self.error(status: response.status, body: response.body, method: method, target: target)
    }
}
