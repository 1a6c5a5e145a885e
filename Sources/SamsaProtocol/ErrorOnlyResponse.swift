/// A response that is only a throttle time and an error code at every version: what AddOffsetsToTxn and
/// EndTxn answer.
public struct ErrorOnlyResponse: KafkaMessage {
    public var throttleTimeMs: Int32
    public var errorCode: ErrorCode

    public init(throttleTimeMs: Int32 = 0, errorCode: ErrorCode = .none) {
        self.throttleTimeMs = throttleTimeMs
        self.errorCode = errorCode
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(throttleTimeMs: try reader.readInt32("throttle time"), errorCode: ErrorCode(try reader.readInt16("error code")))
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        writer.writeInt16(errorCode.rawValue)
        writer.writeTaggedFields()
    }
}
