import SamsaProtocol

/// Idempotent and transactional producers' bookkeeping for one partition (KIP-98), as Kafka's
/// ProducerStateManager keeps it: each producer id's epoch and its last five batches, so a retried batch is
/// answered with its original offset instead of being written twice and a gap in sequence numbers is
/// refused; and each producer's open transaction (the offset of its first batch here), closed by a COMMIT
/// or ABORT marker. The smallest first offset of the open transactions is the first unstable offset,
/// which bounds the last stable offset.
///
/// State is kept in memory and rebuilt from the log when a replica opens or cuts its tail (`rebuilt(from:)`).
/// A producer not heard from for producer.id.expiration.ms is forgotten (`removeExpired`) unless its
/// transaction is still open; a forgotten producer's next batch is accepted whatever its sequence, as in Kafka.
///
/// Thread-safety: none; `Partition` guards it with its mutex.
struct ProducerStateTable {
    struct BatchMetadata {
        var firstSequence: Int32
        var lastSequence: Int32
        var firstOffset: Int64
        var lastOffset: Int64
    }

    struct Producer {
        var epoch: Int16
        var batches: [BatchMetadata]
        /// When its last batch was appended here (broker time).
        var lastAppendMs: Int64
        /// The max timestamp of its last batch (what DescribeProducers reports).
        var lastTimestamp: Int64 = -1
        /// The coordinator epoch of the last marker written for it; -1 before any.
        var coordinatorEpoch: Int32 = -1
        /// First offset of its open transaction here, if one is open.
        var currentTxnFirstOffset: Int64?
    }

    /// A transaction a marker ended: its producer, its first offset and the marker's offset.
    struct CompletedTransaction: Equatable {
        var producerId: Int64
        var firstOffset: Int64
        var lastOffset: Int64
        var isAborted: Bool
    }

    enum Verdict: Equatable {
        case append
        case duplicate(firstOffset: Int64, lastOffset: Int64)
        case reject(ErrorCode, String)
    }

    private(set) var producers: [Int64: Producer] = [:]
    /// First offset of each open transaction, by producer id: few, so the first unstable offset is cheap
    /// to find on every fetch however many idempotent producers the table remembers.
    private var openTransactions: [Int64: Int64] = [:]
    static let retainedBatches = 5

    static func lastSequence(_ header: RecordBatchHeader) -> Int32 {
        let sum = Int64(header.baseSequence) + Int64(header.lastOffsetDelta)
        return sum > Int64(Int32.max) ? Int32(sum - Int64(Int32.max) - 1) : Int32(sum)
    }

    /// Checks a client's data batch: epoch, transaction state and sequence (Kafka's ProducerAppendInfo).
    func check(_ header: RecordBatchHeader) -> Verdict {
        guard header.producerId >= 0, let producer = producers[header.producerId] else { return .append }
        if header.producerEpoch < producer.epoch {
            return .reject(.invalidProducerEpoch,
                           "Producer \(header.producerId) epoch \(header.producerEpoch) is older than \(producer.epoch).")
        }
        if header.producerEpoch > producer.epoch {
            return header.baseSequence == 0 ? .append
                : .reject(.outOfOrderSequenceNumber, "A new producer epoch must start at sequence 0, not \(header.baseSequence).")
        }
        let last = Self.lastSequence(header)
        if let seen = producer.batches.first(where: { $0.firstSequence == header.baseSequence && $0.lastSequence == last }) {
            return .duplicate(firstOffset: seen.firstOffset, lastOffset: seen.lastOffset)
        }
        if producer.currentTxnFirstOffset != nil && !header.isTransactional {
            return .reject(.invalidTxnState,
                           "Producer \(header.producerId) sent a non-transactional batch while its transaction is open.")
        }
        guard let previous = producer.batches.last else { return .append }
        let expected = previous.lastSequence == Int32.max ? 0 : previous.lastSequence + 1
        if header.baseSequence == expected { return .append }
        return .reject(.outOfOrderSequenceNumber,
                       "Producer \(header.producerId) sent sequence \(header.baseSequence) but \(expected) was expected.")
    }

