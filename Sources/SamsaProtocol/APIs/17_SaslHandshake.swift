// SaslHandshake (key 17), version 1 (not flexible).
// v0: the SASL tokens that follow travel as raw frames (Kafka 0.10's way); samsa does not serve it, so clients
// (librdkafka, kafka-python) use v1, whose tokens travel in SaslAuthenticate requests (KIP-152). The mechanism
// is chosen here; the answer lists the mechanisms the listener enables.

public struct SaslHandshakeRequest: KafkaRequest {
    public typealias Response = SaslHandshakeResponse
    public static let apiKey = APIKey.saslHandshake
    public static let versions: ClosedRange<Int16> = 1...1
    public static let firstFlexibleVersion: Int16? = nil

    public var mechanism: String

    public init(mechanism: String) {
        self.mechanism = mechanism
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        mechanism = try reader.readString("mechanism")
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeString(mechanism)
    }
}

public struct SaslHandshakeResponse: KafkaMessage {
    public var errorCode: ErrorCode
    public var mechanisms: [String]

    public init(errorCode: ErrorCode = .none, mechanisms: [String]) {
        self.errorCode = errorCode
        self.mechanisms = mechanisms
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        errorCode = ErrorCode(try reader.readInt16("error code"))
        mechanisms = try reader.readArray("mechanisms") { try $0.readString("mechanism") }
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt16(errorCode.rawValue)
        writer.writeArray(mechanisms) { $0.writeString($1) }
    }
}
