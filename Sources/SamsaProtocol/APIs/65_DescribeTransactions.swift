// DescribeTransactions (key 65), version 0 (KIP-664): the coordinator's state of each named transactional
// id. Flexible from v0.

public struct DescribeTransactionsRequest: KafkaRequest {
    public typealias Response = DescribeTransactionsResponse
    public static let apiKey = APIKey.describeTransactions
    public static let versions: ClosedRange<Int16> = 0...0
    public static let firstFlexibleVersion: Int16? = 0

    public var transactionalIds: [String]

    public init(transactionalIds: [String]) {
        self.transactionalIds = transactionalIds
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        transactionalIds = try reader.readArray("transactional ids") { try $0.readString("transactional id") }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeArray(transactionalIds) { $0.writeString($1) }
        writer.writeTaggedFields()
    }
}

public struct DescribeTransactionsResponse: KafkaMessage {
    public typealias Topic = TopicPartitionIndexes

    public struct TransactionState: Sendable, Equatable {
        public var errorCode: ErrorCode
        public var transactionalId: String
        /// Kafka's state name: Empty, Ongoing, PrepareCommit, PrepareAbort, CompleteCommit, CompleteAbort, Dead,
        /// PrepareEpochFence.
        public var transactionState: String
        public var transactionTimeoutMs: Int32
        /// -1 when no transaction is open.
        public var transactionStartTimeMs: Int64
        public var producerId: Int64
        public var producerEpoch: Int16
        /// The partitions in the transaction (while it completes, those still without a marker).
        public var topics: [Topic]
        public init(errorCode: ErrorCode = .none, transactionalId: String, transactionState: String = "", transactionTimeoutMs: Int32 = 0,
                    transactionStartTimeMs: Int64 = -1, producerId: Int64 = -1, producerEpoch: Int16 = -1, topics: [Topic] = []) {
            self.errorCode = errorCode
            self.transactionalId = transactionalId
            self.transactionState = transactionState
            self.transactionTimeoutMs = transactionTimeoutMs
            self.transactionStartTimeMs = transactionStartTimeMs
            self.producerId = producerId
            self.producerEpoch = producerEpoch
            self.topics = topics
        }
    }

    public var throttleTimeMs: Int32
    public var transactionStates: [TransactionState]

    public init(throttleTimeMs: Int32 = 0, transactionStates: [TransactionState]) {
        self.throttleTimeMs = throttleTimeMs
        self.transactionStates = transactionStates
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        throttleTimeMs = try reader.readInt32("throttle time")
        transactionStates = try reader.readArray("transaction states") { r in
            let state = TransactionState(errorCode: ErrorCode(try r.readInt16("error code")), transactionalId: try r.readString("transactional id"),
                                         transactionState: try r.readString("transaction state"),
                                         transactionTimeoutMs: try r.readInt32("transaction timeout"),
                                         transactionStartTimeMs: try r.readInt64("transaction start time"),
                                         producerId: try r.readInt64("producer id"), producerEpoch: try r.readInt16("producer epoch"),
                                         topics: try TopicPartitionIndexes.readArray(&r))
            try r.readTaggedFields()
            return state
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        writer.writeArray(transactionStates) { w, state in
            w.writeInt16(state.errorCode.rawValue)
            w.writeString(state.transactionalId)
            w.writeString(state.transactionState)
            w.writeInt32(state.transactionTimeoutMs)
            w.writeInt64(state.transactionStartTimeMs)
            w.writeInt64(state.producerId)
            w.writeInt16(state.producerEpoch)
            TopicPartitionIndexes.writeArray(state.topics, to: &w)
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}
