/// One node of a task's processor graph (Kafka's `Processor`). A topology holds a factory per node; each
/// task builds its own instances, so a node may keep plain mutable state. Called from one task at a time.
public protocol ProcessorNode: AnyObject {
    /// Called once before the first record: look up stores, schedule punctuations.
    func initialize(_ context: ProcessorContext) throws
    /// Handles one record; forwards zero or more through `context.forward`.
    func process(_ record: AnyRecord) throws
    /// Called when the task closes (after its last flush).
    func close()
}

extension ProcessorNode {
    public func initialize(_ context: ProcessorContext) throws {}
    public func close() {}
}

/// When a punctuation fires (Kafka's `PunctuationType`).
public enum PunctuationType: Sendable {
    /// As the task's stream time (largest timestamp seen) passes each interval.
    case streamTime
    /// As the wall clock passes each interval.
    case wallClockTime
}

/// What a node may do within its task (Kafka's `ProcessorContext`). Each node gets its own, bound to its
/// children in the graph.
public protocol ProcessorContext: AnyObject {
    var applicationId: String { get }
    var taskId: TaskId { get }
    /// The task's stream time: the largest record timestamp it has processed (Long.MIN before the first).
    var streamTime: Int64 { get }
    /// The input record being processed, if the current call came from one (nil inside a punctuation).
    var recordOrigin: RecordOrigin? { get }
    /// Sends a record to every child, or to the child named `child`.
    func forward(_ record: AnyRecord, to child: String?) throws
    /// A state store connected to this node, by name.
    func stateStore(_ name: String) throws -> StateStore
    /// Calls `callback` with the time each `intervalMs` passes.
    func schedule(intervalMs: Int64, type: PunctuationType, _ callback: @escaping (Int64) throws -> Void)
    /// Counts a record dropped for a reason Kafka counts (late, null key, …), for metrics and the workbench.
    func recordDropped(reason: DroppedRecordReason)
}

extension ProcessorContext {
    public func forward(_ record: AnyRecord) throws { try forward(record, to: nil) }
}

/// Why a record was skipped, as Kafka's `dropped-records` sensors name the causes.
public enum DroppedRecordReason: String, Sendable, CaseIterable {
    case lateRecord = "late record"
    case nullKey = "null key"
    case nullValue = "null value"
    case deserializationError = "deserialization error"
    case expiredWindow = "expired window"
}
