// ListGroups (key 16), versions 0-5.
// v1: throttle time in the response. v2: same as v1. v3: flexible. v4: filter by group state; the
// response names each group's state (KIP-518). v5: filter by group type ("classic", "consumer"); the
// response names each group's type (KIP-848).

public struct ListGroupsRequest: KafkaRequest {
    public typealias Response = ListGroupsResponse
    public static let apiKey = APIKey.listGroups
    public static let versions: ClosedRange<Int16> = 0...5
    public static let firstFlexibleVersion: Int16? = 3

    /// v4+: empty lists every state.
    public var statesFilter: [String]
    /// v5+: empty lists every type.
    public var typesFilter: [String]

    public init(statesFilter: [String] = [], typesFilter: [String] = []) {
        self.statesFilter = statesFilter
        self.typesFilter = typesFilter
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init()
        if version >= 4 { statesFilter = try reader.readArray("states filter") { try $0.readString("state") } }
        if version >= 5 { typesFilter = try reader.readArray("types filter") { try $0.readString("type") } }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        if version >= 4 { writer.writeArray(statesFilter) { $0.writeString($1) } }
        if version >= 5 { writer.writeArray(typesFilter) { $0.writeString($1) } }
        writer.writeTaggedFields()
    }
}

public struct ListGroupsResponse: KafkaMessage {
    public struct Group: Sendable, Equatable {
        public var groupId: String
        public var protocolType: String
        /// v4+.
        public var groupState: String
        /// v5+.
        public var groupType: String
        public init(groupId: String, protocolType: String, groupState: String = "", groupType: String = "") {
            self.groupId = groupId
            self.protocolType = protocolType
            self.groupState = groupState
            self.groupType = groupType
        }
    }

    /// v1+.
    public var throttleTimeMs: Int32
    public var errorCode: ErrorCode
    public var groups: [Group]

    public init(throttleTimeMs: Int32 = 0, errorCode: ErrorCode = .none, groups: [Group]) {
        self.throttleTimeMs = throttleTimeMs
        self.errorCode = errorCode
        self.groups = groups
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(groups: [])
        if version >= 1 { throttleTimeMs = try reader.readInt32("throttle time") }
        errorCode = ErrorCode(try reader.readInt16("error code"))
        groups = try reader.readArray("groups") { r in
            var group = Group(groupId: try r.readString("group id"), protocolType: try r.readString("protocol type"))
            if version >= 4 { group.groupState = try r.readString("group state") }
            if version >= 5 { group.groupType = try r.readString("group type") }
            try r.readTaggedFields()
            return group
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        if version >= 1 { writer.writeInt32(throttleTimeMs) }
        writer.writeInt16(errorCode.rawValue)
        writer.writeArray(groups) { w, group in
            w.writeString(group.groupId)
            w.writeString(group.protocolType)
            if version >= 4 { w.writeString(group.groupState) }
            if version >= 5 { w.writeString(group.groupType) }
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}
