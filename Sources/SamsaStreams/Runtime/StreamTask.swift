import SamsaClient
import SamsaProtocol

/// An active task: one subtopology over one partition of its source topics. Records wait in a queue per
/// partition; the next one processed is the head with the lowest timestamp, as Kafka's `PartitionGroup`
/// picks, so co-partitioned inputs (joins) interleave in event-time order.
final class StreamTask {
    let id: TaskId
    let partitions: [TopicPartition]
    let context: RuntimeTaskContext
    /// Set once the task's stores are restored; until then the built graph waits in `pending`.
    var processor: TaskProcessor?
    var pending: TaskProcessor?
    private var queues: [TopicPartition: [InputRecord]] = [:]
    private var heads: [TopicPartition: Int] = [:]
    /// The next offset to commit per source partition (last processed + 1).
    private(set) var consumed: [TopicPartition: Int64] = [:]
    private(set) var processed: Int64 = 0
    var restoring: [StreamsSnapshot.RestoreProgress] = []

    init(id: TaskId, partitions: [TopicPartition], context: RuntimeTaskContext) {
        self.id = id
        self.partitions = partitions
        self.context = context
    }

    var stores: TaskStores { context.stores }
    var isRunning: Bool { processor != nil }

    func add(_ record: InputRecord) {
        queues[TopicPartition(record.topic, record.partition), default: []].append(record)
    }

    var queued: Int { queues.reduce(0) { $0 + $1.value.count - (heads[$1.key] ?? 0) } }

    /// Processes every queued record in timestamp order across partitions; returns how many.
    @discardableResult
    func processQueued() throws -> Int {
        guard let processor else { return 0 }
        var count = 0
        if queues.count == 1, let (tp, records) = queues.first {
            // One partition with records (a task over one input): its order is the order to process.
            let outbox = context.stores.outbox
            let start = heads[tp] ?? 0
            var next = start
            defer {
                heads[tp] = next
                if next > start { consumed[tp] = records[next - 1].offset + 1 }
            }
            while next < records.count {
                outbox.timestamp.store(records[next].timestamp, ordering: .relaxed)
                try processor.process(records[next])
                next += 1
                count += 1
            }
        }
        while let tp = nextPartition() {
            let index = heads[tp] ?? 0
            let record = queues[tp]![index]
            heads[tp] = index + 1
            context.stores.outbox.timestamp.store(record.timestamp, ordering: .relaxed)
            try processor.process(record)
            consumed[tp] = record.offset + 1
            count += 1
        }
        queues.removeAll(keepingCapacity: true)
        heads.removeAll(keepingCapacity: true)
        processed += Int64(count)
        return count
    }

    private func nextPartition() -> TopicPartition? {
        var best: (TopicPartition, Int64)?
        for (tp, records) in queues {
            let index = heads[tp] ?? 0
            guard index < records.count else { continue }
            let ts = records[index].timestamp
            if best == nil || ts < best!.1 || (ts == best!.1 && (tp.topic, tp.partition) < (best!.0.topic, best!.0.partition)) {
                best = (tp, ts)
            }
        }
        return best?.0
    }

    /// Drops queued records (their offsets are not committed, so they are read again by whoever owns the task next).
    func clearQueues() {
        queues.removeAll()
        heads.removeAll()
    }

    func punctuate(wallClockMs: Int64) throws {
        try processor?.punctuate(wallClockMs: wallClockMs)
    }

    func flush() throws {
        try processor?.flush()
        try stores.flush()
    }

    func close() {
        (processor ?? pending)?.close()
        processor = nil
        pending = nil
        stores.close()
    }
}
