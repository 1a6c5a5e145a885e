// DescribeUserScramCredentials (key 50), version 0 (KIP-554): the SCRAM mechanisms and iteration counts each
// user has (never a salt or key). Flexible from v0. A null or empty user list describes every user.

public struct DescribeUserScramCredentialsRequest: KafkaRequest {
    public typealias Response = DescribeUserScramCredentialsResponse
    public static let apiKey = APIKey.describeUserScramCredentials
    public static let versions: ClosedRange<Int16> = 0...0
    public static let firstFlexibleVersion: Int16? = 0

    /// Nil (or empty) asks for every user.
    public var users: [String]?

    public init(users: [String]?) {
        self.users = users
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        users = try reader.readNullableArray("users") { r in
            let name = try r.readString("user name")
            try r.readTaggedFields()
            return name
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeNullableArray(users) { w, name in
            w.writeString(name)
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}

public struct DescribeUserScramCredentialsResponse: KafkaMessage {
    public struct CredentialInfo: Sendable, Equatable {
        /// Kafka's wire code: 1 SCRAM-SHA-256, 2 SCRAM-SHA-512 (`ScramMechanism.rawValue`).
        public var mechanism: Int8
        public var iterations: Int32
        public init(mechanism: Int8, iterations: Int32) {
            self.mechanism = mechanism
            self.iterations = iterations
        }
    }

    public struct Result: Sendable, Equatable {
        public var user: String
        public var errorCode: ErrorCode
        public var errorMessage: String?
        public var credentialInfos: [CredentialInfo]
        public init(user: String, errorCode: ErrorCode = .none, errorMessage: String? = nil, credentialInfos: [CredentialInfo] = []) {
            self.user = user
            self.errorCode = errorCode
            self.errorMessage = errorMessage
            self.credentialInfos = credentialInfos
        }
    }

    public var throttleTimeMs: Int32
    /// Request-level: authorization and infrastructure failures only.
    public var errorCode: ErrorCode
    public var errorMessage: String?
    public var results: [Result]

    public init(throttleTimeMs: Int32 = 0, errorCode: ErrorCode = .none, errorMessage: String? = nil, results: [Result]) {
        self.throttleTimeMs = throttleTimeMs
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.results = results
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        throttleTimeMs = try reader.readInt32("throttle time")
        errorCode = ErrorCode(try reader.readInt16("error code"))
        errorMessage = try reader.readNullableString("error message")
        results = try reader.readArray("results") { r in
            var result = Result(user: try r.readString("user"), errorCode: ErrorCode(try r.readInt16("error code")),
                                errorMessage: try r.readNullableString("error message"))
            result.credentialInfos = try r.readArray("credential infos") { c in
                let info = CredentialInfo(mechanism: try c.readInt8("mechanism"), iterations: try c.readInt32("iterations"))
                try c.readTaggedFields()
                return info
            }
            try r.readTaggedFields()
            return result
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        writer.writeInt16(errorCode.rawValue)
        writer.writeNullableString(errorMessage)
        writer.writeArray(results) { w, result in
            w.writeString(result.user)
            w.writeInt16(result.errorCode.rawValue)
            w.writeNullableString(result.errorMessage)
            w.writeArray(result.credentialInfos) { c, info in
                c.writeInt8(info.mechanism)
                c.writeInt32(info.iterations)
                c.writeTaggedFields()
            }
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}
