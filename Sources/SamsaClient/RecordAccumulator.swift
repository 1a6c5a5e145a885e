import NIOCore
import SamsaProtocol
import Synchronization

typealias DeliveryCallback = @Sendable (Result<RecordMetadata, Error>) -> Void

/// A batch on its way to a partition leader, with what to tell each record's sender.
struct ProducerBatch: Sendable {
    var topicPartition: (topic: String, partition: Int32)
    var builder: RecordBatchBuilder
    var callbacks: [DeliveryCallback?] = []
    var timestamps: [Int64] = []
    var created: NIODeadline
    /// Encoded once when first drained, so a retry resends identical bytes.
    var encoded: ByteBuffer?
    var attempts = 0
    var retryAfter: NIODeadline = .distantPast

    var recordCount: Int { callbacks.count }
}

/// Per-partition queues of batches being filled or waiting to be sent. A partition has at most one batch
/// in flight, which keeps records in order across retries.
///
/// Thread-safety: one mutex guards all queues.
final class RecordAccumulator: Sendable {
    private struct Key: Hashable {
        var topic: String
        var partition: Int32
    }

    private struct Queue {
        var batches: [ProducerBatch] = []
        var inFlight = false
    }

    private struct State {
        var queues: [Key: Queue] = [:]
        var bufferedBytes = 0
        var flushing = 0
        var closed = false
    }

    private let state = Mutex(State())
    let config: ProducerConfig
    /// Set for a transactional producer: batches carry its producer id, epoch and sequence numbers.
    let transactions: TransactionManager?

    init(config: ProducerConfig, transactions: TransactionManager? = nil) {
        self.config = config
        self.transactions = transactions
    }

    var bufferedBytes: Int { state.withLock { $0.bufferedBytes } }

    /// Adds a record; returns true if a batch became full (the sender should look now).
    func append(topic: String, partition: Int32, key: ByteBuffer?, value: ByteBuffer?, headers: [RecordHeader],
                timestamp: Int64, callback: DeliveryCallback?) throws -> Bool {
        try state.withLock { s in
            if s.closed { throw ClientError.invalidArgument("The producer is closed.") }
            let recordSize = (key?.readableBytes ?? 0) + (value?.readableBytes ?? 0) + 32
            let (added, full) = Self.append(to: &s.queues[Key(topic: topic, partition: partition), default: Queue()],
                                            topic: topic, partition: partition, recordSize: recordSize, config: config) { builder in
                builder.append(key: key, value: value, headers: headers, timestamp: timestamp)
            } record: { batch in
                batch.callbacks.append(callback)
                batch.timestamps.append(timestamp)
            }
            s.bufferedBytes += added
            return full
        }
    }

    /// Appends to the queue in place: copying it out of the table would copy the open batch's buffer on
    /// every record.
    private static func append(to queue: inout Queue, topic: String, partition: Int32, recordSize: Int, config: ProducerConfig,
                               _ encode: (inout RecordBatchBuilder) -> Void,
                               record: (inout ProducerBatch) -> Void) -> (added: Int, full: Bool) {
        let before = queue.batches.last?.builder.estimatedSize ?? 0
        if queue.batches.isEmpty || queue.batches[queue.batches.count - 1].encoded != nil
            || before + recordSize > config.batchSize && queue.batches[queue.batches.count - 1].recordCount > 0 {
            queue.batches.append(ProducerBatch(topicPartition: (topic, partition),
                                               builder: RecordBatchBuilder(capacity: min(config.batchSize, 64 * 1024)),
                                               created: .now()))
        }
        let last = queue.batches.count - 1
        let sizeBefore = queue.batches[last].builder.estimatedSize
        encode(&queue.batches[last].builder)
        record(&queue.batches[last])
        let size = queue.batches[last].builder.estimatedSize
        return (size - sizeBefore, size >= config.batchSize || queue.batches.count > 1)
    }

