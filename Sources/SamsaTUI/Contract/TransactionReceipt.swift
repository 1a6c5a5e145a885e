/// What a transaction action on the workbench's transactional producer did.
public struct TransactionReceipt: Sendable, Equatable {
    public let transactionalId: String
    public let producerId: Int64
    public let producerEpoch: Int16
    /// Records sent in the transaction (for a commit or an abort: the records it committed or aborted).
    public let records: Int

    public init(transactionalId: String, producerId: Int64, producerEpoch: Int16, records: Int = 0) {
        self.transactionalId = transactionalId
        self.producerId = producerId
        self.producerEpoch = producerEpoch
        self.records = records
    }
}

extension TransactionReceipt {
    /// "producer 4, epoch 0".
    public var producerLabel: String { "producer \(producerId), epoch \(producerEpoch)" }
}
