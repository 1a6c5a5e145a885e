// AlterUserScramCredentials (key 51), version 0 (KIP-554): deletes and upserts users' SCRAM credentials.
// Flexible from v0. An upsertion carries the salt and the salted password (never the password); the broker
// derives the stored and server keys from them.

public struct AlterUserScramCredentialsRequest: KafkaRequest {
    public typealias Response = AlterUserScramCredentialsResponse
    public static let apiKey = APIKey.alterUserScramCredentials
    public static let versions: ClosedRange<Int16> = 0...0
    public static let firstFlexibleVersion: Int16? = 0

    public struct Deletion: Sendable, Equatable {
        public var name: String
        /// Kafka's wire code: 1 SCRAM-SHA-256, 2 SCRAM-SHA-512; anything else is unknown.
        public var mechanism: Int8
        public init(name: String, mechanism: Int8) {
            self.name = name
            self.mechanism = mechanism
        }
    }

    public struct Upsertion: Sendable, Equatable {
        public var name: String
        public var mechanism: Int8
        public var iterations: Int32
        public var salt: [UInt8]
        public var saltedPassword: [UInt8]
        public init(name: String, mechanism: Int8, iterations: Int32, salt: [UInt8], saltedPassword: [UInt8]) {
            self.name = name
            self.mechanism = mechanism
            self.iterations = iterations
            self.salt = salt
            self.saltedPassword = saltedPassword
        }
    }

    public var deletions: [Deletion]
    public var upsertions: [Upsertion]

    public init(deletions: [Deletion] = [], upsertions: [Upsertion] = []) {
        self.deletions = deletions
        self.upsertions = upsertions
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        deletions = try reader.readArray("deletions") { r in
            let deletion = Deletion(name: try r.readString("user name"), mechanism: try r.readInt8("mechanism"))
            try r.readTaggedFields()
            return deletion
        }
        upsertions = try reader.readArray("upsertions") { r in
            let name = try r.readString("user name")
            let mechanism = try r.readInt8("mechanism")
            let iterations = try r.readInt32("iterations")
            var salt = try r.readBytes("salt")
            var salted = try r.readBytes("salted password")
            try r.readTaggedFields()
            return Upsertion(name: name, mechanism: mechanism, iterations: iterations,
                             salt: salt.readBytes(length: salt.readableBytes) ?? [],
                             saltedPassword: salted.readBytes(length: salted.readableBytes) ?? [])
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeArray(deletions) { w, deletion in
            w.writeString(deletion.name)
            w.writeInt8(deletion.mechanism)
            w.writeTaggedFields()
        }
        writer.writeArray(upsertions) { w, upsertion in
            w.writeString(upsertion.name)
            w.writeInt8(upsertion.mechanism)
            w.writeInt32(upsertion.iterations)
            w.writeBytes(upsertion.salt)
            w.writeBytes(upsertion.saltedPassword)
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}

public struct AlterUserScramCredentialsResponse: KafkaMessage {
    /// One per user the request named.
    public struct Result: Sendable, Equatable {
        public var user: String
        public var errorCode: ErrorCode
        public var errorMessage: String?
        public init(user: String, errorCode: ErrorCode = .none, errorMessage: String? = nil) {
            self.user = user
            self.errorCode = errorCode
            self.errorMessage = errorMessage
        }
    }

    public var throttleTimeMs: Int32
    public var results: [Result]

    public init(throttleTimeMs: Int32 = 0, results: [Result]) {
        self.throttleTimeMs = throttleTimeMs
        self.results = results
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        throttleTimeMs = try reader.readInt32("throttle time")
        results = try reader.readArray("results") { r in
            let result = Result(user: try r.readString("user"), errorCode: ErrorCode(try r.readInt16("error code")),
                                errorMessage: try r.readNullableString("error message"))
            try r.readTaggedFields()
            return result
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        writer.writeArray(results) { w, result in
            w.writeString(result.user)
            w.writeInt16(result.errorCode.rawValue)
            w.writeNullableString(result.errorMessage)
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}
