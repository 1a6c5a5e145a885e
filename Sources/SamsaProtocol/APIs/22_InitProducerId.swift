// InitProducerId (key 22), versions 0-5.
// v1-v2: same fields (v2 flexible). v3: the producer may pass its current id and epoch to bump the epoch
// (KIP-360). v4: PRODUCER_FENCED semantics. v5: same (KIP-890 server side).

public struct InitProducerIdRequest: KafkaRequest {
    public typealias Response = InitProducerIdResponse
    public static let apiKey = APIKey.initProducerId
    public static let versions: ClosedRange<Int16> = 0...5
    public static let firstFlexibleVersion: Int16? = 2

    public var transactionalId: String?
    public var transactionTimeoutMs: Int32
    public var producerId: Int64
    public var producerEpoch: Int16

    public init(transactionalId: String? = nil, transactionTimeoutMs: Int32 = 60000, producerId: Int64 = -1, producerEpoch: Int16 = -1) {
        self.transactionalId = transactionalId
        self.transactionTimeoutMs = transactionTimeoutMs
        self.producerId = producerId
        self.producerEpoch = producerEpoch
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init()
        transactionalId = try reader.readNullableString("transactional id")
        transactionTimeoutMs = try reader.readInt32("transaction timeout")
        if version >= 3 {
            producerId = try reader.readInt64("producer id")
            producerEpoch = try reader.readInt16("producer epoch")
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeNullableString(transactionalId)
        writer.writeInt32(transactionTimeoutMs)
        if version >= 3 {
            writer.writeInt64(producerId)
            writer.writeInt16(producerEpoch)
        }
        writer.writeTaggedFields()
    }
}

public struct InitProducerIdResponse: KafkaMessage {
    public var throttleTimeMs: Int32
    public var errorCode: ErrorCode
    public var producerId: Int64
    public var producerEpoch: Int16

    public init(throttleTimeMs: Int32 = 0, errorCode: ErrorCode = .none, producerId: Int64 = -1, producerEpoch: Int16 = -1) {
        self.throttleTimeMs = throttleTimeMs
        self.errorCode = errorCode
        self.producerId = producerId
        self.producerEpoch = producerEpoch
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        throttleTimeMs = try reader.readInt32("throttle time")
        errorCode = ErrorCode(try reader.readInt16("error code"))
        producerId = try reader.readInt64("producer id")
        producerEpoch = try reader.readInt16("producer epoch")
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        writer.writeInt16(errorCode.rawValue)
        writer.writeInt64(producerId)
        writer.writeInt16(producerEpoch)
        writer.writeTaggedFields()
    }
}
