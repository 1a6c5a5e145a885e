import NIOCore

// Fetch (key 1), versions 4-16 (RecordBatch v2 and isolation levels need v4+).
// v5: log start offset. v7: fetch sessions (KIP-227) and forgotten topics. v9: current leader epoch.
// v11: rack id and preferred read replica. v12: flexible; last fetched epoch; diverging epoch, current
// leader and snapshot id as tagged fields. v13: topic ids replace names. v15: replica id moves into the
// tagged ReplicaState. v16: NodeEndpoints tagged in the response (KIP-951).

public struct FetchRequest: KafkaRequest {
    public typealias Response = FetchResponse
    public static let apiKey = APIKey.fetch
    public static let versions: ClosedRange<Int16> = 4...16
    public static let firstFlexibleVersion: Int16? = 12

    public struct Partition: Sendable, Equatable {
        public var partition: Int32
        public var currentLeaderEpoch: Int32
        public var fetchOffset: Int64
        public var lastFetchedEpoch: Int32
        public var logStartOffset: Int64
        public var partitionMaxBytes: Int32
        public init(partition: Int32, currentLeaderEpoch: Int32 = -1, fetchOffset: Int64, lastFetchedEpoch: Int32 = -1,
                    logStartOffset: Int64 = -1, partitionMaxBytes: Int32) {
            self.partition = partition
            self.currentLeaderEpoch = currentLeaderEpoch
            self.fetchOffset = fetchOffset
            self.lastFetchedEpoch = lastFetchedEpoch
            self.logStartOffset = logStartOffset
            self.partitionMaxBytes = partitionMaxBytes
        }
    }

    public struct Topic: Sendable, Equatable {
        /// Up to v12.
        public var topic: String
        /// v13+.
        public var topicId: KafkaUUID
        public var partitions: [Partition]
        public init(topic: String = "", topicId: KafkaUUID = .zero, partitions: [Partition]) {
            self.topic = topic
            self.topicId = topicId
            self.partitions = partitions
        }
    }

    public struct ForgottenTopic: Sendable, Equatable {
        public var topic: String
        public var topicId: KafkaUUID
        public var partitions: [Int32]
        public init(topic: String = "", topicId: KafkaUUID = .zero, partitions: [Int32]) {
            self.topic = topic
            self.topicId = topicId
            self.partitions = partitions
        }
    }

    public var clusterId: String?
    /// -1 for consumers, the follower's broker id for replica fetches (sent in ReplicaState from v15).
    public var replicaId: Int32
    public var replicaEpoch: Int64
    public var maxWaitMs: Int32
    public var minBytes: Int32
    public var maxBytes: Int32
    public var isolationLevel: Int8
    public var sessionId: Int32
    public var sessionEpoch: Int32
    public var topics: [Topic]
    public var forgottenTopicsData: [ForgottenTopic]
    public var rackId: String

