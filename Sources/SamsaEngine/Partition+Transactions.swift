import NIOCore
import SamsaProtocol
import SamsaStorage

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
        state.withLock { lastStableOffset($0) }
    }

    /// The high watermark and the last stable offset, sampled together under one lock (a fetch answers both).
    var readPositions: (highWatermark: Int64, lastStableOffset: Int64) {
        state.withLock { ($0.highWatermark, lastStableOffset($0)) }
    }

    /// The last stable offset as `s` leaves it. An open transaction whose start retention or DeleteRecords
    /// removed holds it at the log start, not below (Kafka's maybeIncrementFirstUnstableOffset).
    func lastStableOffset(_ s: State) -> Int64 {
        guard let firstUnstable = s.producers.firstUnstableOffset else { return s.highWatermark }
        return min(max(firstUnstable, log.logStartOffset), s.highWatermark)
    }

    /// Reads as a read_committed consumer (isolation level 1): whole batches from `offset` below the last
    /// stable offset, with the aborted transactions the returned range overlaps (Kafka: every one whose
    /// marker is at or after `offset` and whose first offset is below the end of what was read).
    public func readCommitted(from offset: Int64, maxBytes: Int, zeroCopy: Bool = false) throws
        -> (result: ReadResult, highWatermark: Int64, lastStableOffset: Int64, aborted: [AbortedTransaction]) {
        let (hw, lso) = readPositions
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

    /// The producers this replica remembers, by producer id, as DescribeProducers reports them: epoch, last
    /// sequence (-1 if only markers), last batch's max timestamp, last marker's coordinator epoch (-1 if
    /// none), and the first offset of the open transaction (-1 if none).
    public var activeProducers: [DescribeProducersResponse.ProducerState] {
        state.withLock { s in
            s.producers.producers.sorted { $0.key < $1.key }.map { id, p in
                DescribeProducersResponse.ProducerState(
                    producerId: id, producerEpoch: Int32(p.epoch), lastSequence: p.batches.last?.lastSequence ?? -1,
                    lastTimestamp: p.lastTimestamp, coordinatorEpoch: p.coordinatorEpoch, currentTxnStartOffset: p.currentTxnFirstOffset ?? -1)
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
