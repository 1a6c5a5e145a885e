import SamsaClient

/// A worker's settings under Kafka Connect's names (`connect-standalone.properties`,
/// `connect-distributed.properties`). Parsed by `WorkerConfig(properties:distributed:)` in
/// `WorkerConfig+Parse.swift`: unknown keys become `warnings`, missing required ones one sentence.
public struct WorkerConfig: Sendable {
    /// `bootstrap.servers`.
    public var bootstrapServers: String = "localhost:9092"
    /// `key.converter`, `value.converter`, `header.converter` class names, and each one's prefixed settings
    /// (`value.converter.schemas.enable=false` → `valueConverterConfig["schemas.enable"]`).
    public var keyConverter = "org.apache.kafka.connect.json.JsonConverter"
    public var valueConverter = "org.apache.kafka.connect.json.JsonConverter"
    public var headerConverter = "org.apache.kafka.connect.storage.SimpleHeaderConverter"
    public var keyConverterConfig: [String: String] = [:]
    public var valueConverterConfig: [String: String] = [:]
    public var headerConverterConfig: [String: String] = [:]
    /// `offset.flush.interval.ms` (Kafka's default 60 s; the quick start's file sets 10 s).
    public var offsetFlushIntervalMs: Int64 = 60_000
    /// `offset.flush.timeout.ms`.
    public var offsetFlushTimeoutMs: Int64 = 5_000
    /// `listeners` for the REST API (Kafka's default `http://:8083`); `rest.advertised.host.name`/`port`.
    public var listeners: [String] = ["http://:8083"]
    public var restAdvertisedHostName: String?
    public var restAdvertisedPort: Int?
    /// `task.shutdown.graceful.timeout.ms`.
    public var taskShutdownGracefulTimeoutMs: Int64 = 5_000
    /// `producer.*`, `consumer.*`, `admin.*` overrides for the clients the worker makes.
    public var producerOverrides: [String: String] = [:]
    public var consumerOverrides: [String: String] = [:]
    public var adminOverrides: [String: String] = [:]
    /// `client.id` prefix.
    public var clientId: String?
    /// TLS and SASL of the worker's clients, and of its tasks' (`producer.`/`consumer.`/`admin.` prefixed).
    public var security: ClientSecurity = .plaintext
    public var producerSecurity: ClientSecurity = .plaintext
    public var consumerSecurity: ClientSecurity = .plaintext
    public var adminSecurity: ClientSecurity = .plaintext

    // Standalone
    /// `offset.storage.file.filename`.
    public var offsetStorageFile: String?

    // Distributed
    /// `group.id`.
    public var groupId: String?
    public var configStorageTopic: String?
    public var offsetStorageTopic: String?
    public var statusStorageTopic: String?
    /// `*.storage.replication.factor` (-1: the broker's default) and `offset.`/`status.storage.partitions`.
    public var configStorageReplicationFactor: Int16 = 3
    public var offsetStorageReplicationFactor: Int16 = 3
    public var statusStorageReplicationFactor: Int16 = 3
    public var offsetStoragePartitions: Int32 = 25
    public var statusStoragePartitions: Int32 = 5
    public var sessionTimeoutMs: Int32 = 10_000
    public var heartbeatIntervalMs: Int32 = 3_000
    public var rebalanceTimeoutMs: Int32 = 60_000
    /// `scheduled.rebalance.max.delay.ms` (incremental cooperative: how long a departed worker's work waits).
    public var scheduledRebalanceMaxDelayMs: Int64 = 300_000
    /// `connect.protocol`: `eager`, `compatible` or `sessioned` (Kafka's default).
    public var connectProtocol = "sessioned"

    /// Settings the worker did not recognise, for one warning line each.
    public var warnings: [String] = []
    /// Every setting as given (connectors and converters may read more of them).
    public var originals: [String: String] = [:]

    public init() {}
}
