// SaslAuthenticate (key 36), versions 0-2, flexible from v2.
// v0: one SASL token each way. v1: the response says how long the session lasts (KIP-368, re-authentication).
// v2: flexible.

public struct SaslAuthenticateRequest: KafkaRequest {
    public typealias Response = SaslAuthenticateResponse
    public static let apiKey = APIKey.saslAuthenticate
    public static let versions: ClosedRange<Int16> = 0...2
    public static let firstFlexibleVersion: Int16? = 2

    public var authBytes: [UInt8]

    public init(authBytes: [UInt8]) {
        self.authBytes = authBytes
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        var bytes = try reader.readBytes("auth bytes")
        authBytes = bytes.readBytes(length: bytes.readableBytes) ?? []
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeBytes(authBytes)
        writer.writeTaggedFields()
    }
}

public struct SaslAuthenticateResponse: KafkaMessage {
    public var errorCode: ErrorCode
    public var errorMessage: String?
    public var authBytes: [UInt8]
    /// v1+: milliseconds until the client must re-authenticate; 0 means never.
    public var sessionLifetimeMs: Int64

    public init(errorCode: ErrorCode = .none, errorMessage: String? = nil, authBytes: [UInt8] = [], sessionLifetimeMs: Int64 = 0) {
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.authBytes = authBytes
        self.sessionLifetimeMs = sessionLifetimeMs
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        errorCode = ErrorCode(try reader.readInt16("error code"))
        errorMessage = try reader.readNullableString("error message")
        var bytes = try reader.readBytes("auth bytes")
        authBytes = bytes.readBytes(length: bytes.readableBytes) ?? []
        sessionLifetimeMs = version >= 1 ? try reader.readInt64("session lifetime") : 0
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt16(errorCode.rawValue)
        writer.writeNullableString(errorMessage)
        writer.writeBytes(authBytes)
        if version >= 1 { writer.writeInt64(sessionLifetimeMs) }
        writer.writeTaggedFields()
    }
}
