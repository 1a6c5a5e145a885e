// Metadata (key 3), versions 0-12.
// v1: rack, controller id, is-internal; null topics = all. v2: cluster id. v3: throttle time.
// v4: allow auto topic creation. v5: offline replicas. v7: leader epoch. v8: authorized operations.
// v9: flexible. v10: topic ids. v11: cluster authorized operations removed. v12: topic name nullable.

public struct MetadataRequest: KafkaRequest {
    public typealias Response = MetadataResponse
    public static let apiKey = APIKey.metadata
    public static let versions: ClosedRange<Int16> = 0...12
    public static let firstFlexibleVersion: Int16? = 9

    public struct Topic: Sendable, Equatable {
        public var topicId: KafkaUUID
        public var name: String?
        public init(topicId: KafkaUUID = .zero, name: String?) {
            self.topicId = topicId
            self.name = name
        }
    }

    /// Nil asks for every topic (v1+); in v0 an empty list does.
    public var topics: [Topic]?
    public var allowAutoTopicCreation: Bool
    public var includeClusterAuthorizedOperations: Bool
    public var includeTopicAuthorizedOperations: Bool

    public init(topics: [Topic]?, allowAutoTopicCreation: Bool = true, includeClusterAuthorizedOperations: Bool = false,
                includeTopicAuthorizedOperations: Bool = false) {
        self.topics = topics
        self.allowAutoTopicCreation = allowAutoTopicCreation
        self.includeClusterAuthorizedOperations = includeClusterAuthorizedOperations
        self.includeTopicAuthorizedOperations = includeTopicAuthorizedOperations
    }

    public init(topicNames: [String]?, allowAutoTopicCreation: Bool = true) {
        self.init(topics: topicNames.map { $0.map { Topic(name: $0) } }, allowAutoTopicCreation: allowAutoTopicCreation)
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        let topics = try reader.readNullableArray("topics") { r in
            let id = version >= 10 ? try r.readUUID() : .zero
            let name = version >= 10 ? try r.readNullableString("topic name") : try r.readString("topic name")
            try r.readTaggedFields()
            return Topic(topicId: id, name: name)
        }
        self.topics = (version == 0 && topics?.isEmpty == true) ? nil : topics
        allowAutoTopicCreation = version >= 4 ? try reader.readBool() : true
        includeClusterAuthorizedOperations = (8...10).contains(version) ? try reader.readBool() : false
        includeTopicAuthorizedOperations = version >= 8 ? try reader.readBool() : false
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        let list = version == 0 ? (topics ?? []) : topics
        writer.writeNullableArray(list) { w, topic in
            if version >= 10 {
                w.writeUUID(topic.topicId)
                w.writeNullableString(topic.name)
            } else {
                w.writeString(topic.name ?? "")
            }
            w.writeTaggedFields()
        }
        if version >= 4 { writer.writeBool(allowAutoTopicCreation) }
        if (8...10).contains(version) { writer.writeBool(includeClusterAuthorizedOperations) }
        if version >= 8 { writer.writeBool(includeTopicAuthorizedOperations) }
        writer.writeTaggedFields()
    }
}

public struct MetadataResponse: KafkaMessage {
    public struct Broker: Sendable, Equatable {
        public var nodeId: Int32
        public var host: String
        public var port: Int32
        public var rack: String?
        public init(nodeId: Int32, host: String, port: Int32, rack: String? = nil) {
            self.nodeId = nodeId
            self.host = host
            self.port = port
            self.rack = rack
        }
    }

    public struct Partition: Sendable, Equatable {
        public var errorCode: ErrorCode
        public var partitionIndex: Int32
        public var leaderId: Int32
        public var leaderEpoch: Int32
        public var replicaNodes: [Int32]
        public var isrNodes: [Int32]
        public var offlineReplicas: [Int32]
        public init(errorCode: ErrorCode = .none, partitionIndex: Int32, leaderId: Int32, leaderEpoch: Int32 = -1,
                    replicaNodes: [Int32], isrNodes: [Int32], offlineReplicas: [Int32] = []) {
            self.errorCode = errorCode
            self.partitionIndex = partitionIndex
            self.leaderId = leaderId
            self.leaderEpoch = leaderEpoch
            self.replicaNodes = replicaNodes
            self.isrNodes = isrNodes
            self.offlineReplicas = offlineReplicas
        }
    }

