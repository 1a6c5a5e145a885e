import Logging
import NIOCore
import SamsaClient
import SamsaProtocol

/// Kafka's `DeadLetterQueueReporter`: a sink task's failed records go, as they were consumed (key, value,
/// headers, timestamp), to `errors.deadletterqueue.topic.name`, created with one partition and
/// `errors.deadletterqueue.topic.replication.factor` if missing; with
/// `errors.deadletterqueue.context.headers.enable` they carry Kafka's `__connect.errors.*` headers.
final class DeadLetterQueueReporter: Sendable {
    static let headerPrefix = "__connect.errors."

    let topic: String
    let contextHeaders: Bool
    let producer: Producer
    let logger: Logger

    init(topic: String, contextHeaders: Bool, producer: Producer, logger: Logger) {
        self.topic = topic
        self.contextHeaders = contextHeaders
        self.producer = producer
        self.logger = logger
    }

    /// Creates the topic when it does not exist (Kafka's `createAndSetup`).
    static func make(errors: ConnectorConfig.Errors, client: KafkaClient, producer: Producer, logger: Logger) async throws -> DeadLetterQueueReporter? {
        guard let topic = errors.deadLetterQueueTopic else { return nil }
        let admin = Admin(client: client)
        do {
            if try await !admin.listTopics().contains(topic) {
                logger.error("Topic \(topic) doesn't exist. Will attempt to create topic.")
                _ = try await admin.createTopic(topic, partitions: 1, replicationFactor: errors.deadLetterQueueReplicationFactor)
            }
        } catch let error as ClientError where error.code == .topicAlreadyExists {
        } catch {
            throw TaskFailure(message: "Could not initialize dead letter queue with topic=\(topic)", cause: error)
        }
        return DeadLetterQueueReporter(topic: topic, contextHeaders: errors.deadLetterQueueContextHeaders, producer: producer, logger: logger)
    }

    /// Sends the consumed record to the DLQ (waiting for the acknowledgement so the offset commit after it is safe).
    func report(_ record: ConsumerRecord, stage: ErrorStage, className: String, error: Error, taskId: ConnectorTaskId) async {
        var headers = record.headers
        if contextHeaders {
            headers += Self.contextHeaders(record, stage: stage, className: className, error: error, taskId: taskId)
        }
        let out = ProducerRecord(topic: topic, key: record.key, value: record.value, headers: headers,
                                 timestamp: record.timestamp >= 0 ? record.timestamp : nil)
        do {
            try await producer.send(out)
        } catch {
            logger.error("Could not produce message to dead letter queue. topic=\(topic): \(error)")
        }
    }

    /// Kafka's header names and values (UTF-8 strings, as `DeadLetterQueueReporter.toBytes`).
    static func contextHeaders(_ record: ConsumerRecord, stage: ErrorStage, className: String, error: Error,
                               taskId: ConnectorTaskId) -> [RecordHeader] {
        let pairs: [(String, String)] = [
            ("topic", record.topic), ("partition", String(record.partition)), ("offset", String(record.offset)),
            ("connector.name", taskId.connector), ("task.id", String(taskId.task)), ("stage", stage.rawValue),
            ("class.name", className), ("exception.class.name", ConnectTrace.className(error)),
            ("exception.message", ConnectTrace.message(error)), ("exception.stacktrace", ConnectTrace.trace(error)),
        ]
        return pairs.map { RecordHeader(key: headerPrefix + $0.0, value: ByteBuffer(string: $0.1)) }
    }
}
