import Foundation
import NIOCore
import SamsaEngine
import SamsaProtocol

/// Turns the engine's view of the embedded cluster into the workbench's snapshot.
enum EngineSnapshotMapping {
    static func brokers(_ snapshot: ClusterSnapshot) -> [BrokerStatus] {
        snapshot.brokers.map { broker in
            let state: BrokerStatus.State = switch broker.status {
            case .online: .up
            case .stopping, .stopped: .stopped
            case .crashed: .crashed
            case .isolated: .isolated
            }
            return BrokerStatus(id: broker.id, host: broker.host, port: broker.port, state: state,
                                isController: broker.id == snapshot.controllerId)
        }
    }

    /// `lastStable` gives a partition's last stable offset as its leader has it (nil when it has none).
    static func topics(_ snapshot: ClusterSnapshot, lastStable: (TopicPartition, Int32) -> Int64? = { _, _ in nil }) -> [TopicStatus] {
        snapshot.topics.map { topic in
            TopicStatus(name: topic.name, isInternal: topic.isInternal, partitions: topic.partitions.map { partition in
                PartitionStatus(
                    index: partition.index, leader: partition.leader >= 0 ? partition.leader : nil,
                    leaderEpoch: partition.leaderEpoch,
                    replicas: partition.replicas.map {
                        ReplicaStatus(brokerId: $0.brokerId, logEndOffset: $0.logEndOffset, inSync: $0.inSync, online: $0.online)
                    },
                    highWatermark: max(0, partition.highWatermark), logStartOffset: partition.logStartOffset,
                    lastStableOffset: partition.leader >= 0 ? lastStable(TopicPartition(topic.name, partition.index), partition.leader) : nil)
            })
        }
    }

