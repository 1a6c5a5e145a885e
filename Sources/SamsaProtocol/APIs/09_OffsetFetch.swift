// OffsetFetch (key 9), versions 0-9.
// v1: offsets come from __consumer_offsets rather than ZooKeeper (same fields). v2: null topics ask for
// every committed offset of the group; top-level error code in the response. v3: throttle time. v4-v5:
// same, v5 adds the committed leader epoch to the response. v6: flexible. v7: require-stable flag
// (UNSTABLE_OFFSET_COMMIT per partition). v8: batched, several groups per request and response.
// v9: member id and member epoch per group (KIP-848).

public struct OffsetFetchRequest: KafkaRequest {
    public typealias Response = OffsetFetchResponse
    public static let apiKey = APIKey.offsetFetch
    public static let versions: ClosedRange<Int16> = 0...9
    public static let firstFlexibleVersion: Int16? = 6

    public struct Topic: Sendable, Equatable {
        public var name: String
        public var partitionIndexes: [Int32]
        public init(name: String, partitionIndexes: [Int32]) {
            self.name = name
            self.partitionIndexes = partitionIndexes
        }
    }

    public struct Group: Sendable, Equatable {
        public var groupId: String
        /// v9+: set when the KIP-848 consumer protocol is in use.
        public var memberId: String?
        /// v9+.
        public var memberEpoch: Int32
        /// Nil asks for every offset the group has committed.
        public var topics: [Topic]?
        public init(groupId: String, memberId: String? = nil, memberEpoch: Int32 = -1, topics: [Topic]?) {
            self.groupId = groupId
            self.memberId = memberId
            self.memberEpoch = memberEpoch
            self.topics = topics
        }
    }

    /// v0-v7: the one group asked about.
    public var groupId: String
    /// v0-v7: nil (v2+) asks for every offset the group has committed; v0-v1 send an empty list instead.
    public var topics: [Topic]?
    /// v8+.
    public var groups: [Group]
    /// v7+.
    public var requireStable: Bool

    /// The single-group form (v0-v7).
    public init(groupId: String, topics: [Topic]?, requireStable: Bool = false) {
        self.groupId = groupId
        self.topics = topics
        self.groups = []
        self.requireStable = requireStable
    }

    /// The batched form (v8+).
    public init(groups: [Group], requireStable: Bool = false) {
        self.groupId = ""
        self.topics = nil
        self.groups = groups
        self.requireStable = requireStable
    }

    /// The groups asked about, whatever the version's layout.
    public func requestedGroups(version: Int16) -> [Group] {
        version >= 8 ? groups : [Group(groupId: groupId, topics: topics)]
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(groups: [])
        if version <= 7 {
            groupId = try reader.readString("group id")
            topics = try reader.readNullableArray("topics", Self.readTopic)
        } else {
            groups = try reader.readArray("groups") { g in
                var group = Group(groupId: try g.readString("group id"), topics: nil)
                if version >= 9 {
                    group.memberId = try g.readNullableString("member id")
                    group.memberEpoch = try g.readInt32("member epoch")
                }
                group.topics = try g.readNullableArray("topics", Self.readTopic)
                try g.readTaggedFields()
                return group
            }
        }
        if version >= 7 { requireStable = try reader.readBool("require stable") }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        if version <= 7 {
            writer.writeString(groupId)
            writer.writeNullableArray(version >= 2 ? topics : (topics ?? []), Self.writeTopic)
        } else {
            writer.writeArray(groups) { w, group in
                w.writeString(group.groupId)
                if version >= 9 {
                    w.writeNullableString(group.memberId)
                    w.writeInt32(group.memberEpoch)
                }
                w.writeNullableArray(group.topics, Self.writeTopic)
                w.writeTaggedFields()
            }
        }
        if version >= 7 { writer.writeBool(requireStable) }
        writer.writeTaggedFields()
    }

    private static func readTopic(_ r: inout KafkaReader) throws -> Topic {
        let topic = Topic(name: try r.readString("topic"), partitionIndexes: try r.readArray("partitions") { try $0.readInt32() })
        try r.readTaggedFields()
        return topic
    }

    private static func writeTopic(_ w: inout KafkaWriter, _ topic: Topic) {
        w.writeString(topic.name)
        w.writeArray(topic.partitionIndexes) { $0.writeInt32($1) }
        w.writeTaggedFields()
    }
}
