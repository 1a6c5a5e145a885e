// DeleteGroups (key 42), versions 0-2.
// v1: same as v0 (throttled responses are sent before throttling). v2: flexible.

public struct DeleteGroupsRequest: KafkaRequest {
    public typealias Response = DeleteGroupsResponse
    public static let apiKey = APIKey.deleteGroups
    public static let versions: ClosedRange<Int16> = 0...2
    public static let firstFlexibleVersion: Int16? = 2

    public var groupsNames: [String]

    public init(groupsNames: [String]) {
        self.groupsNames = groupsNames
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        groupsNames = try reader.readArray("groups names") { try $0.readString("group id") }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeArray(groupsNames) { $0.writeString($1) }
        writer.writeTaggedFields()
    }
}

public struct DeleteGroupsResponse: KafkaMessage {
    public struct Result: Sendable, Equatable {
        public var groupId: String
        public var errorCode: ErrorCode
        public init(groupId: String, errorCode: ErrorCode = .none) {
            self.groupId = groupId
            self.errorCode = errorCode
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
            let result = Result(groupId: try r.readString("group id"), errorCode: ErrorCode(try r.readInt16("error code")))
            try r.readTaggedFields()
            return result
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        writer.writeArray(results) { w, result in
            w.writeString(result.groupId)
            w.writeInt16(result.errorCode.rawValue)
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}
