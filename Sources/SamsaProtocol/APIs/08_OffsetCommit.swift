// OffsetCommit (key 8), versions 0-9.
// v1: generation id, member id and a per-partition commit timestamp. v2: retention time replaces the
// commit timestamp. v3: throttle time in the response. v4: same as v3. v5: retention time removed (broker
// config only). v6: committed leader epoch. v7: group instance id (static membership). v8: flexible.
// v9: same as v8, usable with the KIP-848 consumer protocol (generation id carries the member epoch).

public struct OffsetCommitRequest: KafkaRequest {
    public typealias Response = OffsetCommitResponse
    public static let apiKey = APIKey.offsetCommit
    public static let versions: ClosedRange<Int16> = 0...9
    public static let firstFlexibleVersion: Int16? = 8

    public struct Partition: Sendable, Equatable {
        public var partitionIndex: Int32
        public var committedOffset: Int64
        /// v6+.
        public var committedLeaderEpoch: Int32
        /// v1 only.
        public var commitTimestamp: Int64
        public var committedMetadata: String?
        public init(partitionIndex: Int32, committedOffset: Int64, committedLeaderEpoch: Int32 = -1, commitTimestamp: Int64 = -1,
                    committedMetadata: String? = nil) {
            self.partitionIndex = partitionIndex
            self.committedOffset = committedOffset
            self.committedLeaderEpoch = committedLeaderEpoch
            self.commitTimestamp = commitTimestamp
            self.committedMetadata = committedMetadata
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

    public var groupId: String
    /// v1+: the generation (classic protocol) or member epoch (KIP-848); -1 for a simple, group-less commit.
    public var generationIdOrMemberEpoch: Int32
    /// v1+.
    public var memberId: String
    /// v7+.
    public var groupInstanceId: String?
    /// v2-v4: -1 means the broker's retention.
    public var retentionTimeMs: Int64
    public var topics: [Topic]

    public init(groupId: String, generationIdOrMemberEpoch: Int32 = -1, memberId: String = "", groupInstanceId: String? = nil,
                retentionTimeMs: Int64 = -1, topics: [Topic]) {
        self.groupId = groupId
        self.generationIdOrMemberEpoch = generationIdOrMemberEpoch
        self.memberId = memberId
        self.groupInstanceId = groupInstanceId
        self.retentionTimeMs = retentionTimeMs
        self.topics = topics
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(groupId: try reader.readString("group id"), topics: [])
        if version >= 1 {
            generationIdOrMemberEpoch = try reader.readInt32("generation id")
            memberId = try reader.readString("member id")
        }
        if version >= 7 { groupInstanceId = try reader.readNullableString("group instance id") }
        if (2...4).contains(version) { retentionTimeMs = try reader.readInt64("retention time") }
        topics = try reader.readArray("topics") { r in
            let name = try r.readString("topic")
            let partitions = try r.readArray("partitions") { p in
                var partition = Partition(partitionIndex: try p.readInt32("partition"), committedOffset: try p.readInt64("offset"))
                if version >= 6 { partition.committedLeaderEpoch = try p.readInt32("leader epoch") }
                if version == 1 { partition.commitTimestamp = try p.readInt64("commit timestamp") }
                partition.committedMetadata = try p.readNullableString("metadata")
                try p.readTaggedFields()
                return partition
            }
            try r.readTaggedFields()
            return Topic(name: name, partitions: partitions)
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeString(groupId)
        if version >= 1 {
            writer.writeInt32(generationIdOrMemberEpoch)
            writer.writeString(memberId)
        }
        if version >= 7 { writer.writeNullableString(groupInstanceId) }
        if (2...4).contains(version) { writer.writeInt64(retentionTimeMs) }
        writer.writeArray(topics) { w, topic in
            w.writeString(topic.name)
            w.writeArray(topic.partitions) { p, partition in
                p.writeInt32(partition.partitionIndex)
                p.writeInt64(partition.committedOffset)
                if version >= 6 { p.writeInt32(partition.committedLeaderEpoch) }
                if version == 1 { p.writeInt64(partition.commitTimestamp) }
                p.writeNullableString(partition.committedMetadata)
                p.writeTaggedFields()
            }
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}

public struct OffsetCommitResponse: KafkaMessage {
    public struct Partition: Sendable, Equatable {
        public var partitionIndex: Int32
        public var errorCode: ErrorCode
        public init(partitionIndex: Int32, errorCode: ErrorCode = .none) {
            self.partitionIndex = partitionIndex
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

    /// v3+.
    public var throttleTimeMs: Int32
    public var topics: [Topic]

    public init(throttleTimeMs: Int32 = 0, topics: [Topic]) {
        self.throttleTimeMs = throttleTimeMs
        self.topics = topics
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        throttleTimeMs = version >= 3 ? try reader.readInt32("throttle time") : 0
        topics = try reader.readArray("topics") { r in
            let name = try r.readString("topic")
            let partitions = try r.readArray("partitions") { p in
                let partition = Partition(partitionIndex: try p.readInt32("partition"), errorCode: ErrorCode(try p.readInt16("error code")))
                try p.readTaggedFields()
                return partition
            }
            try r.readTaggedFields()
            return Topic(name: name, partitions: partitions)
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        if version >= 3 { writer.writeInt32(throttleTimeMs) }
        writer.writeArray(topics) { w, topic in
            w.writeString(topic.name)
            w.writeArray(topic.partitions) { p, partition in
                p.writeInt32(partition.partitionIndex)
                p.writeInt16(partition.errorCode.rawValue)
                p.writeTaggedFields()
            }
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}
