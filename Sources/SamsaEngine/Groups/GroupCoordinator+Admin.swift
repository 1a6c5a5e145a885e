import NIOCore
import SamsaProtocol

/// What the coordinator knows of one group, for lag sampling: no locks held once returned.
public struct GroupOffsetsSnapshot: Sendable, Equatable {
    public var groupId: String
    public var state: GroupState
    public var generationId: Int32
    public var memberCount: Int
    public var offsets: [TopicPartition: Int64]
}

extension GroupCoordinator {
    /// DescribeGroups for one group; an unknown group is reported Dead, as Kafka does.
    public func describeGroup(_ groupId: String) -> GroupDescription {
        state.withLock { state in
            if let error = coordinatorError(state, groupId) { return .dead(groupId, error: error) }
            guard let group = state.groups[groupId] else { return .dead(groupId) }
            return GroupDescription(
                groupId: groupId, error: .none, state: group.state, protocolType: group.protocolType ?? "",
                protocolName: group.state == .stable || group.state == .completingRebalance ? group.protocolName ?? "" : "",
                generationId: group.generationId, leader: group.leaderId,
                members: group.orderedMembers.map { member in
                    GroupDescription.Member(
                        memberId: member.memberId, groupInstanceId: member.groupInstanceId, clientId: member.clientId,
                        clientHost: member.clientHost, metadata: member.metadata(for: group.protocolName),
                        assignment: group.state == .stable ? member.assignment : ByteBuffer())
                })
        }
    }

    /// ListGroups: every group this broker coordinates, optionally only those in `states`.
    public func listGroups(states: Set<GroupState>? = nil) -> [GroupListing] {
        state.withLock { state in
            state.groups.values
                .filter { group in state.partitions[group.partition] != nil && (states?.contains(group.state) ?? true) }
                .map { GroupListing(groupId: $0.groupId, protocolType: $0.protocolType ?? "", state: $0.state) }
                .sorted { $0.groupId < $1.groupId }
        }
    }

    /// DeleteGroups: only groups without members may go; their offsets and metadata get tombstones.
    public func deleteGroups(_ groupIds: [String]) -> [String: ErrorCode] {
        mutate { state, _ in
            var results: [String: ErrorCode] = [:]
            for groupId in groupIds {
                if groupId.isEmpty {
                    results[groupId] = .invalidGroupId
                    continue
                }
                if let error = coordinatorError(state, groupId) {
                    results[groupId] = error
                    continue
                }
                guard let group = state.groups[groupId], group.state != .dead else {
                    results[groupId] = .groupIdNotFound
                    continue
                }
                guard group.state == .empty else {
                    results[groupId] = .nonEmptyGroup
                    continue
                }
                var records: [(key: GroupRecordKey, value: ByteBuffer?)] = group.offsets.keys.sorted().map {
                    (.offsetCommit(group: groupId, topic: $0.topic, partition: $0.partition), nil)
                }
                records.append((.groupMetadata(group: groupId), nil))
                do throws(EngineError) {
                    try append(state, partition: group.partition, records, now: currentTimeMillis())
                } catch {
                    results[groupId] = error.code
                    continue
                }
                state.groups[groupId] = nil
                results[groupId] = ErrorCode.none
                logger.info("Deleted group \(groupId)")
            }
            return results
        }
    }

    /// Every group this broker coordinates with its committed offsets: cheap enough to sample often.
    public func offsetsSnapshot() -> [GroupOffsetsSnapshot] {
        state.withLock { state in
            state.groups.values.map { group in
                GroupOffsetsSnapshot(groupId: group.groupId, state: group.state, generationId: group.generationId,
                                     memberCount: group.members.count, offsets: group.offsets.mapValues(\.offset))
            }
        }
    }
}
