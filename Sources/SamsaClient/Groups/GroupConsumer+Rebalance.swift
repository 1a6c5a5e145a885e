import NIOCore
import SamsaProtocol

/// The topics the leader assigned and their partition counts when it did.
struct LeaderSnapshot: Sendable, Equatable {
    var topics: [String]
    var counts: [String: Int32]
}

extension GroupConsumer {
    /// An eager rebalance: commit and give up every partition, join, let the leader assign, sync, then
    /// start each new partition at the group's committed offset (or where auto.offset.reset says).
    func rebalance() async throws {
        let owned = assignment
        await revokeAll()
        while true {
            try Task.checkCancellation()
            let topics = subscription
            let protocols = config.assignors.map { assignor in
                let userData = assignor.subscriptionUserData(topics: topics).map { ByteBuffer(bytes: $0) }
                let metadata = ConsumerProtocolSubscription(topics: topics, userData: userData,
                                                            ownedPartitions: ConsumerProtocol.TopicPartitions.grouping(owned),
                                                            generationId: membership.generationId).encode()
                return JoinGroupRequest.GroupProtocol(name: assignor.name, metadata: metadata)
            }
            let joined = try await membership.join(protocols: protocols, reason: "the consumer needs an assignment")
            var assignments: [String: ByteBuffer] = [:]
            if joined.isLeader {
                do {
                    assignments = try await leaderAssignments(joined)
                } catch let error where error.isTransient {
                    // Joining again hands back the same generation, and another try at the assignment.
                    try await Task.sleep(for: .milliseconds(config.retryBackoffMs))
                    continue
                }
            }
            guard let bytes = try await membership.sync(joined, assignments: assignments) else { continue }
            let decoded = bytes.readableBytes == 0 ? nil : try ConsumerProtocolAssignment(decoding: bytes)
            let assigned = (decoded?.partitions ?? []).filter { topics.contains($0.topic) }.sorted()
            do {
                try await start(assigned)
            } catch {
                membership.requestRejoin()  // the next poll tries again rather than sitting on unread partitions
                throw error
            }
            let userData = decoded?.userData.map { Array($0.readableBytesView) }
            await rebalanceListener?.onPartitionsAssigned(assigned, userData: userData)
            return
        }
    }

    /// Commits (with auto-commit on) and drops the current assignment, as an eager member does before it rejoins.
    private func revokeAll() async {
        let revoked = assignment
        guard !revoked.isEmpty else { return }
        // Kafka's order: the listener first (Streams commits and closes its tasks there), then auto-commit.
        await rebalanceListener?.onPartitionsRevoked(revoked)
        if config.enableAutoCommit && !membership.memberId.isEmpty {
            do {
                try await membership.commit(positions(), deadline: .now() + client.config.requestTimeout)
            } catch {
                logger.warning("Committing before the rebalance of group \(config.groupId) failed: \(error)")
            }
        }
        fetcher.assign([:])
        state.withLock { s in
            s.assignment = []
            s.paused = [:]
            s.leaderSnapshot = nil
        }
    }

    /// Starts each assigned partition at the committed offset, else where auto.offset.reset says.
    private func start(_ partitions: [TopicPartition]) async throws {
        let committed = try await membership.committedOffsets(partitions, deadline: .now() + client.config.requestTimeout)
        var starts: [TopicPartition: StartPosition] = [:]
        for tp in partitions {
            if let offset = committed[tp] {
                starts[tp] = .offset(offset)
                continue
            }
            switch config.autoOffsetReset {
            case .earliest: starts[tp] = .beginning
            case .latest: starts[tp] = .end
            case .none:
                throw ClientError.invalidArgument("Group '\(config.groupId)' has no committed offset for \(tp), and auto.offset.reset is none.")
            }
        }
        fetcher.assign(starts)
        state.withLock { s in
            s.assignment = partitions
            s.paused = [:]
            s.committed = committed
            s.nextAutoCommit = .now + .milliseconds(config.autoCommitIntervalMs)
        }
        logger.debug("Group \(config.groupId) generation \(membership.generationId): assigned \(partitions.map(\.description).joined(separator: ", "))")
    }

    /// The leader's work: run the chosen assignor over every member's subscription.
    private func leaderAssignments(_ joined: GroupMembership.JoinOutcome) async throws -> [String: ByteBuffer] {
        guard let assignor = config.assignors.first(where: { $0.name == joined.protocolName }) else {
            throw ClientError.invalidArgument("Group '\(config.groupId)' chose assignor '\(joined.protocolName)', which this consumer does not have.")
        }
        let members = try joined.members.map { member in
            let subscription = try ConsumerProtocolSubscription(decoding: member.metadata)
            return AssignorMember(memberId: member.memberId, groupInstanceId: member.groupInstanceId, topics: subscription.topics,
                                  userData: subscription.userData.map { Array($0.readableBytesView) },
                                  ownedPartitions: ConsumerProtocol.TopicPartitions.flattening(subscription.ownedPartitions))
        }
        let topics = Set(members.flatMap(\.topics)).sorted()
        let counts = try await partitionCounts(topics)
        let plan = assignor.assignWithUserData(members: members, partitionsPerTopic: counts)
        let snapshot = LeaderSnapshot(topics: topics, counts: counts)
        state.withLock { s in
            s.leaderSnapshot = snapshot
            s.nextMetadataCheck = .now + metadataCheckInterval(snapshot)
        }
        return plan.mapValues {
            ConsumerProtocolAssignment(partitions: $0.partitions, userData: $0.userData.map { ByteBuffer(bytes: $0) }).encode()
        }
    }

    /// Partition counts of the topics that exist (asking the broker to create missing ones if allowed).
    private func partitionCounts(_ topics: [String]) async throws -> [String: Int32] {
        guard !topics.isEmpty else { return [:] }
        let view = try await client.refreshMetadata(topics: topics, allowAutoCreate: config.allowAutoCreateTopics)
        var counts: [String: Int32] = [:]
        for topic in topics {
            if let info = view.topics[topic], !info.partitions.isEmpty { counts[topic] = Int32(info.partitions.count) }
        }
        return counts
    }

    /// Often while a subscribed topic is missing (it may be created any moment), else at the metadata max age.
    private func metadataCheckInterval(_ snapshot: LeaderSnapshot) -> Duration {
        snapshot.counts.count < snapshot.topics.count ? .seconds(1) : .nanoseconds(client.config.metadataMaxAge.nanoseconds)
    }

    /// The leader rebalances when a subscribed topic appears or its partition count changes, as Kafka's does.
    func checkMetadataIfDue() async {
        guard let snapshot = state.withLock({ s in s.leaderSnapshot.flatMap { ContinuousClock.now >= s.nextMetadataCheck ? $0 : nil } }) else {
            return
        }
        let counts = try? await partitionCounts(snapshot.topics)
        state.withLock { $0.nextMetadataCheck = .now + metadataCheckInterval(snapshot) }
        if let counts, counts != snapshot.counts {
            logger.debug("Partitions of group \(config.groupId)'s topics changed; rebalancing")
            membership.requestRejoin()
        }
    }
}
