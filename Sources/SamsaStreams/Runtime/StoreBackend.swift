import Foundation
import Synchronization

/// What a task wrote and its thread has not yet handed to the producer, shared with the changelog sinks of
/// the task's logged stores (which must be `@Sendable`). `timestamp` is the record being processed, the
/// timestamp its changes are logged with (Kafka's `context.timestamp()`).
final class Outbox: Sendable {
    private let records: Mutex<[OutgoingRecord]> = Mutex([])
    let timestamp = Atomic<Int64>(0)

    func append(_ record: OutgoingRecord) { records.withLock { $0.append(record) } }

    func drain() -> [OutgoingRecord] {
        records.withLock { r in
            defer { r = [] }
            return r
        }
    }
}

/// Opens a task's stores with the stores helper's backends: RocksDB under the task directory when the spec
/// is persistent, memory otherwise, wrapped in changelog logging when logging is enabled.
enum StoreBackend {
    static func open(_ spec: StoreSpec, taskDirectory: String, log: ChangelogSink?, timestamp: @escaping ChangelogTimestamp) throws
        -> any StateStore & ChangelogRestorable {
        switch spec.kind {
        case .keyValue:
            let inner = spec.persistent ? try KeyValueTableStore(name: spec.name, directory: taskDirectory) : KeyValueTableStore(name: spec.name)
            return log.map { ChangeLoggingKeyValueStore(inner: inner, log: $0, timestamp: timestamp) } ?? inner
        case .window(let size, let retention, let duplicates):
            let inner = spec.persistent
                ? try WindowTableStore(name: spec.name, directory: taskDirectory, windowSizeMs: size, retentionMs: retention, retainDuplicates: duplicates)
                : WindowTableStore(name: spec.name, windowSizeMs: size, retentionMs: retention, retainDuplicates: duplicates)
            return log.map { ChangeLoggingWindowStore(inner: inner, log: $0, timestamp: timestamp) } ?? inner
        case .session(let retention):
            let inner = spec.persistent
                ? try SessionTableStore(name: spec.name, directory: taskDirectory, retentionMs: retention)
                : SessionTableStore(name: spec.name, retentionMs: retention)
            return log.map { ChangeLoggingSessionStore(inner: inner, log: $0, timestamp: timestamp) } ?? inner
        }
    }
}
