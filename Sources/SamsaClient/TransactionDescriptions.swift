import SamsaProtocol

/// One transactional id a coordinator knows (ListTransactions), as Kafka's `TransactionListing`.
public struct TransactionListing: Sendable, Equatable {
    public var transactionalId: String
    public var producerId: Int64
    /// Kafka's names: Empty, Ongoing, PrepareCommit, PrepareAbort, CompleteCommit, CompleteAbort, PrepareEpochFence.
    public var state: String
    /// The broker coordinating it.
    public var coordinatorId: Int32

    public init(transactionalId: String, producerId: Int64, state: String, coordinatorId: Int32) {
        self.transactionalId = transactionalId
        self.producerId = producerId
        self.state = state
        self.coordinatorId = coordinatorId
    }
}

/// A transactional id's state at its coordinator (DescribeTransactions), as Kafka's `TransactionDescription`.
public struct TransactionDescription: Sendable, Equatable {
    public var coordinatorId: Int32
    public var transactionalId: String
    public var state: String
    public var producerId: Int64
    public var producerEpoch: Int16
    public var transactionTimeoutMs: Int32
    /// Nil when no transaction is open (-1 on the wire).
    public var transactionStartTimeMs: Int64?
    public var topicPartitions: [TopicPartition]

    public init(coordinatorId: Int32, transactionalId: String, state: String, producerId: Int64, producerEpoch: Int16,
                transactionTimeoutMs: Int32, transactionStartTimeMs: Int64?, topicPartitions: [TopicPartition]) {
        self.coordinatorId = coordinatorId
        self.transactionalId = transactionalId
        self.state = state
        self.producerId = producerId
        self.producerEpoch = producerEpoch
        self.transactionTimeoutMs = transactionTimeoutMs
        self.transactionStartTimeMs = transactionStartTimeMs
        self.topicPartitions = topicPartitions
    }
}

/// A producer a partition leader tracks (DescribeProducers), as Kafka's `ProducerState`.
public struct ProducerStateDescription: Sendable, Equatable {
    public var producerId: Int64
    public var producerEpoch: Int32
    public var lastSequence: Int32
    public var lastTimestamp: Int64
    /// Nil when the partition's leader has not seen a marker from this producer's coordinator (-1 on the wire).
    public var coordinatorEpoch: Int32?
    /// Nil when the producer has no open transaction on the partition.
    public var currentTransactionStartOffset: Int64?

    public init(producerId: Int64, producerEpoch: Int32, lastSequence: Int32, lastTimestamp: Int64, coordinatorEpoch: Int32?,
                currentTransactionStartOffset: Int64?) {
        self.producerId = producerId
        self.producerEpoch = producerEpoch
        self.lastSequence = lastSequence
        self.lastTimestamp = lastTimestamp
        self.coordinatorEpoch = coordinatorEpoch
        self.currentTransactionStartOffset = currentTransactionStartOffset
    }
}

/// What `--abort` aborts: one producer's open transaction on one partition (Kafka's `AbortTransactionSpec`).
public struct AbortTransactionSpec: Sendable, Equatable {
    public var topicPartition: TopicPartition
    public var producerId: Int64
    public var producerEpoch: Int16
    public var coordinatorEpoch: Int32

    public init(topicPartition: TopicPartition, producerId: Int64, producerEpoch: Int16, coordinatorEpoch: Int32) {
        self.topicPartition = topicPartition
        self.producerId = producerId
        self.producerEpoch = producerEpoch
        self.coordinatorEpoch = coordinatorEpoch
    }
}
