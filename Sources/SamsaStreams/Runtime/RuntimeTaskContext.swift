import Foundation
import SamsaClient
import SamsaProtocol

/// A record a task wrote, waiting for its thread to hand it to the producer (task code is synchronous,
/// the producer is not). Changelog records carry the store they log.
struct OutgoingRecord: Sendable {
    var topic: String
    var partition: Int32?
    var key: [UInt8]?
    var value: [UInt8]?
    var timestamp: Int64
    var headers: [RecordHeader]
    var changelogOf: String?
}

/// The runtime's `TaskContext`: opens a task's stores (with changelog logging to the task's changelog
/// partition) and buffers what the task sends until its thread drains it into the producer.
final class RuntimeTaskContext: TaskContext, TaskSettingsProviding, PartitionCountProviding {
    let applicationId: String
    let taskId: TaskId
    let stores: TaskStores
    /// `default.deserialization.exception.handler`, which the topology's source nodes follow.
    let deserializationExceptionHandler: DeserializationExceptionHandler
    /// Partition counts from the thread's metadata, for sinks with a custom partitioner.
    let partitionCounts: @Sendable (String) -> Int32?
    var dropped: [DroppedRecordReason: Int64] = [:]

    init(applicationId: String, taskId: TaskId, stores: TaskStores, deserializationExceptionHandler: DeserializationExceptionHandler,
         partitionCounts: @escaping @Sendable (String) -> Int32?) {
        self.partitionCounts = partitionCounts
        self.deserializationExceptionHandler = deserializationExceptionHandler
        self.applicationId = applicationId
        self.taskId = taskId
        self.stores = stores
    }

    func store(for spec: StoreSpec) throws -> StateStore {
        try stores.open(spec)
    }

    func send(topic: String, partition: Int32?, key: [UInt8]?, value: [UInt8]?, timestamp: Int64, headers: [RecordHeader]) throws {
        stores.outbox.append(OutgoingRecord(topic: topic, partition: partition, key: key, value: value, timestamp: timestamp,
                                     headers: headers, changelogOf: nil))
    }

    func recordDropped(reason: DroppedRecordReason) {
        dropped[reason, default: 0] += 1
    }

    func partitionCount(topic: String) throws -> Int32 {
        guard let count = partitionCounts(topic) else {
            throw StreamsError(.illegalState, "Topic \(topic) is not in the cluster metadata, so its partition count is unknown; create it before the application starts.")
        }
        return count
    }

    var wallClockMs: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    func drainOutbox() -> [OutgoingRecord] { stores.outbox.drain() }
}