    public init(clusterId: String? = nil, replicaId: Int32 = -1, replicaEpoch: Int64 = -1, maxWaitMs: Int32, minBytes: Int32,
                maxBytes: Int32 = Int32.max, isolationLevel: Int8 = 0, sessionId: Int32 = 0, sessionEpoch: Int32 = -1,
                topics: [Topic], forgottenTopicsData: [ForgottenTopic] = [], rackId: String = "") {
        self.clusterId = clusterId
        self.replicaId = replicaId
        self.replicaEpoch = replicaEpoch
        self.maxWaitMs = maxWaitMs
        self.minBytes = minBytes
        self.maxBytes = maxBytes
        self.isolationLevel = isolationLevel
        self.sessionId = sessionId
        self.sessionEpoch = sessionEpoch
        self.topics = topics
        self.forgottenTopicsData = forgottenTopicsData
        self.rackId = rackId
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(maxWaitMs: 0, minBytes: 0, topics: [])
        if version <= 14 { replicaId = try reader.readInt32("replica id") }
        maxWaitMs = try reader.readInt32("max wait")
        minBytes = try reader.readInt32("min bytes")
        maxBytes = try reader.readInt32("max bytes")
        isolationLevel = try reader.readInt8("isolation level")
        if version >= 7 {
            sessionId = try reader.readInt32("session id")
            sessionEpoch = try reader.readInt32("session epoch")
        }
        topics = try reader.readArray("topics") { r in
            var topic = Topic(partitions: [])
            if version >= 13 { topic.topicId = try r.readUUID() } else { topic.topic = try r.readString("topic") }
            topic.partitions = try r.readArray("partitions") { p in
                var partition = Partition(partition: try p.readInt32(), fetchOffset: 0, partitionMaxBytes: 0)
                if version >= 9 { partition.currentLeaderEpoch = try p.readInt32() }
                partition.fetchOffset = try p.readInt64()
                if version >= 12 { partition.lastFetchedEpoch = try p.readInt32() }
                if version >= 5 { partition.logStartOffset = try p.readInt64() }
                partition.partitionMaxBytes = try p.readInt32()
                try p.readTaggedFields()
                return partition
            }
            try r.readTaggedFields()
            return topic
        }
        if version >= 7 {
            forgottenTopicsData = try reader.readArray("forgotten topics") { r in
                var forgotten = ForgottenTopic(partitions: [])
                if version >= 13 { forgotten.topicId = try r.readUUID() } else { forgotten.topic = try r.readString() }
                forgotten.partitions = try r.readArray { try $0.readInt32() }
                try r.readTaggedFields()
                return forgotten
            }
        }
        if version >= 11 { rackId = try reader.readString("rack id") }
        var cluster: String?
        var replica: (Int32, Int64)?
        try reader.readTaggedFields { tag, t in
            if tag == 0 { cluster = try t.readNullableString() }
            if tag == 1 && version >= 15 {
                replica = (try t.readInt32(), try t.readInt64())
                try t.readTaggedFields()
            }
        }
        clusterId = cluster
        if let replica { (replicaId, replicaEpoch) = replica }
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        if version <= 14 { writer.writeInt32(replicaId) }
        writer.writeInt32(maxWaitMs)
        writer.writeInt32(minBytes)
        writer.writeInt32(maxBytes)
        writer.writeInt8(isolationLevel)
        if version >= 7 {
            writer.writeInt32(sessionId)
            writer.writeInt32(sessionEpoch)
        }
        writer.writeArray(topics) { w, topic in
            if version >= 13 { w.writeUUID(topic.topicId) } else { w.writeString(topic.topic) }
            w.writeArray(topic.partitions) { p, partition in
                p.writeInt32(partition.partition)
                if version >= 9 { p.writeInt32(partition.currentLeaderEpoch) }
                p.writeInt64(partition.fetchOffset)
                if version >= 12 { p.writeInt32(partition.lastFetchedEpoch) }
                if version >= 5 { p.writeInt64(partition.logStartOffset) }
                p.writeInt32(partition.partitionMaxBytes)
                p.writeTaggedFields()
            }
            w.writeTaggedFields()
        }
        if version >= 7 {
            writer.writeArray(forgottenTopicsData) { w, forgotten in
                if version >= 13 { w.writeUUID(forgotten.topicId) } else { w.writeString(forgotten.topic) }
                w.writeArray(forgotten.partitions) { $0.writeInt32($1) }
                w.writeTaggedFields()
            }
        }
        if version >= 11 { writer.writeString(rackId) }
        var tags: [(tag: UInt32, write: (inout KafkaWriter) -> Void)] = []
        if let clusterId { tags.append((tag: 0, write: { $0.writeNullableString(clusterId) })) }
        if version >= 15 && (replicaId != -1 || replicaEpoch != -1) {
            tags.append((tag: 1, write: { [replicaId, replicaEpoch] in
                $0.writeInt32(replicaId)
                $0.writeInt64(replicaEpoch)
                $0.writeTaggedFields()
            }))
        }
        writer.writeTaggedFields(tags)
    }
}
