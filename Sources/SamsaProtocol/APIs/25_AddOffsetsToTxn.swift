// AddOffsetsToTxn (key 25), versions 0-4.
// Adds a group's __consumer_offsets partition to the transaction, before TxnOffsetCommit.
// v1: same as v0. v2: may answer PRODUCER_FENCED. v3: flexible. v4: may answer TRANSACTION_ABORTABLE (KIP-890).

public struct AddOffsetsToTxnRequest: KafkaRequest {
    public typealias Response = AddOffsetsToTxnResponse
    public static let apiKey = APIKey.addOffsetsToTxn
    public static let versions: ClosedRange<Int16> = 0...4
    public static let firstFlexibleVersion: Int16? = 3

    public var transactionalId: String
    public var producerId: Int64
    public var producerEpoch: Int16
    public var groupId: String

    public init(transactionalId: String, producerId: Int64, producerEpoch: Int16, groupId: String) {
        self.transactionalId = transactionalId
        self.producerId = producerId
        self.producerEpoch = producerEpoch
        self.groupId = groupId
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(transactionalId: try reader.readString("transactional id"), producerId: try reader.readInt64("producer id"),
                  producerEpoch: try reader.readInt16("producer epoch"), groupId: try reader.readString("group id"))
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeString(transactionalId)
        writer.writeInt64(producerId)
        writer.writeInt16(producerEpoch)
        writer.writeString(groupId)
        writer.writeTaggedFields()
    }
}

public typealias AddOffsetsToTxnResponse = ErrorOnlyResponse