    public struct Topic: Sendable, Equatable {
        public var errorCode: ErrorCode
        public var name: String?
        public var topicId: KafkaUUID
        public var isInternal: Bool
        public var partitions: [Partition]
        public var topicAuthorizedOperations: Int32
        public init(errorCode: ErrorCode = .none, name: String?, topicId: KafkaUUID = .zero, isInternal: Bool = false,
                    partitions: [Partition] = [], topicAuthorizedOperations: Int32 = Int32.min) {
            self.errorCode = errorCode
            self.name = name
            self.topicId = topicId
            self.isInternal = isInternal
            self.partitions = partitions
            self.topicAuthorizedOperations = topicAuthorizedOperations
        }
    }

    public var throttleTimeMs: Int32
    public var brokers: [Broker]
    public var clusterId: String?
    public var controllerId: Int32
    public var topics: [Topic]
    public var clusterAuthorizedOperations: Int32

    public init(throttleTimeMs: Int32 = 0, brokers: [Broker], clusterId: String? = nil, controllerId: Int32 = -1,
                topics: [Topic], clusterAuthorizedOperations: Int32 = Int32.min) {
        self.throttleTimeMs = throttleTimeMs
        self.brokers = brokers
        self.clusterId = clusterId
        self.controllerId = controllerId
        self.topics = topics
        self.clusterAuthorizedOperations = clusterAuthorizedOperations
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        throttleTimeMs = version >= 3 ? try reader.readInt32() : 0
        brokers = try reader.readArray("brokers") { r in
            let broker = Broker(nodeId: try r.readInt32(), host: try r.readString("host"), port: try r.readInt32(),
                                rack: version >= 1 ? try r.readNullableString("rack") : nil)
            try r.readTaggedFields()
            return broker
        }
        clusterId = version >= 2 ? try reader.readNullableString("cluster id") : nil
        controllerId = version >= 1 ? try reader.readInt32() : -1
        topics = try reader.readArray("topics") { r in
            var topic = Topic(errorCode: ErrorCode(try r.readInt16()),
                              name: version >= 12 ? try r.readNullableString("topic") : try r.readString("topic"))
            if version >= 10 { topic.topicId = try r.readUUID() }
            if version >= 1 { topic.isInternal = try r.readBool() }
            topic.partitions = try r.readArray("partitions") { p in
                var partition = Partition(errorCode: ErrorCode(try p.readInt16()), partitionIndex: try p.readInt32(),
                                          leaderId: try p.readInt32(), replicaNodes: [], isrNodes: [])
                if version >= 7 { partition.leaderEpoch = try p.readInt32() }
                partition.replicaNodes = try p.readArray("replicas") { try $0.readInt32() }
                partition.isrNodes = try p.readArray("isr") { try $0.readInt32() }
                if version >= 5 { partition.offlineReplicas = try p.readArray("offline replicas") { try $0.readInt32() } }
                try p.readTaggedFields()
                return partition
            }
            if version >= 8 { topic.topicAuthorizedOperations = try r.readInt32() }
            try r.readTaggedFields()
            return topic
        }
        clusterAuthorizedOperations = (8...10).contains(version) ? try reader.readInt32() : Int32.min
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        if version >= 3 { writer.writeInt32(throttleTimeMs) }
        writer.writeArray(brokers) { w, broker in
            w.writeInt32(broker.nodeId)
            w.writeString(broker.host)
            w.writeInt32(broker.port)
            if version >= 1 { w.writeNullableString(broker.rack) }
            w.writeTaggedFields()
        }
        if version >= 2 { writer.writeNullableString(clusterId) }
        if version >= 1 { writer.writeInt32(controllerId) }
        writer.writeArray(topics) { w, topic in
            w.writeInt16(topic.errorCode.rawValue)
            if version >= 12 { w.writeNullableString(topic.name) } else { w.writeString(topic.name ?? "") }
            if version >= 10 { w.writeUUID(topic.topicId) }
            if version >= 1 { w.writeBool(topic.isInternal) }
            w.writeArray(topic.partitions) { p, partition in
                p.writeInt16(partition.errorCode.rawValue)
                p.writeInt32(partition.partitionIndex)
                p.writeInt32(partition.leaderId)
                if version >= 7 { p.writeInt32(partition.leaderEpoch) }
                p.writeArray(partition.replicaNodes) { $0.writeInt32($1) }
                p.writeArray(partition.isrNodes) { $0.writeInt32($1) }
                if version >= 5 { p.writeArray(partition.offlineReplicas) { $0.writeInt32($1) } }
                p.writeTaggedFields()
            }
            if version >= 8 { w.writeInt32(topic.topicAuthorizedOperations) }
            w.writeTaggedFields()
        }
        if (8...10).contains(version) { writer.writeInt32(clusterAuthorizedOperations) }
        writer.writeTaggedFields()
    }
}
