import Foundation
import SamsaEngine
import SamsaProtocol

/// Everything `samsa server` can be told, from flags and a `server.properties` file, resolved into the
/// engine's `ClusterConfig`. Flags win over the file.
public struct ServerOptions: Sendable {
    public var host: String?
    public var port: Int?
    public var dataDirectory: String?
    public var brokers: Int = 1
    public var properties: [String: String] = [:]

    public init(host: String? = nil, port: Int? = nil, dataDirectory: String? = nil, brokers: Int = 1,
                properties: [String: String] = [:]) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.brokers = brokers
        self.properties = properties
    }

    public static let defaultDataDirectory = "/tmp/samsa-logs"

    /// Keys of server.properties that say where things are rather than how the broker behaves.
    static let locationKeys: Set<String> = ["listeners", "advertised.listeners", "log.dirs", "log.dir", "node.id", "broker.id",
                                            "process.roles", "controller.quorum.voters", "controller.listener.names",
                                            "inter.broker.listener.name", "listener.security.protocol.map"]

    /// Kafka's security keys, kept for the listeners, SASL and the authorizer (`ClusterConfig.securityProperties`).
    static func isSecurityKey(_ key: String) -> Bool {
        key.hasPrefix("ssl.") || key.hasPrefix("sasl.") || key.hasPrefix("listener.name.") || securityKeys.contains(key)
    }

    static let securityKeys: Set<String> = ["super.users", "authorizer.class.name", "allow.everyone.if.no.acl.found",
                                            "connections.max.reauth.ms", "security.inter.broker.protocol",
                                            "principal.builder.class", "connection.failed.authentication.delay.ms"]

    /// Loads a properties file, keeping the keys Samsa applies. Returns the keys it ignores, for a warning.
    public mutating func load(propertiesFile path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServerError("Cannot read config file \(path).")
        }
        let parsed: [String: String]
        do {
            parsed = try JavaProperties.parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw ServerError("Config file \(path) is malformed at \(error).")
        }
        var ignored: [String] = []
        for (key, value) in parsed {
            if Self.locationKeys.contains(key) || Self.isSecurityKey(key) || BrokerConfigs.definition(key) != nil {
                properties[key] = value
            } else {
                ignored.append(key)
            }
        }
        return ignored.sorted()
    }

    /// Resolves flags and properties into a cluster configuration, validating every value.
    public func clusterConfig() throws -> ClusterConfig {
        guard brokers >= 1 && brokers <= 16 else { throw ServerError("--brokers must be between 1 and 16, not \(brokers).") }
        let listeners = try listenerSpecs()
        let directory = dataDirectory
            ?? properties["log.dirs"]?.split(separator: ",").first.map { String($0).trimmingCharacters(in: .whitespaces) }
            ?? properties["log.dir"]
            ?? Self.defaultDataDirectory
        var explicit: [String: String] = [:]
        for (key, value) in properties where !Self.locationKeys.contains(key) {
            guard let definition = BrokerConfigs.definition(key) else { continue }
            if let problem = definition.problem(with: value) { throw ServerError(problem) }
            explicit[key] = value
        }
        if let factor = explicit["default.replication.factor"].flatMap(Int.init), factor > brokers {
            throw ServerError("default.replication.factor \(factor) is larger than the number of brokers (\(brokers)).")
        }
        let security = properties.filter { Self.isSecurityKey($0.key) }
        return ClusterConfig(dataDirectory: directory, host: listeners[0].host, advertisedHost: listeners[0].advertisedHost,
                             ports: listeners[0].ports, settings: BrokerSettings(explicit), listeners: listeners,
                             securityProperties: security)
    }
}

extension ClusterConfig {
    /// Builds every TLS listener's context once, so a listener that cannot be secured stops `samsa server`
    /// in one sentence before anything is touched on disk (`KafkaServer.start` builds them again to serve).
    public func checkTLSListeners() throws {
        for listener in listeners where listener.securityProtocol.usesTLS {
            let tls = TLSListenerSettings(listener: listener, properties: securityProperties)
            _ = try tls.makeContext()
            _ = try SslPrincipalMapper(rules: tls.value("ssl.principal.mapping.rules"))
        }
    }
}

/// A server start-up problem, said in one sentence.
public struct ServerError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
