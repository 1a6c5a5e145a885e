import SamsaProtocol

/// Idempotent-producer bookkeeping for one partition (KIP-98): each producer id's epoch and its last
/// five batches, so a retried batch is answered with its original offset instead of being written twice,
/// and a gap in sequence numbers is refused. State is kept in memory and rebuilt from the log's batch
/// headers when a replica opens or cuts its tail (`rebuilt(from:)`), as Kafka rebuilds it, so a retry sent
/// to a leader that restarted is still recognized. A producer not heard from for producer.id.expiration.ms
/// is forgotten (`removeExpired`), so the table does not grow with every producer that ever wrote; a
/// forgotten producer's next batch is accepted whatever its sequence, as in Kafka.
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
    }

    enum Verdict: Equatable {
        case append
        case duplicate(firstOffset: Int64, lastOffset: Int64)
        case reject(ErrorCode, String)
    }

    private(set) var producers: [Int64: Producer] = [:]
    static let retainedBatches = 5

    static func lastSequence(_ header: RecordBatchHeader) -> Int32 {
        let sum = Int64(header.baseSequence) + Int64(header.lastOffsetDelta)
        return sum > Int64(Int32.max) ? Int32(sum - Int64(Int32.max) - 1) : Int32(sum)
    }

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
        guard let previous = producer.batches.last else { return .append }
        let expected = previous.lastSequence == Int32.max ? 0 : previous.lastSequence + 1
        if header.baseSequence == expected { return .append }
        return .reject(.outOfOrderSequenceNumber,
                       "Producer \(header.producerId) sent sequence \(header.baseSequence) but \(expected) was expected.")
    }

    /// Records a batch that was appended at `now` with its final offsets.
    mutating func record(_ header: RecordBatchHeader, now: Int64) {
        guard header.producerId >= 0 else { return }
        var producer = producers[header.producerId] ?? Producer(epoch: header.producerEpoch, batches: [], lastAppendMs: now)
        if header.producerEpoch != producer.epoch {
            producer = Producer(epoch: header.producerEpoch, batches: [], lastAppendMs: now)
        }
        producer.lastAppendMs = max(producer.lastAppendMs, now)
        producer.batches.append(BatchMetadata(firstSequence: header.baseSequence, lastSequence: Self.lastSequence(header),
                                              firstOffset: header.baseOffset, lastOffset: header.lastOffset))
        if producer.batches.count > Self.retainedBatches { producer.batches.removeFirst() }
        producers[header.producerId] = producer
    }

    /// The state the batches of `headers` (oldest first, with their final offsets) leave behind; each
    /// producer's last append is taken as its batch's max timestamp, as Kafka does.
    static func rebuilt(from headers: [RecordBatchHeader]) -> ProducerStateTable {
        var table = ProducerStateTable()
        for header in headers { table.record(header, now: header.maxTimestamp) }
        return table
    }

    /// Forgets producers whose last append is `expirationMs` or more before `now`; returns how many.
    @discardableResult
    mutating func removeExpired(now: Int64, expirationMs: Int64) -> Int {
        let before = producers.count
        producers = producers.filter { now - $0.value.lastAppendMs < expirationMs }
        return before - producers.count
    }

    var count: Int { producers.count }
}
