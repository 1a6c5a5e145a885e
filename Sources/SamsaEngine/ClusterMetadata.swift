import SamsaProtocol

/// Leadership and replication state of one partition, as the controller records it.
public struct PartitionState: Codable, Sendable, Equatable {
    public var replicas: [Int32]
    public var leader: Int32
    public var leaderEpoch: Int32
    public var isr: [Int32]

    public init(replicas: [Int32], leader: Int32, leaderEpoch: Int32 = 0, isr: [Int32]) {
        self.replicas = replicas
        self.leader = leader
        self.leaderEpoch = leaderEpoch
        self.isr = isr
    }
}

/// A topic as the controller records it.
public struct TopicState: Codable, Sendable, Equatable {
    public var name: String
    public var id: KafkaUUID
    public var partitions: [PartitionState]
    public var configs: [String: String]
    public var isInternal: Bool

    public init(name: String, id: KafkaUUID, partitions: [PartitionState], configs: [String: String], isInternal: Bool = false) {
        self.name = name
        self.id = id
        self.partitions = partitions
        self.configs = configs
        self.isInternal = isInternal
    }

    public var replicationFactor: Int { partitions.first?.replicas.count ?? 0 }
}

/// Everything the controller persists: the cluster id and the topics. Stored as JSON beside the logs.
public struct ClusterMetadata: Codable, Sendable, Equatable {
    public var clusterId: String
    public var topics: [String: TopicState]
    /// Producer ids below this may have been handed out; allocation resumes here after a restart.
    public var producerIdBlockEnd: Int64?
    /// How many brokers the cluster was created with: the data layout depends on it, so it cannot change.
    public var brokerCount: Int?
    /// Dynamic broker configs (IncrementalAlterConfigs/AlterConfigs on a broker resource) by entity: a broker
    /// id, or "" for the cluster-wide default. Nil in metadata written before they existed.
    public var brokerConfigs: [String: [String: String]]?
    /// ACLs (CreateAcls/DeleteAcls), applied to the authorizer at start. Nil in metadata written before them.
    public var acls: Set<AclBinding>?
    /// SCRAM credentials by user, then mechanism name (salt and derived keys, never a password). Nil in
    /// metadata written before they existed.
    public var scramCredentials: [String: [String: StoredScramCredential]]?

    public init(clusterId: String, topics: [String: TopicState] = [:]) {
        self.clusterId = clusterId
        self.topics = topics
    }
}

extension KafkaUUID: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = KafkaUUID(base64: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad topic id \(text)"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
