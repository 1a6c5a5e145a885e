import NIOCore

/// Request header v1 (client id) or v2 (v1 plus tagged fields, used with flexible request versions).
public struct RequestHeader: Sendable, Equatable {
    public var apiKey: APIKey
    public var apiVersion: Int16
    public var correlationId: Int32
    public var clientId: String?

    public init(apiKey: APIKey, apiVersion: Int16, correlationId: Int32, clientId: String?) {
        self.apiKey = apiKey
        self.apiVersion = apiVersion
        self.correlationId = correlationId
        self.clientId = clientId
    }

    /// Reads the three fixed fields that every header version shares. Enough to answer or reject a request
    /// whose API or version is unknown.
    public static func readPrefix(_ buffer: inout ByteBuffer) throws -> (APIKey, Int16, Int32) {
        guard let key = buffer.readInteger(as: Int16.self),
              let version = buffer.readInteger(as: Int16.self),
              let correlation = buffer.readInteger(as: Int32.self)
        else { throw ProtocolError.truncated(field: "request header") }
        return (APIKey(key), version, correlation)
    }

    /// Reads the rest of the header after `readPrefix`: the client id and, for flexible versions, tags.
    public mutating func readRemainder(from reader: inout KafkaReader, flexible: Bool) throws {
        clientId = try reader.readLegacyNullableString("client id")
        if flexible {
            reader.flexible = true
            try reader.readTaggedFields()
        }
    }

    public func write(to writer: inout KafkaWriter, flexible: Bool) {
        writer.writeInt16(apiKey.rawValue)
        writer.writeInt16(apiVersion)
        writer.writeInt32(correlationId)
        writer.writeLegacyNullableString(clientId)
        if flexible {
            let wasFlexible = writer.flexible
            writer.flexible = true
            writer.writeTaggedFields()
            writer.flexible = wasFlexible
        }
    }
}

/// Response header v0 (correlation id) or v1 (plus tagged fields). ApiVersions always answers with v0 so
/// a client can read it before it knows which versions the broker speaks.
public enum ResponseHeader {
    public static func usesTaggedFields(apiKey: APIKey, flexibleRequest: Bool) -> Bool {
        flexibleRequest && apiKey != .apiVersions
    }

    public static func write(correlationId: Int32, taggedFields: Bool, to buffer: inout ByteBuffer) {
        buffer.writeInteger(correlationId)
        if taggedFields { buffer.writeInteger(0 as UInt8) }
    }

    /// Reads a response header, returning the correlation id.
    public static func read(from reader: inout KafkaReader, taggedFields: Bool) throws -> Int32 {
        let correlation = try reader.readInt32("correlation id")
        if taggedFields {
            let wasFlexible = reader.flexible
            reader.flexible = true
            try reader.readTaggedFields()
            reader.flexible = wasFlexible
        }
        return correlation
    }
}
