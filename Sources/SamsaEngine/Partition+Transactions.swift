import NIOCore
import SamsaProtocol
import SamsaStorage

/// A producer a partition remembers, as DescribeProducers reports it.
public struct ActiveProducer: Sendable, Equatable {
    public var producerId: Int64
    public var producerEpoch: Int16
    /// The last sequence number appended here; -1 if none (only markers).
    public var lastSequence: Int32
    /// The max timestamp of its last batch or marker.
    public var lastTimestamp: Int64
    /// The coordinator epoch of its last marker; -1 if none.
    public var coordinatorEpoch: Int32
    /// The first offset of its open transaction here; -1 if none is open.
    public var currentTxnStartOffset: Int64

    public init(producerId: Int64, producerEpoch: Int16, lastSequence: Int32, lastTimestamp: Int64,
                coordinatorEpoch: Int32, currentTxnStartOffset: Int64) {
        self.producerId = producerId
        self.producerEpoch = producerEpoch
        self.lastSequence = lastSequence
        self.lastTimestamp = lastTimestamp
        self.coordinatorEpoch = coordinatorEpoch
        self.currentTxnStartOffset = currentTxnStartOffset
    }
}

extension Partition {
    /// Writes a COMMIT or ABORT marker for `producerId`'s transaction as leader, through the same append
    /// path as a produce, so followers replicate it like any batch. Throws EngineError: NOT_LEADER_OR_FOLLOWER,
    /// NOT_ENOUGH_REPLICAS, INVALID_PRODUCER_EPOCH if `producerEpoch` is older than the producer's,
    /// TRANSACTION_COORDINATOR_FENCED if `coordinatorEpoch` is older than its last marker's, KAFKA_STORAGE_ERROR.
    /// Wait for `whenReplicated(through: result.lastOffset, …)` before answering the coordinator.
    public func appendTransactionMarker(producerId: Int64, producerEpoch: Int16, coordinatorEpoch: Int32, commit: Bool,
                                        now: Int64) throws -> AppendResult {
        let marker = ControlRecord(kind: commit ? .commit : .abort, coordinatorEpoch: coordinatorEpoch)
        let batch = marker.batch(producerId: producerId, producerEpoch: producerEpoch, timestamp: now)
        guard let header = RecordBatchHeader(buffer: batch, at: batch.readerIndex) else {
            throw EngineError(.unknownServerError, "Could not build a transaction marker for \(topicPartition).")
        }
        return try appendAsLeader(batch, headers: [header], marker: marker, now: now, requireInsync: true)
    }

    /// The last stable offset: below it every transaction is decided, so read_committed consumers read up
    /// to it. The smaller of the first open transaction's first offset and the high watermark.
    public var lastStableOffset: Int64 {
        state.withLock { Self.lastStableOffset($0) }
    }

    static func lastStableOffset(_ s: State) -> Int64 {
        min(s.producers.firstUnstableOffset ?? s.highWatermark, s.highWatermark)
    }

    /// Reads as a read_committed consumer (isolation level 1): whole batches from `offset` below the last
    /// stable offset, with the aborted transactions the returned range overlaps (Kafka: every one whose
    /// marker is at or after `offset` and whose first offset is below the end of what was read).
    public func readCommitted(from offset: Int64, maxBytes: Int, zeroCopy: Bool = false) throws
        -> (result: ReadResult, highWatermark: Int64, lastStableOffset: Int64, aborted: [AbortedTransaction]) {
        let (hw, lso) = state.withLock { ($0.highWatermark, Self.lastStableOffset($0)) }
        let result = try read(from: offset, maxBytes: maxBytes, limit: lso, zeroCopy: zeroCopy)
        var upperBound = result.upperBoundOffset ?? offset
        if result.file == nil {
            var index = result.records.readerIndex
            while let header = RecordBatchHeader(buffer: result.records, at: index), header.totalSize > 0 {
                upperBound = header.nextOffset
                index += header.totalSize
            }
        }
        upperBound = min(upperBound, lso)
        let aborted = upperBound > offset ? log.abortedTransactions(from: offset, upTo: upperBound) : []
        return (result, hw, lso, aborted)
    }

    /// The aborted transactions overlapping [offset, upperBound) (read_committed fetches).
    public func abortedTransactions(from offset: Int64, upTo upperBound: Int64) -> [AbortedTransaction] {
        log.abortedTransactions(from: offset, upTo: upperBound)
    }

    /// The producers this replica remembers (DescribeProducers), by producer id.
    public var activeProducers: [ActiveProducer] {
        state.withLock { s in
            s.producers.producers.sorted { $0.key < $1.key }.map { id, p in
                ActiveProducer(producerId: id, producerEpoch: p.epoch, lastSequence: p.batches.last?.lastSequence ?? -1,
                               lastTimestamp: p.lastTimestamp, coordinatorEpoch: p.coordinatorEpoch,
                               currentTxnStartOffset: p.currentTxnFirstOffset ?? -1)
            }
        }
    }
}

extension AbortedTransaction {
    init(_ done: ProducerStateTable.CompletedTransaction, lastStableOffset: Int64) {
        self.init(producerId: done.producerId, firstOffset: done.firstOffset, lastOffset: done.lastOffset,
                  lastStableOffset: lastStableOffset)
    }
}
