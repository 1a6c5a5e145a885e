import Foundation
import SamsaClient
import SamsaProtocol

/// A cluster as a client sees it over the wire at one moment: what attach mode shows. Replicas' own log
/// ends are not visible to clients, so in-sync replicas are drawn at the high watermark and the others as
/// unknown.
struct ObservedCluster: Sendable {
    var clusterId: String
    var brokers: [BrokerStatus]
    var topics: [TopicStatus]
    var groups: [GroupStatus]
    var transactions: [TransactionStatus] = []

    static func read(_ admin: Admin) async throws -> ObservedCluster {
        let view = try await admin.client.refreshMetadata(topics: nil)
        let led = view.topics.values.flatMap { topic in
            topic.partitions.filter { $0.leader >= 0 }.map { TopicPartition(topic.name, $0.partition) }
        }
        let ends = try await admin.listOffsets(led, spec: -1)
        let starts = try await admin.listOffsets(led, spec: -2)
        let transactions = await transactions(admin)
        let stable = await lastStableOffsets(admin, of: transactions)
        let brokers = view.brokers.keys.sorted().map { id in
            BrokerStatus(id: id, host: view.brokers[id]!.host, port: view.brokers[id]!.port, state: .up,
                         isController: id == view.controllerId)
        }
        let topics = view.topics.values.sorted { $0.name < $1.name }.map { topic in
            TopicStatus(name: topic.name, isInternal: topic.isInternal, partitions: topic.partitions.map { info in
                let tp = TopicPartition(topic.name, info.partition)
                let end = ends[tp] ?? 0
                return PartitionStatus(
                    index: info.partition, leader: info.leader >= 0 ? info.leader : nil, leaderEpoch: info.leaderEpoch,
                    replicas: info.replicas.map { id in
                        ReplicaStatus(brokerId: id, logEndOffset: info.isr.contains(id) ? end : -1, inSync: info.isr.contains(id),
                                      online: !info.offline.contains(id) && view.brokers[id] != nil)
                    },
                    highWatermark: end, logStartOffset: starts[tp] ?? 0, lastStableOffset: stable[tp])
            })
        }
        return ObservedCluster(clusterId: view.clusterId ?? "", brokers: brokers, topics: topics,
                               groups: try await groups(admin, ends: ends), transactions: transactions)
    }

    private static func groups(_ admin: Admin, ends: [TopicPartition: Int64]) async throws -> [GroupStatus] {
        let listed = try await unlessRefused([]) { try await admin.listGroups() }.map(\.groupId).sorted()
        guard !listed.isEmpty else { return [] }
        var result: [GroupStatus] = []
        for description in try await describable(admin, listed) {
            // A principal may Describe a group yet not read its offsets: it shows without them.
            let committed = try await unlessRefused([:]) { try await admin.committedOffsets(group: description.groupId) }
            let assigned = description.members.flatMap(\.assignment)
            let partitions = Set(committed.keys).union(assigned).sorted()
            result.append(GroupStatus(
                id: description.groupId, state: GroupStatus.State(kafkaName: description.state),
                assignor: description.assignmentStrategy, generation: 0,
                members: description.members.map { member in
                    let streams = description.assignmentStrategy == StreamsApplication.assignorName
                    return GroupMember(memberId: member.memberId, clientId: member.clientId, host: member.host,
                                       assignment: member.assignment.map { TopicPartition($0.topic, $0.partition) },
                                       subscriptionUserData: streams ? member.subscriptionUserData : nil,
                                       assignmentUserData: streams ? member.assignmentUserData : nil)
                },
                offsets: partitions.map { tp in
                    GroupPartitionOffset(topic: tp.topic, partition: tp.partition, committedOffset: committed[tp].flatMap { $0 >= 0 ? $0 : nil },
                                         logEndOffset: ends[tp] ?? 0)
                }))
        }
        return result.sorted { $0.id < $1.id }
    }

