// OffsetFetch response: one group's topics at top level up to v7, a list of groups from v8.

public struct OffsetFetchResponse: KafkaMessage {
    public struct Partition: Sendable, Equatable {
        public var partitionIndex: Int32
        /// -1 when the group has no committed offset for the partition.
        public var committedOffset: Int64
        /// v5+.
        public var committedLeaderEpoch: Int32
        public var metadata: String?
        public var errorCode: ErrorCode
        public init(partitionIndex: Int32, committedOffset: Int64, committedLeaderEpoch: Int32 = -1, metadata: String? = nil,
                    errorCode: ErrorCode = .none) {
            self.partitionIndex = partitionIndex
            self.committedOffset = committedOffset
            self.committedLeaderEpoch = committedLeaderEpoch
            self.metadata = metadata
            self.errorCode = errorCode
        }
    }

    public struct Topic: Sendable, Equatable {
        public var name: String
        public var partitions: [Partition]
        public init(name: String, partitions: [Partition]) {
            self.name = name
            self.partitions = partitions
        }
    }

    public struct Group: Sendable, Equatable {
        public var groupId: String
        public var topics: [Topic]
        public var errorCode: ErrorCode
        public init(groupId: String, topics: [Topic], errorCode: ErrorCode = .none) {
            self.groupId = groupId
            self.topics = topics
            self.errorCode = errorCode
        }
    }

    /// v3+.
    public var throttleTimeMs: Int32
    /// v0-v7.
    public var topics: [Topic]
    /// v2-v7: the group-level error.
    public var errorCode: ErrorCode
    /// v8+.
    public var groups: [Group]

    /// The single-group form (v0-v7).
    public init(throttleTimeMs: Int32 = 0, topics: [Topic], errorCode: ErrorCode = .none) {
        self.throttleTimeMs = throttleTimeMs
        self.topics = topics
        self.errorCode = errorCode
        self.groups = []
    }

    /// The batched form (v8+).
    public init(throttleTimeMs: Int32 = 0, groups: [Group]) {
        self.init(throttleTimeMs: throttleTimeMs, topics: [])
        self.groups = groups
    }

    /// Lays per-group answers out for `version`: v8+ as groups, older versions the first group at top level.
    public init(throttleTimeMs: Int32 = 0, groups: [Group], version: Int16) {
        if version >= 8 {
            self.init(throttleTimeMs: throttleTimeMs, groups: groups)
        } else {
            self.init(throttleTimeMs: throttleTimeMs, topics: groups.first?.topics ?? [], errorCode: groups.first?.errorCode ?? .none)
        }
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(topics: [])
        if version >= 3 { throttleTimeMs = try reader.readInt32("throttle time") }
        if version <= 7 {
            topics = try reader.readArray("topics") { try Self.readTopic(&$0, version: version) }
            if version >= 2 { errorCode = ErrorCode(try reader.readInt16("error code")) }
        } else {
            groups = try reader.readArray("groups") { g in
                let groupId = try g.readString("group id")
                let topics = try g.readArray("topics") { try Self.readTopic(&$0, version: version) }
                let group = Group(groupId: groupId, topics: topics, errorCode: ErrorCode(try g.readInt16("error code")))
                try g.readTaggedFields()
                return group
            }
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        if version >= 3 { writer.writeInt32(throttleTimeMs) }
        if version <= 7 {
            writer.writeArray(topics) { Self.writeTopic(&$0, $1, version: version) }
            if version >= 2 { writer.writeInt16(errorCode.rawValue) }
        } else {
            writer.writeArray(groups) { w, group in
                w.writeString(group.groupId)
                w.writeArray(group.topics) { Self.writeTopic(&$0, $1, version: version) }
                w.writeInt16(group.errorCode.rawValue)
                w.writeTaggedFields()
            }
        }
        writer.writeTaggedFields()
    }

    private static func readTopic(_ r: inout KafkaReader, version: Int16) throws -> Topic {
        let name = try r.readString("topic")
        let partitions = try r.readArray("partitions") { p in
            var partition = Partition(partitionIndex: try p.readInt32("partition"), committedOffset: try p.readInt64("offset"))
            if version >= 5 { partition.committedLeaderEpoch = try p.readInt32("leader epoch") }
            partition.metadata = try p.readNullableString("metadata")
            partition.errorCode = ErrorCode(try p.readInt16("error code"))
            try p.readTaggedFields()
            return partition
        }
        try r.readTaggedFields()
        return Topic(name: name, partitions: partitions)
    }

    private static func writeTopic(_ w: inout KafkaWriter, _ topic: Topic, version: Int16) {
        w.writeString(topic.name)
        w.writeArray(topic.partitions) { p, partition in
            p.writeInt32(partition.partitionIndex)
            p.writeInt64(partition.committedOffset)
            if version >= 5 { p.writeInt32(partition.committedLeaderEpoch) }
            p.writeNullableString(partition.metadata)
            p.writeInt16(partition.errorCode.rawValue)
            p.writeTaggedFields()
        }
        w.writeTaggedFields()
    }
}
