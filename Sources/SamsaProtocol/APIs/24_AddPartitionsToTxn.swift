// AddPartitionsToTxn (key 24), versions 0-5.
// v1: same as v0. v2: may answer PRODUCER_FENCED. v3: flexible. v0-v3 are the client's form: one
// transaction (id, producer id and epoch) and the topics' partitions to add to it.
// v4: the broker's form (KIP-890): a batch of transactions, each of which may only ask whether its
// partitions are already in the transaction (VerifyOnly); the response answers per transaction and adds a
// top-level error code. v5: same as v4, may answer TRANSACTION_ABORTABLE.

public struct AddPartitionsToTxnRequest: KafkaRequest {
    public typealias Response = AddPartitionsToTxnResponse
    public static let apiKey = APIKey.addPartitionsToTxn
    public static let versions: ClosedRange<Int16> = 0...5
    public static let firstFlexibleVersion: Int16? = 3
    /// The last version clients send; later ones are broker to broker.
    public static let lastClientVersion: Int16 = 3

    public typealias Topic = TopicPartitionIndexes

    public struct Transaction: Sendable, Equatable {
        public var transactionalId: String
        public var producerId: Int64
        public var producerEpoch: Int16
        /// Only check that the partitions are in the transaction, without adding them.
        public var verifyOnly: Bool
        public var topics: [Topic]
        public init(transactionalId: String, producerId: Int64, producerEpoch: Int16, verifyOnly: Bool = false, topics: [Topic]) {
            self.transactionalId = transactionalId
            self.producerId = producerId
            self.producerEpoch = producerEpoch
            self.verifyOnly = verifyOnly
            self.topics = topics
        }
    }

    /// v0-v3 (this and the fields down to `topics`).
    public var transactionalId: String
    public var producerId: Int64
    public var producerEpoch: Int16
    public var topics: [Topic]
    /// v4+.
    public var transactions: [Transaction]

    /// The client's form (v0-v3).
    public init(transactionalId: String, producerId: Int64, producerEpoch: Int16, topics: [Topic]) {
        self.transactionalId = transactionalId
        self.producerId = producerId
        self.producerEpoch = producerEpoch
        self.topics = topics
        self.transactions = []
    }

    /// The broker's batched form (v4+).
    public init(transactions: [Transaction]) {
        self.init(transactionalId: "", producerId: -1, producerEpoch: -1, topics: [])
        self.transactions = transactions
    }

    /// The transactions asked about, whatever the version's layout (v0-v3: one, never verify-only).
    public func transactions(version: Int16) -> [Transaction] {
        if version >= 4 { return transactions }
        return [Transaction(transactionalId: transactionalId, producerId: producerId, producerEpoch: producerEpoch, topics: topics)]
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(transactions: [])
        if version >= 4 {
            transactions = try reader.readArray("transactions") { r in
                let transaction = Transaction(transactionalId: try r.readString("transactional id"),
                                              producerId: try r.readInt64("producer id"),
                                              producerEpoch: try r.readInt16("producer epoch"),
                                              verifyOnly: try r.readBool("verify only"),
                                              topics: try TopicPartitionIndexes.readArray(&r))
                try r.readTaggedFields()
                return transaction
            }
        } else {
            transactionalId = try reader.readString("transactional id")
            producerId = try reader.readInt64("producer id")
            producerEpoch = try reader.readInt16("producer epoch")
            topics = try TopicPartitionIndexes.readArray(&reader)
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        if version >= 4 {
            writer.writeArray(transactions) { w, transaction in
                w.writeString(transaction.transactionalId)
                w.writeInt64(transaction.producerId)
                w.writeInt16(transaction.producerEpoch)
                w.writeBool(transaction.verifyOnly)
                TopicPartitionIndexes.writeArray(transaction.topics, to: &w)
                w.writeTaggedFields()
            }
        } else {
            writer.writeString(transactionalId)
            writer.writeInt64(producerId)
            writer.writeInt16(producerEpoch)
            TopicPartitionIndexes.writeArray(topics, to: &writer)
        }
        writer.writeTaggedFields()
    }

}
