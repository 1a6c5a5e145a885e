import SamsaConnect
import Synchronization

/// The runtime tests' plugins plus a sink connector that counts how often it and each of its tasks started
/// (by connector name, and by `name-index`), so a test can tell work that kept running from work restarted.
enum DistributedTestPlugins {
    static let starts = Mutex<[String: Int]>([:])

    static func started(_ key: String) -> Int { starts.withLock { $0[key] ?? 0 } }

    static let registry = PluginRegistry(
        connectors: [
            .init(className: "org.samsa.test.LineSourceConnector", type: .source, version: "1") { LineSourceConnector() },
            .init(className: "org.samsa.test.CountingSinkConnector", type: .sink, version: "1") { CountingSinkConnector() },
        ],
        converters: [.init(className: "org.apache.kafka.connect.storage.StringConverter") { _, _ in TestStringConverter() }],
        headerConverters: [.init(className: "org.apache.kafka.connect.storage.SimpleHeaderConverter") { _ in TestHeaderConverter() }])
}

final class CountingSinkConnector: Connector {
    var props: [String: String] = [:]
    var version: String { "1" }
    var type: ConnectorType { .sink }
    var configDef: ConfigDef { ConfigDef([]) }
    func start(_ props: [String: String], context: ConnectorContext) throws {
        self.props = props
        DistributedTestPlugins.starts.withLock { $0[props["name"] ?? "", default: 0] += 1 }
    }
    func taskConfigs(maxTasks: Int) throws -> [[String: String]] {
        (0..<maxTasks).map { props.merging(["task.index": String($0)]) { $1 } }
    }
    func makeTask() -> AnyConnectTask { .sink(CountingSinkTask()) }
    func stop() {}
}

final class CountingSinkTask: SinkTask {
    var version: String { "1" }
    func start(_ props: [String: String], context: SinkTaskContext) throws {
        DistributedTestPlugins.starts.withLock { $0["\(props["name"] ?? "")-\(props["task.index"] ?? "")", default: 0] += 1 }
    }
    func put(_ records: [ConnectRecord]) async throws {}
    func stop() {}
}
