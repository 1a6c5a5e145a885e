import SamsaEngine
import SamsaProtocol

extension RequestDispatcher {
    /// OffsetCommit: per-partition results; v0 commits outside group management (no generation).
    mutating func registerOffsetCommit() {
        register(OffsetCommitRequest.self) { request, context in
            // As Kafka: READ on the group, then READ on each topic; refused partitions are not committed.
            let groupAllowed = context.authorize(.read, .group, request.groupId)
            let forbidden = groupAllowed ? context.deniedTopics(.read, request.topics.lazy.map(\.name)) : []
            let refusal: ErrorCode = groupAllowed ? .topicAuthorizationFailed : .groupAuthorizationFailed
            if !groupAllowed {
                return .now(OffsetCommitResponse(topics: request.topics.map { topic in
                    .init(name: topic.name, partitions: topic.partitions.map { .init(partitionIndex: $0.partitionIndex, errorCode: refusal) })
                }))
            }
            let offsets = Self.offsetsToCommit(request.topics.filter { !forbidden.contains($0.name) }.map { ($0.name, $0.partitions) })
            let committed = context.broker.coordinator.commitOffsets(OffsetCommitParameters(
                groupId: request.groupId, generationId: request.generationIdOrMemberEpoch, memberId: request.memberId,
                groupInstanceId: request.groupInstanceId, offsets: offsets), on: context.eventLoop)
            return .later(committed.map { results in
                OffsetCommitResponse(topics: request.topics.map { topic in
                    .init(name: topic.name, partitions: topic.partitions.map { partition in
                        .init(partitionIndex: partition.partitionIndex,
                              errorCode: forbidden.contains(topic.name) ? refusal : results[TopicPartition(topic.name, partition.partitionIndex)] ?? .unknownServerError)
                    })
                })
            })
        }
    }

    /// OffsetFetch: committed offsets (-1 where none) for the named partitions, or all of the group's.
    mutating func registerOffsetFetch() {
        register(OffsetFetchRequest.self) { request, context in
            let version = context.version
            let groups = request.requestedGroups(version: version).map { group -> OffsetFetchResponse.Group in
                let wanted = group.topics.map { topics in
                    topics.flatMap { topic in topic.partitionIndexes.map { TopicPartition(topic.name, $0) } }
                }
                do throws(EngineError) {
                    guard context.authorize(.describe, .group, group.groupId) else {
                        throw EngineError(.groupAuthorizationFailed, AuthorizationFailure.group)
                    }
                    // Named topics the principal may not describe answer TOPIC_AUTHORIZATION_FAILED; from "all", they are left out.
                    let forbidden = context.deniedTopics(.describe, (group.topics ?? []).lazy.map(\.name))
                    let allowed = forbidden.isEmpty ? wanted : wanted?.filter { !forbidden.contains($0.topic) }
                    var (stored, unstable) = try context.broker.coordinator.fetchOffsets(
                        groupId: group.groupId, partitions: allowed, requireStable: request.requireStable)
                    if wanted == nil, context.checksAcls {
                        let hidden = context.deniedTopics(.describe, Set(stored.keys.map(\.topic)).union(unstable.map(\.topic)))
                        stored = stored.filter { !hidden.contains($0.key.topic) }
                        unstable = unstable.filter { !hidden.contains($0.topic) }
                    }
                    let pending = Dictionary(uniqueKeysWithValues: unstable.map { ($0, CommittedOffset.noCommit) })
                    let refused = Dictionary((wanted ?? []).filter { forbidden.contains($0.topic) }.map { ($0, CommittedOffset.noCommit) },
                                             uniquingKeysWith: { a, _ in a })
                    let topics = Self.offsetTopics(stored).merged(with: Self.offsetTopics(pending, error: .unstableOffsetCommit))
                        .merged(with: Self.offsetTopics(refused, error: .topicAuthorizationFailed))
                    return .init(groupId: group.groupId, topics: topics)
                } catch {
                    // Before v2 there is no group-level error: each requested partition carries it.
                    let partitions = version < 2 ? (wanted ?? []).map { ($0, CommittedOffset.noCommit) } : []
                    let topics = Self.offsetTopics(Dictionary(partitions, uniquingKeysWith: { a, _ in a }), error: error.code)
                    return .init(groupId: group.groupId, topics: topics, errorCode: error.code)
                }
            }
            return .now(OffsetFetchResponse(groups: groups, version: version))
        }
    }