    /// Groups with their members (assignments decoded from the consumer protocol) and, for every partition
    /// they commit to or are assigned, the committed offset against the high watermark.
    static func groups(_ descriptions: [GroupDescription], lag: [GroupLag], snapshot: ClusterSnapshot) -> [GroupStatus] {
        var highWatermarks: [TopicPartition: Int64] = [:]
        for topic in snapshot.topics {
            for partition in topic.partitions { highWatermarks[TopicPartition(topic.name, partition.index)] = partition.highWatermark }
        }
        let lagById = Dictionary(lag.map { ($0.groupId, $0) }, uniquingKeysWith: { first, _ in first })
        var ids = Set(descriptions.map(\.groupId))
        ids.formUnion(lag.map(\.groupId))
        return ids.sorted().map { id in
            let description = descriptions.first { $0.groupId == id }
            let streams = description?.protocolName == StreamsApplication.assignorName
            let members = (description?.members ?? []).map { member in
                GroupMember(memberId: member.memberId, clientId: member.clientId, host: member.clientHost,
                            assignment: assignment(member.assignment),
                            subscriptionUserData: streams ? subscriptionUserData(member.metadata) : nil,
                            assignmentUserData: streams ? assignmentUserData(member.assignment) : nil)
            }
            var committed: [TopicPartition: Int64] = [:]
            for partition in lagById[id]?.partitions ?? [] {
                committed[TopicPartition(partition.topicPartition.topic, partition.topicPartition.partition)] = partition.committedOffset
            }
            let partitions = Set(committed.keys).union(members.flatMap(\.assignment))
            let offsets = partitions.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }.map { tp in
                GroupPartitionOffset(topic: tp.topic, partition: tp.partition, committedOffset: committed[tp],
                                     logEndOffset: max(0, highWatermarks[tp] ?? 0))
            }
            let state = description.map { GroupStatus.State(kafkaName: $0.state.rawValue) }
                ?? GroupStatus.State(kafkaName: lagById[id]?.state.rawValue ?? "Dead")
            return GroupStatus(id: id, state: state, assignor: description?.protocolName ?? "",
                               generation: description?.generationId ?? lagById[id]?.generationId ?? 0,
                               members: members, offsets: offsets)
        }
    }

    /// What the transaction coordinators know; ids a coordinator could not describe are left out.
    static func transactions(_ descriptions: [TransactionDescription]) -> [TransactionStatus] {
        descriptions.filter { $0.error == .none }.map { description in
            TransactionStatus(
                transactionalId: description.transactionalId, producerId: description.producerId,
                producerEpoch: description.producerEpoch, state: TransactionStatus.State(kafkaName: description.state.name),
                timeoutMs: description.timeoutMs, partitions: description.partitions.sorted(),
                startTime: description.startTimestamp >= 0 ? Date(timeIntervalSince1970: Double(description.startTimestamp) / 1000) : nil,
                coordinator: description.coordinatorId >= 0 ? description.coordinatorId : nil)
        }.sorted { $0.transactionalId < $1.transactionalId }
    }

    /// The user data of a consumer-protocol subscription (JoinGroup metadata), nil when there is none.
    static func subscriptionUserData(_ bytes: ByteBuffer) -> [UInt8]? {
        guard bytes.readableBytes > 0, let decoded = try? ConsumerProtocolSubscription(decoding: bytes) else { return nil }
        return decoded.userData.map { Array($0.readableBytesView) }
    }

    static func assignmentUserData(_ bytes: ByteBuffer) -> [UInt8]? {
        guard bytes.readableBytes > 0, let decoded = try? ConsumerProtocolAssignment(decoding: bytes) else { return nil }
        return decoded.userData.map { Array($0.readableBytesView) }
    }

    static func assignment(_ bytes: ByteBuffer) -> [TopicPartition] {
        guard bytes.readableBytes > 0, let decoded = try? ConsumerProtocolAssignment(decoding: bytes) else { return [] }
        return decoded.partitions.map { TopicPartition($0.topic, $0.partition) }
    }

    /// The newest `limit` lines for the event log, keeping only the latest high watermark move of each
    /// partition (under a steady stream of writes those come several times a second per partition and would
    /// push leader elections and ISR changes off the screen within a second) and folding each cause's leader
    /// and ISR changes into one line (``EventDigest``) before counting lines.
    static func recentEvents(_ events: [SamsaEngine.ClusterEvent], limit: Int) -> [ClusterEvent] {
        var kept: [SamsaEngine.ClusterEvent] = []
        var moved = Set<TopicPartition>()
        for event in events.reversed() {
            if event.kind == .highWatermarkMoved, let tp = event.topicPartition, !moved.insert(tp).inserted { continue }
            kept.append(event)
        }
        return Array(EventDigest.fold(self.events(kept.reversed())).suffix(limit))
    }

    static func events(_ events: [SamsaEngine.ClusterEvent]) -> [ClusterEvent] {
        events.map { event in
            let kind: ClusterEvent.Kind = switch event.kind {
            case .brokerDown, .brokerIsolated: .brokerDown
            case .brokerUp, .brokerHealed: .brokerUp
            case .leaderElected, .partitionOffline, .controllerElected: .leaderElected
            case .isrShrunk: .isrShrunk
            case .isrExpanded: .isrExpanded
            case .highWatermarkMoved: .highWatermarkMoved
            case .followerTruncated: .followerTruncated
            case .topicCreated: .topicCreated
            case .topicDeleted: .topicDeleted
            case .partitionsAdded: .partitionsAdded
            case .configChanged: .configChanged
            case .transactionBegan: .transactionBegan
            case .transactionCommitted: .transactionCommitted
            case .transactionAborted: .transactionAborted
            case .producerFenced: .producerFenced
            case .transactionalIdExpired: .other
            }
            return ClusterEvent(time: Date(timeIntervalSince1970: Double(event.timeMs) / 1000), kind: kind, text: event.text,
                                partitionChange: partitionChange(event))
        }
    }

    /// What a leader or in-sync set change changed, for folding; nil for every other event.
    static func partitionChange(_ event: SamsaEngine.ClusterEvent) -> PartitionChange? {
        guard let changed = event.changed else { return nil }
        let what: PartitionChange.What
        switch event.kind {
        case .leaderElected: what = .leader(event.brokerId)
        case .partitionOffline: what = .leader(nil)
        case .isrShrunk:
            guard let size = changed.inSyncReplicaCount else { return nil }
            what = .inSyncShrank(to: size)
        case .isrExpanded:
            guard let size = changed.inSyncReplicaCount else { return nil }
            what = .inSyncGrew(to: size)
        default: return nil
        }
        return PartitionChange(what, topic: changed.topic, isInternal: TopicName.isInternal(changed.topic) || changed.topic.hasPrefix("__"),
                               partitions: event.topicPartition.map { [$0.partition] } ?? [], count: changed.count)
    }
}