    /// Checks an end-transaction marker from a coordinator: neither its producer epoch nor its coordinator
    /// epoch may be older than the last seen (INVALID_PRODUCER_EPOCH, TRANSACTION_COORDINATOR_FENCED).
    func checkMarker(producerId: Int64, producerEpoch: Int16, coordinatorEpoch: Int32) -> Verdict {
        guard let producer = producers[producerId] else { return .append }
        if producerEpoch < producer.epoch {
            return .reject(.invalidProducerEpoch,
                           "The marker's epoch \(producerEpoch) for producer \(producerId) is older than \(producer.epoch).")
        }
        if coordinatorEpoch < producer.coordinatorEpoch {
            return .reject(.transactionCoordinatorFenced,
                           "The marker's coordinator epoch \(coordinatorEpoch) is older than \(producer.coordinatorEpoch).")
        }
        return .append
    }

    /// Records a batch appended at `now` with its final offsets: a data batch opens its producer's
    /// transaction if transactional; a control batch (with its decoded `marker`) ends it and returns the
    /// transaction it ended, if it held any data here.
    @discardableResult
    mutating func record(_ header: RecordBatchHeader, marker: ControlRecord? = nil, now: Int64) -> CompletedTransaction? {
        guard header.producerId >= 0 else { return nil }
        var producer = producers[header.producerId] ?? Producer(epoch: header.producerEpoch, batches: [], lastAppendMs: now)
        if header.producerEpoch != producer.epoch {
            // A new epoch resets the sequences; an open transaction stays open until its marker.
            producer.epoch = header.producerEpoch
            producer.batches = []
        }
        producer.lastAppendMs = max(producer.lastAppendMs, now)
        producer.lastTimestamp = header.maxTimestamp
        var completed: CompletedTransaction?
        if header.isControl {
            if let marker {
                if let first = producer.currentTxnFirstOffset {
                    completed = CompletedTransaction(producerId: header.producerId, firstOffset: first,
                                                     lastOffset: header.lastOffset, isAborted: marker.kind == .abort)
                }
                producer.coordinatorEpoch = marker.coordinatorEpoch
                producer.currentTxnFirstOffset = nil
                openTransactions[header.producerId] = nil
            }
        } else {
            producer.batches.append(BatchMetadata(firstSequence: header.baseSequence, lastSequence: Self.lastSequence(header),
                                                  firstOffset: header.baseOffset, lastOffset: header.lastOffset))
            if producer.batches.count > Self.retainedBatches { producer.batches.removeFirst() }
            if header.isTransactional && producer.currentTxnFirstOffset == nil {
                producer.currentTxnFirstOffset = header.baseOffset
                openTransactions[header.producerId] = header.baseOffset
            }
        }
        producers[header.producerId] = producer
        return completed
    }

    /// The smallest first offset of the open transactions (nil when none is open).
    var firstUnstableOffset: Int64? {
        openTransactions.values.min()
    }

    /// The last stable offset once `completed` has ended (Kafka stores it with an aborted transaction):
    /// the first offset of the oldest other open transaction, or just past the marker.
    func lastStableOffset(after completed: CompletedTransaction) -> Int64 {
        openTransactions.filter { $0.key != completed.producerId }.values.min() ?? completed.lastOffset + 1
    }

    /// Forgets producers whose last append is `expirationMs` or more before `now` and whose transaction is
    /// not open; returns how many.
    @discardableResult
    mutating func removeExpired(now: Int64, expirationMs: Int64) -> Int {
        let before = producers.count
        producers = producers.filter { $0.value.currentTxnFirstOffset != nil || now - $0.value.lastAppendMs < expirationMs }
        return before - producers.count
    }

    var count: Int { producers.count }
}
