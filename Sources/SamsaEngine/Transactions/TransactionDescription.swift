import SamsaProtocol

/// One transactional id as its coordinator describes it (DescribeTransactions, the workbench).
public struct TransactionDescription: Sendable, Equatable {
    public var transactionalId: String
    /// NONE, or why it could not be described (NOT_COORDINATOR, TRANSACTIONAL_ID_NOT_FOUND, …).
    public var error: ErrorCode
    public var producerId: Int64
    public var producerEpoch: Int16
    public var state: TransactionState
    public var timeoutMs: Int32
    /// When the open transaction began; -1 when none is open.
    public var startTimestamp: Int64
    public var lastUpdateTimestamp: Int64
    public var partitions: [TopicPartition]
    public var coordinatorId: Int32

    public init(transactionalId: String, error: ErrorCode = .none, producerId: Int64 = -1, producerEpoch: Int16 = -1,
                state: TransactionState = .empty, timeoutMs: Int32 = 0, startTimestamp: Int64 = -1,
                lastUpdateTimestamp: Int64 = -1, partitions: [TopicPartition] = [], coordinatorId: Int32 = -1) {
        self.transactionalId = transactionalId
        self.error = error
        self.producerId = producerId
        self.producerEpoch = producerEpoch
        self.state = state
        self.timeoutMs = timeoutMs
        self.startTimestamp = startTimestamp
        self.lastUpdateTimestamp = lastUpdateTimestamp
        self.partitions = partitions
        self.coordinatorId = coordinatorId
    }
}
