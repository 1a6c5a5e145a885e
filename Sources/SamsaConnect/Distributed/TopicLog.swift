import Logging
import NIOCore
import SamsaClient
import SamsaProtocol
import Synchronization

/// A compacted topic read from the beginning by every worker and written by any, as Kafka's `KafkaBasedLog`:
/// a plain consumer (no group) assigned every partition follows the topic on a background task and hands
/// each record to `onRecord`; `readToEnd` returns once everything written before the call was handed over.
final class TopicLog: Sendable {
    let topic: String
    let client: KafkaClient
    private let logger: Logger
    private let consumer: Consumer
    private let producer: Producer
    private let state: Mutex<State> = Mutex(State())

    private struct State {
        var partitions: [TopicPartition] = []
        /// The next offset to hand over, per partition (after the records before it were handed over).
        var positions: [TopicPartition: Int64] = [:]
        var task: Task<Void, Never>?
        var onRecord: (@Sendable (ConsumerRecord) -> Void)?
    }

    init(topic: String, client: KafkaClient, logger: Logger) {
        self.topic = topic
        self.client = client
        self.logger = logger
        consumer = Consumer(client: client)
        var config = ProducerConfig()
        config.lingerMs = 0
        producer = Producer(client: client, config: config)
    }

    /// Creates the topic if missing (compacted), starts following it (each record to `onRecord`, in order,
    /// on the reader's task), and reads it to the end.
    func start(partitions: Int32, replicationFactor: Int16,
               onRecord: @escaping @Sendable (ConsumerRecord) -> Void) async throws {
        try await Self.ensureTopic(topic, partitions: partitions, replicationFactor: replicationFactor, client: client, logger: logger)
        let assigned = try await consumer.partitions(of: topic)
        consumer.assign(assigned, from: .beginning)
        state.withLock { s in
            s.partitions = assigned
            s.onRecord = onRecord
            s.task = Task { [self] in await follow() }
        }
        try await readToEnd()
    }

    /// Waits until every record written before the call has been handed to `onRecord`.
    func readToEnd(timeout: Duration = .seconds(30)) async throws {
        let partitions = state.withLock { $0.partitions }
        let ends = try await Admin(client: client).listOffsets(partitions, spec: -1)
        let deadline = ContinuousClock.now + timeout
        while true {
            let positions = state.withLock { $0.positions }
            if ends.allSatisfy({ (positions[$0.key] ?? 0) >= $0.value }) { return }
            if ContinuousClock.now >= deadline {
                throw ConnectError.connect("Timed out reading topic \(topic) to its end.")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Writes one record and waits for the broker's acknowledgement.
    @discardableResult
    func send(key: String, value: [UInt8]?, partition: Int32? = nil) async throws -> RecordMetadata {
        try await producer.send(ProducerRecord(topic: topic, partition: partition, key: ByteBuffer(string: key),
                                               value: value.map { ByteBuffer(bytes: $0) }))
    }

    func stop() async {
        let task = state.withLock { s -> Task<Void, Never>? in defer { s.task = nil }; return s.task }
        task?.cancel()
        await task?.value
        await producer.close()
    }

    private func follow() async {
        while !Task.isCancelled {
            do {
                let records = try await consumer.poll(timeout: .milliseconds(200))
                if let onRecord = state.withLock({ $0.onRecord }) { for record in records { onRecord(record) } }
                let partitions = state.withLock { $0.partitions }
                var positions: [TopicPartition: Int64] = [:]
                for tp in partitions { if let position = consumer.position(tp) { positions[tp] = position } }
                state.withLock { $0.positions = positions }
            } catch {
                if Task.isCancelled { return }
                logger.debug("Reading \(topic) failed, retrying: \(error)")
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
    }

    /// Creates a compacted topic as Kafka's `TopicAdmin` does for the worker's internal topics; a replication
    /// factor above the cluster's size is lowered to it with a warning (Kafka would refuse to start).
    static func ensureTopic(_ topic: String, partitions: Int32, replicationFactor: Int16, client: KafkaClient, logger: Logger) async throws {
        let admin = Admin(client: client)
        if try await admin.listTopics().contains(topic) { return }
        var factor = replicationFactor
        let brokers = Int16(clamping: try await client.refreshMetadata(topics: []).brokers.count)
        if factor > brokers && brokers > 0 {
            logger.warning("\(topic): replication factor \(factor) is more than the \(brokers) broker(s) of the cluster; creating it with \(brokers).")
            factor = brokers
        }
        do {
            try await admin.createTopic(topic, partitions: partitions, replicationFactor: factor, configs: ["cleanup.policy": "compact"])
            logger.info("Created topic \(topic) (partitions=\(partitions), replication factor=\(factor), cleanup.policy=compact)")
        } catch ClientError.broker(.topicAlreadyExists, _) {
            // Another worker created it first.
        }
        // Wait until the metadata shows the topic's partitions with leaders.
        for _ in 0..<100 {
            if let info = try? await client.topic(topic), !info.partitions.isEmpty { return }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
