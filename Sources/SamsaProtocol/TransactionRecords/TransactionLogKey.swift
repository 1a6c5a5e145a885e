import NIOCore

/// The key of a record in `__transaction_state` (schema TransactionLogKey, version 0): an Int16 version,
/// then the transactional id. Kafka's own tools read these bytes.
public struct TransactionLogKey: Sendable, Hashable {
    public static let versions: ClosedRange<Int16> = 0...0
    public var transactionalId: String

    public init(transactionalId: String) {
        self.transactionalId = transactionalId
    }

    public func encode() -> ByteBuffer {
        var writer = KafkaWriter()
        writer.writeInt16(0)
        writer.writeString(transactionalId)
        return writer.buffer
    }

    public static func decode(_ buffer: ByteBuffer) throws -> TransactionLogKey {
        var reader = KafkaReader(buffer)
        let version = try reader.readInt16("key version")
        guard versions.contains(version) else {
            throw ProtocolError.unknownRecordVersion(schema: "TransactionLogKey", version: version)
        }
        return TransactionLogKey(transactionalId: try reader.readString("transactional id"))
    }
}
