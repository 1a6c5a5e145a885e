// AddPartitionsToTxn response: one transaction's topics at top level up to v3; from v4 a top-level error code
// and a list of transactions, each with its topics.

public struct AddPartitionsToTxnResponse: KafkaMessage {
    public typealias PartitionResult = TopicPartitionErrors.Partition
    public typealias TopicResult = TopicPartitionErrors

    public struct TransactionResult: Sendable, Equatable {
        public var transactionalId: String
        public var topics: [TopicResult]
        public init(transactionalId: String, topics: [TopicResult]) {
            self.transactionalId = transactionalId
            self.topics = topics
        }
    }

    public var throttleTimeMs: Int32
    /// v4+: an error for the whole request (the per-partition codes are then empty).
    public var errorCode: ErrorCode
    /// v4+.
    public var resultsByTransaction: [TransactionResult]
    /// v0-v3.
    public var resultsByTopic: [TopicResult]

    /// The client's form (v0-v3).
    public init(throttleTimeMs: Int32 = 0, resultsByTopic: [TopicResult]) {
        self.throttleTimeMs = throttleTimeMs
        self.errorCode = .none
        self.resultsByTransaction = []
        self.resultsByTopic = resultsByTopic
    }

    /// The broker's batched form (v4+).
    public init(throttleTimeMs: Int32 = 0, errorCode: ErrorCode = .none, resultsByTransaction: [TransactionResult]) {
        self.init(throttleTimeMs: throttleTimeMs, resultsByTopic: [])
        self.errorCode = errorCode
        self.resultsByTransaction = resultsByTransaction
    }

    /// Lays per-transaction results out for `version`: v4+ as a list, older versions the first
    /// transaction's topics (a v0-v3 request names exactly one).
    public init(throttleTimeMs: Int32 = 0, resultsByTransaction: [TransactionResult], version: Int16) {
        if version >= 4 {
            self.init(throttleTimeMs: throttleTimeMs, resultsByTransaction: resultsByTransaction)
        } else {
            self.init(throttleTimeMs: throttleTimeMs, resultsByTopic: resultsByTransaction.first?.topics ?? [])
        }
    }

    /// The results, whatever the version's layout (v0-v3: one transaction with an empty id).
    public func resultsByTransaction(version: Int16) -> [TransactionResult] {
        version >= 4 ? resultsByTransaction : [TransactionResult(transactionalId: "", topics: resultsByTopic)]
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(throttleTimeMs: try reader.readInt32("throttle time"), resultsByTopic: [])
        if version >= 4 {
            errorCode = ErrorCode(try reader.readInt16("error code"))
            resultsByTransaction = try reader.readArray("results by transaction") { r in
                let result = TransactionResult(transactionalId: try r.readString("transactional id"), topics: try TopicPartitionErrors.readArray(&r))
                try r.readTaggedFields()
                return result
            }
        } else {
            resultsByTopic = try TopicPartitionErrors.readArray(&reader)
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        if version >= 4 {
            writer.writeInt16(errorCode.rawValue)
            writer.writeArray(resultsByTransaction) { w, result in
                w.writeString(result.transactionalId)
                TopicPartitionErrors.writeArray(result.topics, to: &w)
                w.writeTaggedFields()
            }
        } else {
            TopicPartitionErrors.writeArray(resultsByTopic, to: &writer)
        }
        writer.writeTaggedFields()
    }

}
