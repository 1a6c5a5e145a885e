import NIOCore

/// The value of a record in `__transaction_state` (schema TransactionLogValue, versions 0-1; v1 is
/// flexible): a transactional id's producer id and epoch, timeout, state and partitions. Kafka writes v0
/// until transaction.version 1 is enabled, and so does Samsa. The partitions are null in state Empty.
public struct TransactionLogValue: Sendable, Equatable {
    public static let versions: ClosedRange<Int16> = 0...1

    public struct Partitions: Sendable, Equatable {
        public var topic: String
        public var partitionIds: [Int32]

        public init(topic: String, partitionIds: [Int32]) {
            self.topic = topic
            self.partitionIds = partitionIds
        }
    }

    public var producerId: Int64
    public var producerEpoch: Int16
    public var transactionTimeoutMs: Int32
    /// The TransactionState byte; kept raw so a value from a newer broker still decodes.
    public var transactionStatus: Int8
    public var transactionPartitions: [Partitions]?
    public var transactionLastUpdateTimestampMs: Int64
    public var transactionStartTimestampMs: Int64

    public init(producerId: Int64, producerEpoch: Int16, transactionTimeoutMs: Int32, transactionStatus: Int8,
                transactionPartitions: [Partitions]?, transactionLastUpdateTimestampMs: Int64,
                transactionStartTimestampMs: Int64) {
        self.producerId = producerId
        self.producerEpoch = producerEpoch
        self.transactionTimeoutMs = transactionTimeoutMs
        self.transactionStatus = transactionStatus
        self.transactionPartitions = transactionPartitions
        self.transactionLastUpdateTimestampMs = transactionLastUpdateTimestampMs
        self.transactionStartTimestampMs = transactionStartTimestampMs
    }

    public var state: TransactionState? { TransactionState(rawValue: transactionStatus) }

    public func encode(version: Int16 = 0) -> ByteBuffer {
        var writer = KafkaWriter(flexible: version >= 1)
        writer.writeInt16(version)
        writer.writeInt64(producerId)
        writer.writeInt16(producerEpoch)
        writer.writeInt32(transactionTimeoutMs)
        writer.writeInt8(transactionStatus)
        writer.writeNullableArray(transactionPartitions) { writer, entry in
            writer.writeString(entry.topic)
            writer.writeArray(entry.partitionIds) { $0.writeInt32($1) }
            writer.writeTaggedFields()
        }
        writer.writeInt64(transactionLastUpdateTimestampMs)
        writer.writeInt64(transactionStartTimestampMs)
        writer.writeTaggedFields()
        return writer.buffer
    }

    public static func decode(_ buffer: ByteBuffer) throws -> TransactionLogValue {
        var reader = KafkaReader(buffer)
        let version = try reader.readInt16("value version")
        guard versions.contains(version) else {
            throw ProtocolError.unknownRecordVersion(schema: "TransactionLogValue", version: version)
        }
        reader.flexible = version >= 1
        let producerId = try reader.readInt64("producer id")
        let epoch = try reader.readInt16("producer epoch")
        let timeout = try reader.readInt32("transaction timeout")
        let status = try reader.readInt8("transaction status")
        let partitions = try reader.readNullableArray("transaction partitions") { reader -> Partitions in
            let topic = try reader.readString("topic")
            let ids = try reader.readArray("partition ids") { try $0.readInt32("partition id") }
            try reader.readTaggedFields()
            return Partitions(topic: topic, partitionIds: ids)
        }
        let updated = try reader.readInt64("last update timestamp")
        let started = try reader.readInt64("start timestamp")
        try reader.readTaggedFields()
        return TransactionLogValue(producerId: producerId, producerEpoch: epoch, transactionTimeoutMs: timeout,
                                   transactionStatus: status, transactionPartitions: partitions,
                                   transactionLastUpdateTimestampMs: updated, transactionStartTimestampMs: started)
    }
}
