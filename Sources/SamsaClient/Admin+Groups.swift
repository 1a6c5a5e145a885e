import NIOCore
import SamsaProtocol

extension Admin {
    /// The broker coordinating `group` (found by asking any broker).
    public func findCoordinator(group: String) async throws -> (id: Int32, address: BrokerAddress) {
        try await findCoordinator(key: group, keyType: FindCoordinatorRequest.groupKeyType)
    }

    /// The broker coordinating a group (key type 0) or a transactional id (key type 1).
    public func findCoordinator(key: String, keyType: Int8) async throws -> (id: Int32, address: BrokerAddress) {
        try await retryingGroupErrors {
            let connection = try await client.anyConnection()
            let version = try connection.version(for: FindCoordinatorRequest.self)
            let request = FindCoordinatorRequest.lookup(key, keyType: keyType, version: version)
            let answer = try await connection.send(request, version: version).single(version: version)
            guard answer.errorCode == .none else {
                let what = keyType == FindCoordinatorRequest.transactionKeyType ? "transactional id" : "group"
                throw ClientError.broker(answer.errorCode, answer.errorMessage ?? "Finding the coordinator of \(what) '\(key)' failed.")
            }
            return (answer.nodeId, BrokerAddress(host: answer.host, port: Int(answer.port)))
        }
    }

    /// Runs `body` with a connection to the group's coordinator, looking it up again while it moves.
    func atCoordinator<T: Sendable>(of group: String, _ body: (Int32, BrokerConnection) async throws -> T) async throws -> T {
        try await retryingGroupErrors {
            let (id, _) = try await findCoordinator(group: group)
            if client.cluster.brokers[id] == nil { try await client.refreshMetadata(topics: []) }
            let connection = try await client.connection(to: id)
            do {
                return try await body(id, connection)
            } catch let error as ClientError where error.code == nil {
                client.disconnect(id)
                throw error
            }
        }
    }

