import NIOSSL
import SamsaEngine
import SamsaProtocol
import Synchronization

/// Kafka's keystore update without a restart: an AlterConfigs or IncrementalAlterConfigs on a broker that sets
/// `ssl.keystore.*` / `ssl.key.password`, or the same keys under `listener.name.<l>.`, re-reads the keystore
/// (setting the same location again reloads a file replaced in place), checks that key and certificate match,
/// and gives the listener the new context: new connections use it, open ones keep theirs. Brokers of one
/// `samsa server` share their listeners' settings, so the change applies to the listener on every broker. The
/// keys are applied here, not stored as dynamic broker configs: a restart reads server.properties again.
enum TLSKeystoreReload {
    static let keys: Set<String> = ["ssl.keystore.type", "ssl.keystore.location", "ssl.keystore.password",
                                    "ssl.keystore.certificate.chain", "ssl.keystore.key", "ssl.key.password"]

    /// Whether `name` is a keystore key, plain or under `listener.name.<l>.`.
    static func isKeystoreKey(_ name: String) -> Bool {
        if keys.contains(name) { return true }
        guard name.hasPrefix("listener.name.") else { return false }
        let rest = name.dropFirst("listener.name.".count)
        guard let dot = rest.firstIndex(of: ".") else { return false }
        return keys.contains(String(rest[rest.index(after: dot)...]))
    }

    /// Running servers by cluster, so a request handler finds the one whose listeners it reloads.
    private static let servers = Mutex<[ObjectIdentifier: WeakServer]>([:])
    private struct WeakServer { weak var server: KafkaServer? }

    static func register(_ server: KafkaServer) {
        servers.withLock { $0[ObjectIdentifier(server.cluster)] = WeakServer(server: server) }
    }

    /// IncrementalAlterConfigs on broker `entity`: keystore keys (SET, or DELETE: back to server.properties)
    /// reload the listeners, the other keys go to the engine; the engine's part is checked first, so a refusal
    /// of either changes nothing.
    static func alterBroker(_ entity: String, _ alterations: [ConfigAlteration], cluster: Cluster, validateOnly: Bool) throws {
        let rest = alterations.filter { !isKeystoreKey($0.name) }
        let changes = try alterations.filter { isKeystoreKey($0.name) }.map { alteration -> (name: String, value: String?) in
            switch alteration {
            case .set(let name, let value): return (name, value)
            case .delete(let name): return (name, nil)
            default: throw EngineError(.invalidRequest, "\(alteration.name) can only be SET or DELETED.")
            }
        }
        if !changes.isEmpty {
            try cluster.alterBrokerConfigs(entity, rest, validateOnly: true)
            try reload(changes, entity: entity, cluster: cluster, validateOnly: validateOnly)
        }
        try cluster.alterBrokerConfigs(entity, rest, validateOnly: validateOnly)
    }

    /// AlterConfigs on broker `entity`: the same, the keystore keys given set, the rest replacing the dynamic configs.
    static func replaceBroker(_ entity: String, _ configs: [String: String], cluster: Cluster, validateOnly: Bool) throws {
        let rest = configs.filter { !isKeystoreKey($0.key) }
        let changes = configs.filter { isKeystoreKey($0.key) }.map { (name: $0.key, value: Optional($0.value)) }
        if !changes.isEmpty {
            try cluster.replaceBrokerConfigs(entity, rest, validateOnly: true)
            try reload(changes, entity: entity, cluster: cluster, validateOnly: validateOnly)
        }
        try cluster.replaceBrokerConfigs(entity, rest, validateOnly: validateOnly)
    }

    private static func reload(_ changes: [(name: String, value: String?)], entity: String, cluster: Cluster, validateOnly: Bool) throws {
        guard !entity.isEmpty else {
            throw EngineError(.invalidRequest, "Cannot update these configs at default cluster level, broker id must be specified: "
                              + "\(changes.map(\.name).joined(separator: ", ")).")
        }
        guard let server = servers.withLock({ $0[ObjectIdentifier(cluster)]?.server }) else {
            throw EngineError(.invalidRequest, "This broker serves no TLS listener whose keystore could be reloaded.")
        }
        try server.reloadKeystores(changes, validateOnly: validateOnly)
    }
}

extension KafkaServer {
    /// Rebuilds the context of every TLS listener the keystore changes touch, all checked before any is swapped in.
    func reloadKeystores(_ changes: [(name: String, value: String?)], validateOnly: Bool) throws {
        let base = cluster.config.securityProperties
        var overrides = keystoreOverrides.withLock { $0 }
        for change in changes { overrides[change.name] = change.value }  // nil: back to server.properties
        let properties = base.merging(overrides) { _, new in new }
        var rebuilt: [String: NIOSSLContext] = [:]
        for listener in cluster.config.listeners where listener.securityProtocol.usesTLS {
            let prefix = "listener.name.\(listener.name.lowercased())."
            guard changes.contains(where: { TLSKeystoreReload.keys.contains($0.name) || $0.name.hasPrefix(prefix) }) else { continue }
            do {
                rebuilt[listener.name] = try TLSListenerSettings(listener: listener, properties: properties).makeContext()
            } catch {
                throw EngineError(.invalidConfig, "\(error)")
            }
        }
        guard !rebuilt.isEmpty else {
            throw EngineError(.invalidConfig, "\(changes.map(\.name).joined(separator: ", ")) names no TLS listener of this broker.")
        }
        guard !validateOnly else { return }
        keystoreOverrides.withLock { $0 = overrides }
        for (name, context) in rebuilt { replaceTLSContext(context, listener: name) }
    }
}