    /// Takes the batches that should go now (full, lingered long enough, flushing, or retry time reached)
    /// from partitions with nothing in flight, marking those partitions busy. Also returns when the next
    /// batch will be due.
    func drain(now: NIODeadline) -> (ready: [ProducerBatch], nextDue: NIODeadline?) {
        state.withLock { s in
            var ready: [ProducerBatch] = []
            var nextDue: NIODeadline?
            let linger = TimeAmount.milliseconds(Int64(config.lingerMs))
            for (key, var queue) in s.queues where !queue.inFlight && !queue.batches.isEmpty {
                let head = queue.batches[0]
                let due = head.attempts > 0 ? head.retryAfter : head.created + linger
                let full = queue.batches.count > 1 || head.builder.estimatedSize >= config.batchSize
                if (s.flushing > 0 && head.attempts == 0) || s.closed || full || due <= now {
                    var batch = queue.batches.removeFirst()
                    if batch.encoded == nil { encode(&batch) }
                    queue.inFlight = true
                    s.queues[key] = queue
                    ready.append(batch)
                } else if nextDue.map({ due < $0 }) ?? true {
                    nextDue = due
                }
            }
            return (ready, nextDue)
        }
    }

    /// Builds a batch's bytes once, stamping a transactional producer's id, epoch and next sequence: the
    /// sequence is taken when the batch is first drained, so batches of a partition number in send order.
    private func encode(_ batch: inout ProducerBatch) {
        if let transactions {
            let tp = TopicPartition(batch.topicPartition.topic, batch.topicPartition.partition)
            let (identity, sequence) = transactions.takeSequence(tp, count: Int32(batch.recordCount))
            batch.builder.producerId = identity.producerId
            batch.builder.producerEpoch = identity.epoch
            batch.builder.baseSequence = sequence
            batch.builder.isTransactional = true
        }
        // A codec failure leaves the batch uncompressed rather than losing its records.
        batch.encoded = (try? batch.builder.build(compression: config.compression)) ?? batch.builder.build()
    }

    /// Removes the batches never sent (abortTransaction drops them); batches sent or being retried stay,
    /// since their sequence numbers are already taken.
    func removeUnsent() -> [ProducerBatch] {
        state.withLock { s in
            var removed: [ProducerBatch] = []
            for (key, var queue) in s.queues {
                let (unsent, kept) = (queue.batches.filter { $0.encoded == nil }, queue.batches.filter { $0.encoded != nil })
                guard !unsent.isEmpty else { continue }
                removed += unsent
                queue.batches = kept
                for batch in unsent { s.bufferedBytes -= batch.builder.estimatedSize }
                s.queues[key] = queue.batches.isEmpty && !queue.inFlight ? nil : queue
            }
            return removed
        }
    }

    /// A batch finished (delivered or failed for good): frees its partition and its buffer space.
    func complete(_ batch: ProducerBatch) {
        state.withLock { s in
            let key = Key(topic: batch.topicPartition.topic, partition: batch.topicPartition.partition)
            s.queues[key]?.inFlight = false
            s.bufferedBytes -= batch.builder.estimatedSize
            if s.queues[key]?.batches.isEmpty == true { s.queues[key] = nil }
        }
    }

    /// Puts a batch back at the head of its partition's queue to be retried after the backoff.
    func requeue(_ batch: ProducerBatch) {
        state.withLock { s in
            let key = Key(topic: batch.topicPartition.topic, partition: batch.topicPartition.partition)
            var retry = batch
            retry.attempts += 1
            retry.retryAfter = .now() + .milliseconds(Int64(config.retryBackoffMs))
            var queue = s.queues[key] ?? Queue()
            queue.batches.insert(retry, at: 0)
            queue.inFlight = false
            s.queues[key] = queue
        }
    }

    var isEmpty: Bool { state.withLock { $0.queues.isEmpty } }

    func beginFlush() { state.withLock { $0.flushing += 1 } }
    func endFlush() { state.withLock { $0.flushing -= 1 } }
    func close() { state.withLock { $0.closed = true } }
}