    /// The groups this principal may describe (a secured cluster refuses the others one by one).
    private static func describable(_ admin: Admin, _ ids: [String]) async throws -> [ConsumerGroupDescription] {
        do {
            return try await admin.describeGroups(ids)
        } catch let error as ClientError where error.isRefusal {
            var described: [ConsumerGroupDescription] = []
            for id in ids { described += try await unlessRefused([]) { try await admin.describeGroups([id]) } }
            return described
        }
    }

    /// `work`'s answer, or `fallback` when the cluster's ACLs refuse it.
    private static func unlessRefused<T: Sendable>(_ fallback: T, _ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as ClientError where error.isRefusal {
            return fallback
        }
    }

    /// What changed since `previous`, told as events: brokers coming and going, leaders, in-sync sets, topics.
    func changes(since previous: ObservedCluster) -> [ClusterEvent] {
        let now = Date()
        var told: [ClusterEvent] = []
        let before = Set(previous.brokers.map(\.id)), after = Set(brokers.map(\.id))
        for id in before.subtracting(after).sorted() { told.append(ClusterEvent(time: now, kind: .brokerDown, text: "Broker \(id) left the cluster's metadata")) }
        for id in after.subtracting(before).sorted() { told.append(ClusterEvent(time: now, kind: .brokerUp, text: "Broker \(id) joined the cluster's metadata")) }
        let old = Dictionary(previous.topics.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for topic in topics {
            guard let earlier = old[topic.name] else {
                told.append(ClusterEvent(time: now, kind: .topicCreated, text: "Topic \(topic.name) appeared with \(topic.partitions.count) partition(s)"))
                continue
            }
            if topic.partitions.count > earlier.partitions.count {
                told.append(ClusterEvent(time: now, kind: .partitionsAdded, text: "Topic \(topic.name) grew to \(topic.partitions.count) partitions"))
            }
            let hidden = topic.isHiddenByDefault
            for (partition, was) in zip(topic.partitions, earlier.partitions) {
                let tp = "\(topic.name)-\(partition.index)"
                func change(_ what: PartitionChange.What) -> PartitionChange {
                    PartitionChange(what, topic: topic.name, isInternal: hidden, partitions: [partition.index])
                }
                if partition.leader != was.leader || partition.leaderEpoch != was.leaderEpoch {
                    let leader = partition.leader.map { "broker \($0)" } ?? "no broker"
                    told.append(ClusterEvent(time: now, kind: .leaderElected, text: "\(tp) is now led by \(leader) at epoch \(partition.leaderEpoch)",
                                             partitionChange: change(.leader(partition.leader))))
                }
                let isr = Set(partition.inSyncReplicas), wasIsr = Set(was.inSyncReplicas)
                if isr.count < wasIsr.count {
                    told.append(ClusterEvent(time: now, kind: .isrShrunk, text: "In-sync replicas of \(tp) shrank to \(partition.inSyncReplicas)",
                                             partitionChange: change(.inSyncShrank(to: isr.count))))
                } else if isr.count > wasIsr.count {
                    told.append(ClusterEvent(time: now, kind: .isrExpanded, text: "In-sync replicas of \(tp) grew to \(partition.inSyncReplicas)",
                                             partitionChange: change(.inSyncGrew(to: isr.count))))
                }
            }
        }
        let names = Set(topics.map(\.name))
        for name in old.keys.sorted() where !names.contains(name) {
            told.append(ClusterEvent(time: now, kind: .topicDeleted, text: "Topic \(name) was deleted"))
        }
        return told + TransactionNarration.changes(from: previous.transactions, to: transactions, now: now)
    }
}

extension ClientError {
    /// An ACL refusal (the principal lacks the operation), as opposed to a cluster that does not answer.
    var isRefusal: Bool {
        guard let code else { return false }
        return AccessAttempt.securityCodes.contains(code) && code != .saslAuthenticationFailed
    }
}
