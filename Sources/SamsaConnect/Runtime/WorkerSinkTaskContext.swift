import SamsaClient
import SamsaProtocol
import Synchronization

/// A sink task's `SinkTaskContext`: rewinds, pauses and commit requests are recorded here and applied by the
/// task loop; `report` is Kafka's errant record reporter (stage TASK_PUT, under the connector's `errors.*`).
final class WorkerSinkTaskContext: SinkTaskContext {
    struct State {
        var assignment: [TopicPartition] = []
        var paused: Set<TopicPartition> = []
        var rewinds: [TopicPartition: Int64] = [:]
        var commitRequested = false
    }

    let configs: [String: String]
    let state = Mutex(State())
    let errors: ErrorHandler
    let taskClass: String
    /// Re-encodes a reported record to the bytes the DLQ gets when the consumed original is unknown.
    let original: @Sendable (ConnectRecord) -> ConsumerRecord?

    init(configs: [String: String], errors: ErrorHandler, taskClass: String,
         original: @escaping @Sendable (ConnectRecord) -> ConsumerRecord?) {
        self.configs = configs
        self.errors = errors
        self.taskClass = taskClass
        self.original = original
    }

    var assignment: [TopicPartition] { state.withLock { $0.assignment } }
    func offset(_ partition: TopicPartition, _ offset: Int64) { state.withLock { $0.rewinds[partition] = offset } }
    func pause(_ partitions: [TopicPartition]) { state.withLock { $0.paused.formUnion(partitions) } }
    func resume(_ partitions: [TopicPartition]) { state.withLock { $0.paused.subtract(partitions) } }
    func requestCommit() { state.withLock { $0.commitRequested = true } }

    func report(_ record: ConnectRecord, error: Error) async throws {
        try await errors.failed(.taskPut, className: taskClass, record: original(record).map { .consumed($0) }, error: error)
    }

    /// Takes the pending rewinds and commit request.
    func takeRequests() -> (rewinds: [TopicPartition: Int64], commit: Bool) {
        state.withLock { s in
            defer { s.rewinds = [:]; s.commitRequested = false }
            return (s.rewinds, s.commitRequested)
        }
    }
}
