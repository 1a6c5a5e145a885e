import Foundation

extension WorkerConfig {
    /// Reads a worker's properties under Kafka Connect's names (`StandaloneConfig` / `DistributedConfig`).
    /// Settings Kafka knows but Samsa has no use for (`plugin.path`, `metrics.*`, `ssl.*`, …) are accepted
    /// silently; unknown ones become `warnings` with Kafka's sentence; missing required ones throw
    /// `ConnectError.config` naming all of them in one sentence.
    public init(properties: [String: String], distributed: Bool) throws {
        self.init()
        originals = properties
        let required = ["key.converter", "value.converter"]
            + (distributed ? ["group.id", "config.storage.topic", "offset.storage.topic", "status.storage.topic"]
                           : ["offset.storage.file.filename"])
        let missing = required.filter { (properties[$0] ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        if !missing.isEmpty {
            let names = missing.map { "\"\($0)\"" }.joined(separator: ", ")
            throw ConnectError.config(missing.count == 1
                ? "Missing required configuration \(names) which has no default value."
                : "Missing required configurations \(names) which have no default value.")
        }
        for (key, raw) in properties.sorted(by: { $0.key < $1.key }) {
            let value = raw.trimmingCharacters(in: .whitespaces)
            if try apply(key, value, distributed: distributed) { continue }
            if let (prefix, rest) = Self.prefixed(key) {
                switch prefix {
                case "key.converter.": keyConverterConfig[rest] = raw
                case "value.converter.": valueConverterConfig[rest] = raw
                case "header.converter.": headerConverterConfig[rest] = raw
                case "producer.": producerOverrides[rest] = raw
                case "consumer.": consumerOverrides[rest] = raw
                case "admin.": adminOverrides[rest] = raw
                default: break // listeners.https., metrics.context., config.providers.*: Kafka's, unused here
                }
                continue
            }
            if Self.silentlyAccepted(key) { continue }
            warnings.append("The configuration '\(key)' was supplied but isn't a known config.")
        }
        try parseSecurity(properties)
    }

    /// Applies one of the worker's own settings; false when the key is not one.
    private mutating func apply(_ key: String, _ value: String, distributed: Bool) throws -> Bool {
        switch key {
        case "bootstrap.servers": bootstrapServers = value
        case "key.converter": keyConverter = value
        case "value.converter": valueConverter = value
        case "header.converter": headerConverter = value
        case "offset.flush.interval.ms": offsetFlushIntervalMs = try Self.long(key, value, min: 0)
        case "offset.flush.timeout.ms": offsetFlushTimeoutMs = try Self.long(key, value, min: 0)
        case "task.shutdown.graceful.timeout.ms": taskShutdownGracefulTimeoutMs = try Self.long(key, value, min: 0)
        case "listeners": listeners = ConfigDef.list(value)
        case "rest.advertised.host.name": restAdvertisedHostName = value.isEmpty ? nil : value
        case "rest.advertised.port": restAdvertisedPort = Int(try Self.long(key, value, min: 0))
        case "client.id": clientId = value.isEmpty ? nil : value
        case "offset.storage.file.filename" where !distributed: offsetStorageFile = value
        case "group.id" where distributed: groupId = value
        case "config.storage.topic" where distributed: configStorageTopic = value
        case "offset.storage.topic" where distributed: offsetStorageTopic = value
        case "status.storage.topic" where distributed: statusStorageTopic = value
        case "config.storage.replication.factor" where distributed: configStorageReplicationFactor = Int16(clamping: try Self.long(key, value, min: -1))
        case "offset.storage.replication.factor" where distributed: offsetStorageReplicationFactor = Int16(clamping: try Self.long(key, value, min: -1))
        case "status.storage.replication.factor" where distributed: statusStorageReplicationFactor = Int16(clamping: try Self.long(key, value, min: -1))
        case "offset.storage.partitions" where distributed: offsetStoragePartitions = Int32(clamping: try Self.long(key, value, min: -1))
        case "status.storage.partitions" where distributed: statusStoragePartitions = Int32(clamping: try Self.long(key, value, min: -1))
        case "session.timeout.ms" where distributed: sessionTimeoutMs = Int32(clamping: try Self.long(key, value, min: 1))
        case "heartbeat.interval.ms" where distributed: heartbeatIntervalMs = Int32(clamping: try Self.long(key, value, min: 1))
        case "rebalance.timeout.ms" where distributed: rebalanceTimeoutMs = Int32(clamping: try Self.long(key, value, min: 1))
        case "scheduled.rebalance.max.delay.ms" where distributed: scheduledRebalanceMaxDelayMs = try Self.long(key, value, min: 0)
        case "connect.protocol" where distributed:
            guard ["eager", "compatible", "sessioned"].contains(value.lowercased()) else {
                throw ConnectError.config("Invalid value \(value) for configuration connect.protocol: String must be one of: eager, compatible, sessioned")
            }
            connectProtocol = value.lowercased()
        default: return false
        }
        return true
    }

    static func long(_ key: String, _ value: String, min: Int64) throws -> Int64 {
        guard let number = Int64(value) else {
            throw ConnectError.config("Invalid value \(value) for configuration \(key): Not a number of type LONG")
        }
        guard number >= min else {
            throw ConnectError.config("Invalid value \(value) for configuration \(key): Value must be at least \(min)")
        }
        return number
    }

    private static let prefixes = ["key.converter.", "value.converter.", "header.converter.", "producer.", "consumer.",
                                   "admin.", "listeners.https.", "metrics.context.", "config.providers.",
                                   "rest.extension.", "topic.creation."]

    private static func prefixed(_ key: String) -> (String, String)? {
        for prefix in prefixes where key.hasPrefix(prefix) && key.count > prefix.count {
            return (prefix, String(key.dropFirst(prefix.count)))
        }
        return nil
    }

    /// Kafka worker settings that mean nothing to Samsa's runtime (there are no jars to load, no JMX, no
    /// TLS on the REST listener yet): accepted without a warning, as a Kafka worker would accept them.
    static func silentlyAccepted(_ key: String) -> Bool {
        if silentKeys.contains(key) { return true }
        return ["ssl.", "sasl.", "metric", "inter.worker.", "exactly.once.", "worker."].contains { key.hasPrefix($0) }
    }

    private static let silentKeys: Set<String> = [
        "plugin.path", "plugin.discovery", "config.providers", "rest.extension.classes", "metric.reporters",
        "connector.client.config.override.policy", "topic.creation.enable", "access.control.allow.origin",
        "access.control.allow.methods", "admin.listeners", "response.http.headers.config", "rest.advertised.listener",
        "client.dns.lookup", "security.protocol", "auto.include.jmx.reporter", "retry.backoff.ms", "retry.backoff.max.ms",
        "reconnect.backoff.ms", "reconnect.backoff.max.ms", "request.timeout.ms", "socket.connection.setup.timeout.ms",
        "socket.connection.setup.timeout.max.ms", "receive.buffer.bytes", "send.buffer.bytes", "connections.max.idle.ms",
        "rest.host.name", "rest.port", "metadata.max.age.ms",
    ]
}
