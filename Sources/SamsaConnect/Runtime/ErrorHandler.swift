import Logging
import Synchronization

/// Kafka's `RetryWithToleranceOperator` for one task: runs a stage, retries `RetriableException`s with
/// exponential backoff (300 ms doubling, at most `errors.retry.delay.max.ms`) until `errors.retry.timeout`,
/// then either tolerates the failure (`errors.tolerance=all`: reported to the log and DLQ, record skipped) or
/// fails the task with "Tolerance exceeded in error handler".
final class ErrorHandler: Sendable {
    let config: ConnectorConfig.Errors
    let taskId: ConnectorTaskId
    let logger: Logger
    let deadLetterQueue: DeadLetterQueueReporter?
    private let failures = Atomic<Int64>(0)
    private let stopping = Atomic<Bool>(false)

    static let minimumRetryDelayMs: Int64 = 300

    init(config: ConnectorConfig.Errors, taskId: ConnectorTaskId, logger: Logger, deadLetterQueue: DeadLetterQueueReporter?) {
        self.config = config
        self.taskId = taskId
        self.logger = logger
        self.deadLetterQueue = deadLetterQueue
    }

    /// Records that failed (tolerated or not) since the task started.
    var failureCount: Int64 { failures.load(ordering: .relaxed) }

    /// Ends retry loops early when the task is stopping.
    func triggerStop() { stopping.store(true, ordering: .relaxed) }

    /// Runs `operation`; nil when it failed and the failure is tolerated (the record is skipped). A
    /// `StageError` thrown by the operation names its own stage and class (a transform in a chain).
    func execute<T>(_ stage: ErrorStage, className: String, record: ErrantRecord?,
                    _ operation: () throws -> T) async throws -> T? {
        let start = ContinuousClock.now
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try operation()
            } catch {
                var stage = stage, className = className, cause = error
                if let staged = error as? StageError { (stage, className, cause) = (staged.stage, staged.className, staged.error) }
                if case ConnectError.retriable = cause, await backoff(attempt: attempt, since: start) { continue }
                try await failed(stage, className: className, record: record, error: cause)
                return nil
            }
        }
    }

    /// Reports a failure that happened outside `execute` (a put, a produce, the errant record reporter) and
    /// throws unless it is tolerated.
    func failed(_ stage: ErrorStage, className: String, record: ErrantRecord?, error: Error) async throws {
        failures.add(1, ordering: .relaxed)
        if config.logEnable { logger.error("\(logMessage(stage, className: className, record: record)) \(ConnectTrace.trace(error))") }
        let tolerable = stage.toleratesEveryError || { if case ConnectError.retriable = error { true } else { false } }()
        if case .consumed(let consumed) = record, let dlq = deadLetterQueue {
            await dlq.report(consumed, stage: stage, className: className, error: error, taskId: taskId)
        }
        guard config.tolerateAll else {
            throw TaskFailure(message: "Tolerance exceeded in error handler", cause: error)
        }
        guard tolerable else { throw TaskFailure(message: "Unhandled exception in error handler", cause: error) }
    }

    /// Kafka's `LogReporter` line.
    func logMessage(_ stage: ErrorStage, className: String, record: ErrantRecord?) -> String {
        var text = "Error encountered in task \(taskId). Executing stage '\(stage.rawValue)' with class '\(className)'"
        if config.logIncludeMessages, let record {
            switch record {
            case .consumed(let r):
                let type = r.timestampType == .logAppendTime ? "LogAppendTime" : "CreateTime"
                text += ", where consumed record is {topic='\(r.topic)', partition=\(r.partition), offset=\(r.offset), timestamp=\(r.timestamp), timestampType=\(type)}"
            case .source(let r):
                text += ", where source record is = \(r)"
            }
        }
        return text + "."
    }

    /// Sleeps before the next attempt; false when the retry timeout has passed (or the task is stopping).
    private func backoff(attempt: Int, since start: ContinuousClock.Instant) async -> Bool {
        let timeout = config.retryTimeoutMs
        let elapsed = ContinuousClock.now - start
        if stopping.load(ordering: .relaxed) { return false }
        if timeout >= 0 && elapsed >= .milliseconds(timeout) { return false }
        var delay = Self.minimumRetryDelayMs << min(attempt - 1, 20)
        if delay > config.retryDelayMaxMs { delay = Int64.random(in: 0...max(0, config.retryDelayMaxMs)) }
        if timeout >= 0 { delay = min(delay, max(0, timeout - elapsed.milliseconds)) }
        try? await Task.sleep(for: .milliseconds(delay))
        return true
    }
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
