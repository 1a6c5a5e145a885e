// EndTxn (key 26), versions 0-4.
// Commits or aborts the producer's current transaction.
// v1: same as v0. v2: may answer PRODUCER_FENCED. v3: flexible. v4: may answer TRANSACTION_ABORTABLE (KIP-890).

public struct EndTxnRequest: KafkaRequest {
    public typealias Response = EndTxnResponse
    public static let apiKey = APIKey.endTxn
    public static let versions: ClosedRange<Int16> = 0...4
    public static let firstFlexibleVersion: Int16? = 3

    public var transactionalId: String
    public var producerId: Int64
    public var producerEpoch: Int16
    /// True to commit, false to abort.
    public var committed: Bool

    public init(transactionalId: String, producerId: Int64, producerEpoch: Int16, committed: Bool) {
        self.transactionalId = transactionalId
        self.producerId = producerId
        self.producerEpoch = producerEpoch
        self.committed = committed
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(transactionalId: try reader.readString("transactional id"), producerId: try reader.readInt64("producer id"),
                  producerEpoch: try reader.readInt16("producer epoch"), committed: try reader.readBool("committed"))
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeString(transactionalId)
        writer.writeInt64(producerId)
        writer.writeInt16(producerEpoch)
        writer.writeBool(committed)
        writer.writeTaggedFields()
    }
}

public typealias EndTxnResponse = ErrorOnlyResponse
