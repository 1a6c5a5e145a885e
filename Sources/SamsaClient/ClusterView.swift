import NIOCore
import SamsaProtocol

/// What a client knows about the cluster from its last Metadata answer.
public struct ClusterView: Sendable {
    public struct PartitionInfo: Sendable, Equatable {
        public var partition: Int32
        public var leader: Int32
        public var leaderEpoch: Int32
        public var replicas: [Int32]
        public var isr: [Int32]
        public var offline: [Int32]
        public var error: ErrorCode
    }

    public struct TopicInfo: Sendable, Equatable {
        public var name: String
        public var id: KafkaUUID
        public var isInternal: Bool
        public var partitions: [PartitionInfo]
        public var error: ErrorCode
    }

    public var brokers: [Int32: BrokerAddress] = [:]
    public var controllerId: Int32 = -1
    public var clusterId: String?
    public var topics: [String: TopicInfo] = [:]
    public var fetchedAt: NIODeadline = .distantPast

    public init() {}

    init(_ response: MetadataResponse, merging previous: ClusterView?, complete: Bool) {
        brokers = Dictionary(response.brokers.map { ($0.nodeId, BrokerAddress(host: $0.host, port: Int($0.port))) },
                             uniquingKeysWith: { a, _ in a })
        controllerId = response.controllerId
        clusterId = response.clusterId
        topics = complete ? [:] : previous?.topics ?? [:]
        for topic in response.topics {
            guard let name = topic.name else { continue }
            if topic.errorCode == .unknownTopicOrPartition || topic.errorCode == .invalidTopicException {
                topics[name] = nil
                continue
            }
            topics[name] = TopicInfo(
                name: name, id: topic.topicId, isInternal: topic.isInternal,
                partitions: topic.partitions.map {
                    PartitionInfo(partition: $0.partitionIndex, leader: $0.leaderId, leaderEpoch: $0.leaderEpoch,
                                  replicas: $0.replicaNodes, isr: $0.isrNodes, offline: $0.offlineReplicas, error: $0.errorCode)
                }.sorted { $0.partition < $1.partition },
                error: topic.errorCode)
        }
        fetchedAt = .now()
    }

    public func leader(of topic: String, partition: Int32) -> Int32? {
        guard let info = topics[topic]?.partitions.first(where: { $0.partition == partition }), info.leader >= 0 else { return nil }
        return info.leader
    }
}
