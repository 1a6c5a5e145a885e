import SamsaProtocol

/// One transactional id at its coordinator, as Kafka's TransactionMetadata: the producer id and epoch it
/// owns, the open transaction's partitions and state. Transitions return the next metadata (Kafka's
/// "transit metadata"), which becomes current only once written to `__transaction_state` and replicated.
struct TransactionMetadata: Sendable, Equatable {
    static let noProducerEpoch: Int16 = -1

    let transactionalId: String
    var producerId: Int64
    /// The producer id before the last rotation, so a retried InitProducerId after one is recognized.
    var previousProducerId: Int64 = -1
    var producerEpoch: Int16
    /// The epoch before the last bump by the producer itself (KIP-360 retries); -1 after a fence.
    var lastProducerEpoch: Int16 = -1
    var timeoutMs: Int32
    var state: TransactionState
    var partitions: Set<TopicPartition> = []
    var startTimestamp: Int64 = -1
    var lastUpdateTimestamp: Int64
    /// The state of a transition being written to the log; requests meanwhile are told CONCURRENT_TRANSACTIONS.
    var pending: TransactionState?

    static func isEpochExhausted(_ epoch: Int16) -> Bool { epoch >= Int16.max - 1 }
    var isEpochExhausted: Bool { Self.isEpochExhausted(producerEpoch) }

    private func transit(to state: TransactionState, producerId: Int64? = nil, epoch: Int16? = nil, lastEpoch: Int16? = nil,
                         timeoutMs: Int32? = nil, partitions: Set<TopicPartition>? = nil, start: Int64? = nil,
                         now: Int64) -> TransactionMetadata {
        var next = self
        next.state = state
        next.producerId = producerId ?? self.producerId
        next.producerEpoch = epoch ?? producerEpoch
        next.lastProducerEpoch = lastEpoch ?? lastProducerEpoch
        next.timeoutMs = timeoutMs ?? self.timeoutMs
        next.partitions = partitions ?? self.partitions
        next.startTimestamp = start ?? startTimestamp
        next.lastUpdateTimestamp = now
        next.pending = nil
        return next
    }

    /// InitProducerId on an idle transactional id: the next epoch, or (KIP-360) a retry answered with the
    /// current one, or PRODUCER_FENCED when the producer presents an epoch that is neither.
    func incrementingEpoch(timeoutMs: Int32, expectedEpoch: Int16?, now: Int64) -> Result<TransactionMetadata, EngineError> {
        // Never Int16.max + 1: an exhausted epoch moves to a new producer id before it is bumped.
        let bumped = producerEpoch == .max ? producerEpoch : producerEpoch + 1
        let epochs: (Int16, Int16)
        if let expectedEpoch {
            if producerEpoch == Self.noProducerEpoch || expectedEpoch == producerEpoch {
                epochs = (bumped, producerEpoch)
            } else if expectedEpoch == lastProducerEpoch {
                epochs = (producerEpoch, lastProducerEpoch)
            } else {
                return .failure(EngineError(.producerFenced, "Producer epoch \(expectedEpoch) of \(transactionalId) is neither "
                                            + "the current \(producerEpoch) nor the previous \(lastProducerEpoch)."))
            }
        } else {
            epochs = (bumped, Self.noProducerEpoch)
        }
        return .success(transit(to: .empty, epoch: epochs.0, lastEpoch: epochs.1, timeoutMs: timeoutMs, partitions: [],
                                start: -1, now: now))
    }

    /// InitProducerId when the epoch is exhausted: a new producer id at epoch 0.
    func rotatingProducerId(to newId: Int64, timeoutMs: Int32, recordLastEpoch: Bool, now: Int64) -> TransactionMetadata {
        var next = transit(to: .empty, producerId: newId, epoch: 0, lastEpoch: recordLastEpoch ? producerEpoch : Self.noProducerEpoch,
                           timeoutMs: timeoutMs, partitions: [], start: -1, now: now)
        next.previousProducerId = producerId
        return next
    }

    func addingPartitions(_ added: Set<TopicPartition>, now: Int64) -> TransactionMetadata {
        transit(to: .ongoing, partitions: partitions.union(added), start: state.isIdle ? now : startTimestamp, now: now)
    }

    func preparing(commit: Bool, now: Int64) -> TransactionMetadata {
        transit(to: commit ? .prepareCommit : .prepareAbort, now: now)
    }

    /// A new producer (or the timeout) fences the open transaction: its epoch is bumped, so every later
    /// request of the old producer is PRODUCER_FENCED, and it is aborted under the new epoch.
    func fencingAndAborting(now: Int64) -> TransactionMetadata {
        // An open transaction's epoch is below Int16.max - 1 (InitProducerId moves on to a new id there).
        transit(to: .prepareAbort, epoch: producerEpoch == .max ? producerEpoch : producerEpoch + 1,
                lastEpoch: Self.noProducerEpoch, now: now)
    }

    func completing(now: Int64) -> TransactionMetadata {
        transit(to: state == .prepareCommit ? .completeCommit : .completeAbort, partitions: [], now: now)
    }

    // MARK: The log record

    var logValue: TransactionLogValue {
        let byTopic = Dictionary(grouping: partitions, by: \.topic)
        let stored: [TransactionLogValue.Partitions]? = state == .empty ? nil
            : byTopic.keys.sorted().map { topic in
                TransactionLogValue.Partitions(topic: topic, partitionIds: byTopic[topic]!.map(\.partition).sorted())
            }
        return TransactionLogValue(producerId: producerId, producerEpoch: producerEpoch, transactionTimeoutMs: timeoutMs,
                                   transactionStatus: state.rawValue, transactionPartitions: stored,
                                   transactionLastUpdateTimestampMs: lastUpdateTimestamp, transactionStartTimestampMs: startTimestamp)
    }

    init(transactionalId: String, producerId: Int64, producerEpoch: Int16, timeoutMs: Int32, state: TransactionState, now: Int64) {
        self.transactionalId = transactionalId
        self.producerId = producerId
        self.producerEpoch = producerEpoch
        self.timeoutMs = timeoutMs
        self.state = state
        lastUpdateTimestamp = now
    }

    init(transactionalId: String, value: TransactionLogValue) throws {
        guard let state = value.state else {
            throw EngineError(.unknownServerError, "Transaction state \(value.transactionStatus) of \(transactionalId) is unknown.")
        }
        self.init(transactionalId: transactionalId, producerId: value.producerId, producerEpoch: value.producerEpoch,
                  timeoutMs: value.transactionTimeoutMs, state: state, now: value.transactionLastUpdateTimestampMs)
        startTimestamp = value.transactionStartTimestampMs
        partitions = Set((value.transactionPartitions ?? []).flatMap { entry in
            entry.partitionIds.map { TopicPartition(entry.topic, $0) }
        })
    }
}
