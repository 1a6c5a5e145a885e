import SamsaProtocol

/// The whole cluster at one moment, for the workbench to draw: immutable, cheap to take several times a
/// second (no I/O, one short lock per partition), and versioned by the newest event it includes.
public struct ClusterSnapshot: Sendable, Equatable {
    public struct BrokerInfo: Sendable, Equatable {
        public var id: Int32
        public var host: String
        public var port: Int
        public var status: BrokerStatus
        /// Counted alive by the controller (an isolated broker stays so until it is fenced).
        public var live: Bool
        public var replicationDelayMs: Int
    }

    public struct ReplicaInfo: Sendable, Equatable {
        public var brokerId: Int32
        /// The replica's own log end; -1 when its broker is down.
        public var logEndOffset: Int64
        public var inSync: Bool
        public var online: Bool
    }

    public struct PartitionInfo: Sendable, Equatable {
        public var index: Int32
        public var leader: Int32
        public var leaderEpoch: Int32
        public var replicas: [ReplicaInfo]
        public var isr: [Int32]
        public var highWatermark: Int64
        public var logStartOffset: Int64
    }

    public struct TopicInfo: Sendable, Equatable {
        public var name: String
        public var isInternal: Bool
        public var partitions: [PartitionInfo]
        public var configs: [String: String]
    }

    public var clusterId: String
    public var controllerId: Int32
    public var brokers: [BrokerInfo]
    public var topics: [TopicInfo]
    public var groups: [GroupLag]
    /// Every transactional id on the running coordinators (state, producer id/epoch, partitions, age).
    public var transactions: [TransactionDescription]
    /// The sequence of the newest event when the snapshot was taken.
    public var eventSequence: UInt64
}

extension Cluster {
    /// The cluster as it is now: brokers, topics with every replica's log end against the high
    /// watermark, groups with their lag, and transactional ids.
    public func snapshot() -> ClusterSnapshot {
        let live = liveBrokerIds
        let metadata = controller.snapshot()
        let brokerInfo = brokers.map {
            ClusterSnapshot.BrokerInfo(id: $0.id, host: $0.host, port: $0.port, status: $0.status, live: live.contains($0.id),
                                       replicationDelayMs: $0.replicationDelayMs)
        }
        let topics = metadata.topics.values.sorted { $0.name < $1.name }.map { topic in
            ClusterSnapshot.TopicInfo(
                name: topic.name, isInternal: topic.isInternal,
                partitions: topic.partitions.enumerated().map { index, state in
                    partitionInfo(TopicPartition(topic.name, Int32(index)), state, live: live)
                },
                configs: topic.configs)
        }
        var highWatermarks: [TopicPartition: Int64] = [:]
        for topic in topics {
            for partition in topic.partitions where partition.highWatermark >= 0 {
                highWatermarks[TopicPartition(topic.name, partition.index)] = partition.highWatermark
            }
        }
        return ClusterSnapshot(clusterId: metadata.clusterId, controllerId: controllerId, brokers: brokerInfo,
                               topics: topics, groups: groupLag { highWatermarks[$0] }, transactions: transactions(),
                               eventSequence: events.latestSequence)
    }

    private func partitionInfo(_ tp: TopicPartition, _ state: PartitionState, live: Set<Int32>) -> ClusterSnapshot.PartitionInfo {
        let leader = state.leader >= 0 ? broker(state.leader)?.partition(tp) : nil
        let known = leader?.replicaLogEndOffsets ?? [:]
        let replicas = state.replicas.map { id -> ClusterSnapshot.ReplicaInfo in
            let own = broker(id)?.partition(tp)
            return ClusterSnapshot.ReplicaInfo(brokerId: id, logEndOffset: own?.logEndOffset ?? known[id] ?? -1,
                                               inSync: state.isr.contains(id), online: live.contains(id) && own != nil)
        }
        return ClusterSnapshot.PartitionInfo(
            index: tp.partition, leader: state.leader, leaderEpoch: state.leaderEpoch, replicas: replicas, isr: state.isr,
            highWatermark: leader?.highWatermark ?? -1, logStartOffset: leader?.logStartOffset ?? own(tp, state)?.logStartOffset ?? 0)
    }

    private func own(_ tp: TopicPartition, _ state: PartitionState) -> Partition? {
        state.replicas.lazy.compactMap { self.broker($0)?.partition(tp) }.first
    }
}
