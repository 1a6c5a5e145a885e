// ApiVersions (key 18), versions 0-3.
// v0: error code and the API ranges. v1 adds throttle time. v2 is the same as v1.
// v3 is flexible: the request names the client software; the response may carry feature tags (0-3),
// which Samsa neither sends nor needs. The response header is always v0 (KIP-511), so a client can parse
// the answer before it knows the broker's versions; an unknown request version gets a v0 answer with
// UNSUPPORTED_VERSION and the API list.

public struct ApiVersionsRequest: KafkaRequest {
    public typealias Response = ApiVersionsResponse
    public static let apiKey = APIKey.apiVersions
    public static let versions: ClosedRange<Int16> = 0...3
    public static let firstFlexibleVersion: Int16? = 3

    public var clientSoftwareName: String
    public var clientSoftwareVersion: String

    public init(clientSoftwareName: String = "", clientSoftwareVersion: String = "") {
        self.clientSoftwareName = clientSoftwareName
        self.clientSoftwareVersion = clientSoftwareVersion
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init()
        if version >= 3 {
            clientSoftwareName = try reader.readString("client software name")
            clientSoftwareVersion = try reader.readString("client software version")
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        if version >= 3 {
            writer.writeString(clientSoftwareName)
            writer.writeString(clientSoftwareVersion)
        }
        writer.writeTaggedFields()
    }
}

public struct ApiVersionsResponse: KafkaMessage {
    public struct APIRange: Sendable, Equatable {
        public var apiKey: Int16
        public var minVersion: Int16
        public var maxVersion: Int16

        public init(apiKey: Int16, minVersion: Int16, maxVersion: Int16) {
            self.apiKey = apiKey
            self.minVersion = minVersion
            self.maxVersion = maxVersion
        }
    }

    public var errorCode: ErrorCode
    public var apiKeys: [APIRange]
    public var throttleTimeMs: Int32

    public init(errorCode: ErrorCode = .none, apiKeys: [APIRange] = [], throttleTimeMs: Int32 = 0) {
        self.errorCode = errorCode
        self.apiKeys = apiKeys
        self.throttleTimeMs = throttleTimeMs
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        errorCode = ErrorCode(try reader.readInt16("error code"))
        apiKeys = try reader.readArray("api keys") { r in
            let range = APIRange(apiKey: try r.readInt16(), minVersion: try r.readInt16(), maxVersion: try r.readInt16())
            try r.readTaggedFields()
            return range
        }
        throttleTimeMs = version >= 1 ? try reader.readInt32("throttle time") : 0
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt16(errorCode.rawValue)
        writer.writeArray(apiKeys) { w, range in
            w.writeInt16(range.apiKey)
            w.writeInt16(range.minVersion)
            w.writeInt16(range.maxVersion)
            w.writeTaggedFields()
        }
        if version >= 1 { writer.writeInt32(throttleTimeMs) }
        writer.writeTaggedFields()
    }
}