    static func offsetTopics(_ offsets: [TopicPartition: CommittedOffset], error: ErrorCode = .none) -> [OffsetFetchResponse.Topic] {
        var byTopic: [String: [OffsetFetchResponse.Partition]] = [:]
        for (tp, committed) in offsets.sorted(by: { $0.key < $1.key }) {
            byTopic[tp.topic, default: []].append(.init(
                partitionIndex: tp.partition, committedOffset: committed.offset, committedLeaderEpoch: committed.leaderEpoch,
                metadata: committed.offset < 0 ? "" : committed.metadata, errorCode: error))
        }
        return byTopic.keys.sorted().map { .init(name: $0, partitions: byTopic[$0]!) }
    }

    mutating func registerDescribeGroups() {
        register(DescribeGroupsRequest.self) { request, context in
            .now(DescribeGroupsResponse(groups: request.groups.map { groupId in
                guard context.authorize(.describe, .group, groupId) else {
                    return .init(errorCode: .groupAuthorizationFailed, groupId: groupId, groupState: "", protocolType: "", protocolData: "")
                }
                let group = context.broker.coordinator.describeGroup(groupId)
                return .init(errorCode: group.error, groupId: groupId, groupState: group.state.rawValue,
                             protocolType: group.protocolType, protocolData: group.protocolName,
                             members: group.members.map {
                                 .init(memberId: $0.memberId, groupInstanceId: $0.groupInstanceId, clientId: $0.clientId,
                                       clientHost: $0.clientHost, memberMetadata: $0.metadata, memberAssignment: $0.assignment)
                             },
                             authorizedOperations: request.includeAuthorizedOperations
                                 ? context.authorizedOperations(.group, groupId) : Int32.min)
            }))
        }
    }

    /// ListGroups: the groups this broker coordinates (admin clients ask every broker), v4+ filtered by state.
    mutating func registerListGroups() {
        register(ListGroupsRequest.self) { request, context in
            let states = request.statesFilter.isEmpty ? nil
                : Set(request.statesFilter.compactMap { name in GroupState.allCases.first { $0.rawValue.lowercased() == name.lowercased() } })
            let wantsClassic = request.typesFilter.isEmpty || request.typesFilter.contains { $0.lowercased() == "classic" }
            var groups = wantsClassic ? context.broker.coordinator.listGroups(states: states) : []
            // As Kafka: DESCRIBE on the cluster lists every group, otherwise those the principal may describe.
            if context.checksAcls, !context.authorizeCluster(.describe) {
                groups = groups.filter { context.authorize(.describe, .group, $0.groupId) }
            }
            return .now(ListGroupsResponse(groups: groups.map {
                .init(groupId: $0.groupId, protocolType: $0.protocolType, groupState: $0.state.rawValue, groupType: "classic")
            }))
        }
    }

    /// DeleteGroups: only empty groups; their offsets go with them.
    mutating func registerDeleteGroups() {
        register(DeleteGroupsRequest.self) { request, context in
            let forbidden = context.denied(.delete, .group, request.groupsNames)
            let results = context.broker.coordinator.deleteGroups(request.groupsNames.filter { !forbidden.contains($0) })
            return .now(DeleteGroupsResponse(results: request.groupsNames.map {
                .init(groupId: $0, errorCode: forbidden.contains($0) ? .groupAuthorizationFailed : results[$0] ?? .unknownServerError)
            }))
        }
    }
}

extension [OffsetFetchResponse.Topic] {
    /// Both lists' partitions, topic by topic, in name order.
    func merged(with other: [OffsetFetchResponse.Topic]) -> [OffsetFetchResponse.Topic] {
        guard !other.isEmpty else { return self }
        var byName: [String: [OffsetFetchResponse.Partition]] = [:]
        for topic in self + other { byName[topic.name, default: []].append(contentsOf: topic.partitions) }
        return byName.keys.sorted().map { name in
            .init(name: name, partitions: byName[name]!.sorted { $0.partitionIndex < $1.partitionIndex })
        }
    }
}
