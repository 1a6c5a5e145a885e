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
