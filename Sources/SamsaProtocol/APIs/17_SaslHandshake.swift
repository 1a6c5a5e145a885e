// SaslHandshake (key 17), versions 0–1 (not flexible), the same body in both.
// After v0 the SASL tokens travel as bare frames (Kafka 0.10's way); after v1 in SaslAuthenticate requests
// (KIP-152). Both are advertised, as Kafka does: librdkafka up to 2.0 enables SASL only when the broker's range
// includes v0, then sends v1. The mechanism is chosen here; the answer lists the mechanisms the listener enables.

public struct SaslHandshakeRequest: KafkaRequest {
    public typealias Response = SaslHandshakeResponse
    public static let apiKey = APIKey.saslHandshake
    public static let versions: ClosedRange<Int16> = 0...1
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
