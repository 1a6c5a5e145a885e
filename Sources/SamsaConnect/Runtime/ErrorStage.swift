import SamsaClient

/// Kafka's `errors.Stage` names: where in a task's pipeline a record failed (the DLQ's
/// `__connect.errors.stage` header and the error log say it).
enum ErrorStage: String, Sendable {
    case keyConverter = "KEY_CONVERTER", valueConverter = "VALUE_CONVERTER", headerConverter = "HEADER_CONVERTER",
         transformation = "TRANSFORMATION", taskPut = "TASK_PUT", taskPoll = "TASK_POLL",
         kafkaProduce = "KAFKA_PRODUCE", kafkaConsume = "KAFKA_CONSUME"

    /// Converters and transforms tolerate any error under `errors.tolerance=all`; other stages only retriable ones.
    var toleratesEveryError: Bool {
        switch self {
        case .keyConverter, .valueConverter, .headerConverter, .transformation: true
        default: false
        }
    }
}

/// A failure at one stage, with the class that was executing (a converter's, a transform's).
struct StageError: Error {
    var stage: ErrorStage
    var className: String
    var error: Error
}

/// The record a failure happened to: the consumed Kafka record (sink tasks) or the source record.
enum ErrantRecord: Sendable {
    case consumed(ConsumerRecord)
    case source(ConnectRecord)
}