    /// Retries coordinator moves and broken connections for up to the request timeout.
    func retryingGroupErrors<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        let deadline = NIODeadline.now() + client.config.requestTimeout
        while true {
            do {
                return try await body()
            } catch let error where error.isRetriableForGroups && NIODeadline.now() < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// Every group of every broker (ListGroups goes to each broker, as Kafka's admin client does).
    public func listGroups() async throws -> [ConsumerGroupListing] {
        let view = try await client.refreshMetadata(topics: [])
        var found: [String: ConsumerGroupListing] = [:]
        for id in view.brokers.keys.sorted() {
            let response = try await client.connection(to: id).send(ListGroupsRequest())
            guard response.errorCode == .none else { throw ClientError.broker(response.errorCode, "Listing the groups of broker \(id) failed.") }
            for group in response.groups {
                found[group.groupId] = ConsumerGroupListing(groupId: group.groupId, protocolType: group.protocolType, state: group.groupState)
            }
        }
        return found.values.sorted { $0.groupId < $1.groupId }
    }

    /// Describes each group at its coordinator; an unknown group comes back in state Dead.
    public func describeGroups(_ groupIds: [String]) async throws -> [ConsumerGroupDescription] {
        var result: [ConsumerGroupDescription] = []
        for groupId in groupIds {
            let (coordinatorId, group) = try await atCoordinator(of: groupId) { id, connection in
                let response = try await connection.send(DescribeGroupsRequest(groups: [groupId]))
                guard let group = response.groups.first else {
                    throw ClientError.broker(.unknownServerError, "Empty DescribeGroups answer.")
                }
                if group.errorCode != .none { throw ClientError.broker(group.errorCode, "Describing group '\(groupId)' failed.") }
                return (id, group)
            }
            let isConsumer = group.protocolType == ConsumerProtocol.protocolType || group.protocolType.isEmpty
            result.append(ConsumerGroupDescription(
                groupId: groupId, state: group.groupState, protocolType: group.protocolType, assignmentStrategy: group.protocolData,
                coordinatorId: coordinatorId, coordinator: client.cluster.brokers[coordinatorId] ?? BrokerAddress(host: "?", port: 0),
                members: group.members.map { member in
                    let assigned = isConsumer && member.memberAssignment.readableBytes > 0
                        ? try? ConsumerProtocolAssignment(decoding: member.memberAssignment) : nil
                    let subscription = isConsumer && member.memberMetadata.readableBytes > 0
                        ? try? ConsumerProtocolSubscription(decoding: member.memberMetadata) : nil
                    return .init(memberId: member.memberId, groupInstanceId: member.groupInstanceId, clientId: member.clientId,
                                 host: member.clientHost, assignment: (assigned?.partitions ?? []).sorted(),
                                 subscriptionUserData: subscription?.userData.map { Array($0.readableBytesView) },
                                 assignmentUserData: assigned?.userData.map { Array($0.readableBytesView) })
                }))
        }
        return result
    }

    /// A group's committed offsets: of `partitions`, or of every partition it committed (nil).
    public func committedOffsets(group: String, partitions: [TopicPartition]? = nil) async throws -> [TopicPartition: Int64] {
        try await atCoordinator(of: group) { _, connection in
            let version = try connection.version(for: OffsetFetchRequest.self)
            let response = try await connection.send(OffsetFetchRequest.group(group, partitions: partitions, version: version), version: version)
            return try response.committedOffsets(version: version)
        }
    }

    /// Commits offsets for a group from outside it (generation -1), as `--reset-offsets --execute` does;
    /// the broker accepts this only while the group has no members.
    public func commitOffsets(group: String, _ offsets: [TopicPartition: Int64]) async throws {
        try await atCoordinator(of: group) { _, connection in
            let response = try await connection.send(OffsetCommitRequest.group(group, offsets: offsets))
            if let (tp, code) = response.failures.sorted(by: { $0.key < $1.key }).first {
                throw ClientError.broker(code, "Committing the offset of \(tp) for group '\(group)' failed.")
            }
        }
    }

    /// Deletes groups (only empty ones can go); returns each group's error code, NONE where it worked.
    public func deleteGroups(_ groupIds: [String]) async throws -> [String: ErrorCode] {
        var results: [String: ErrorCode] = [:]
        for groupId in groupIds {
            results[groupId] = try await atCoordinator(of: groupId) { _, connection in
                let response = try await connection.send(DeleteGroupsRequest(groupsNames: [groupId]))
                let code = response.results.first { $0.groupId == groupId }?.errorCode ?? .unknownServerError
                if code.isRetriableForGroups { throw ClientError.broker(code, "") }
                return code
            }
        }
        return results
    }

    /// Offsets of many partitions at once, one ListOffsets per leader: -2 earliest, -1 latest, or the first
    /// offset at or after a timestamp (-1 when there is none).
    public func listOffsets(_ partitions: [TopicPartition], spec: Int64) async throws -> [TopicPartition: Int64] {
        guard !partitions.isEmpty else { return [:] }
        return try await retrying(topics: Array(Set(partitions.map(\.topic))).sorted()) {
            try await listOffsetsOnce(partitions, spec: spec)
        }
    }

    private func listOffsetsOnce(_ partitions: [TopicPartition], spec: Int64) async throws -> [TopicPartition: Int64] {
        let view = try await client.refreshMetadata(topics: Array(Set(partitions.map(\.topic))).sorted())
        var byLeader: [Int32: [TopicPartition]] = [:]
        for tp in partitions {
            guard let leader = view.leader(of: tp.topic, partition: tp.partition) else {
                throw ClientError.broker(.leaderNotAvailable, "No leader is known for \(tp).")
            }
            byLeader[leader, default: []].append(tp)
        }
        var result: [TopicPartition: Int64] = [:]
        for (leader, list) in byLeader {
            let grouped = ConsumerProtocol.TopicPartitions.grouping(list.sorted())
            let response = try await client.connection(to: leader).send(ListOffsetsRequest(topics: grouped.map { topic in
                .init(name: topic.topic, partitions: topic.partitions.map { .init(partitionIndex: $0, timestamp: spec) })
            }))
            for topic in response.topics {
                for answer in topic.partitions {
                    if answer.errorCode != .none {
                        throw ClientError.broker(answer.errorCode, "Listing offsets of \(topic.name)-\(answer.partitionIndex) failed.")
                    }
                    result[TopicPartition(topic.name, answer.partitionIndex)] = answer.offset
                }
            }
        }
        return result
    }
}
