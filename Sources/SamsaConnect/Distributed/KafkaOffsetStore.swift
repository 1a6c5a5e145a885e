import Logging
import SamsaClient
import Synchronization

/// Source offsets in `offset.storage.topic` (compacted, `offset.storage.partitions`), as Kafka's
/// `KafkaOffsetBackingStore`: key `["<connector>",{<partition>}]`, value `{<offset>}` (null: forgotten),
/// both schemaless JSON, partitioned by key so a partition's offsets stay in order.
public final class KafkaOffsetStore: OffsetStore {
    public let topic: String
    private let partitions: Int32
    private let replicationFactor: Int16
    private let logger: Logger
    private let log: TopicLog
    private let data: Mutex<[String: [SourceMap: SourceMap]]> = Mutex([:])

    public init(client: KafkaClient, topic: String, partitions: Int32, replicationFactor: Int16, logger: Logger) {
        self.topic = topic
        self.partitions = partitions
        self.replicationFactor = replicationFactor
        self.logger = logger
        log = TopicLog(topic: topic, client: client, logger: logger)
    }

    public func start() async throws {
        try await log.start(partitions: partitions, replicationFactor: replicationFactor) { [weak self] in self?.apply($0) }
    }

    /// Reads the topic to its end first: a connector that moved here resumes where the last worker stopped.
    public func offsets(connector: String) async -> [SourceMap: SourceMap] {
        do {
            try await log.readToEnd()
        } catch {
            logger.warning("Reading \(topic) to its end failed: \(error); using the offsets read so far")
        }
        return data.withLock { $0[connector] ?? [:] }
    }

    public func write(connector: String, offsets: [SourceMap: SourceMap]) async throws {
        for (partition, offset) in offsets {
            let key = Self.key(connector: connector, partition: partition)
            try await log.send(key: key, value: SchemalessJSON.json(offset).compactBytes)
        }
        data.withLock { d in d[connector, default: [:]].merge(offsets) { $1 } }
    }

    public func stop() async { await log.stop() }

    /// `["<connector>",{<partition>}]`, as Kafka's `OffsetStorageWriter` serializes it.
    static func key(connector: String, partition: SourceMap) -> String {
        JSONValue.array([.string(connector), SchemalessJSON.json(partition)]).compactString
    }

    private func apply(_ record: ConsumerRecord) {
        guard let keyText = record.keyString, let key = try? JSONValue.parse(keyText),
              let connector = key[0]?.stringValue, let partition = key[1].flatMap(SchemalessJSON.sourceMap) else {
            logger.warning("Ignoring a record of \(topic) whose key is not [connector, {partition}]")
            return
        }
        guard let bytes = record.value else {
            data.withLock { _ = $0[connector]?.removeValue(forKey: partition) }
            return
        }
        guard let json = try? JSONValue.parse(Array(bytes.readableBytesView)), let offset = SchemalessJSON.sourceMap(json) else {
            logger.warning("Ignoring an offset of \(topic) that is not a JSON object")
            return
        }
        data.withLock { $0[connector, default: [:]][partition] = offset }
    }
}
