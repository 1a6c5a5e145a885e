import NIOCore
import SamsaProtocol

extension GroupMembership {
    /// Commits offsets as this member (its generation and member id), retrying coordinator moves until
    /// `deadline`. A commit the group refuses because it rebalanced throws, as Kafka's CommitFailedException.
    func commit(_ offsets: [TopicPartition: Int64], deadline: NIODeadline) async throws {
        guard !offsets.isEmpty else { return }
        while true {
            try Task.checkCancellation()
            let (generationId, memberId) = state.withLock { s in s.memberId.isEmpty ? (-1, "") : (s.generationId, s.memberId) }
            let request = OffsetCommitRequest.group(config.groupId, generationId: generationId, memberId: memberId,
                                                    groupInstanceId: config.groupInstanceId, offsets: offsets)
            var coordinator: Coordinator?
            let failures: [TopicPartition: ErrorCode]
            do {
                let found = try await self.coordinator()
                coordinator = found
                failures = try await found.connection.send(request).failures
            } catch let error where error.isRetriableForGroups && NIODeadline.now() < deadline {
                if let coordinator, (error as? ClientError)?.code != .coordinatorLoadInProgress { coordinatorFailed(coordinator) }
                try await backoff()
                continue
            }
            guard let (tp, code) = failures.sorted(by: { $0.key < $1.key }).first else { return }
            switch code {
            case _ where code.isRetriableForGroups && NIODeadline.now() < deadline:
                if code.meansCoordinatorMoved, let coordinator { coordinatorFailed(coordinator) }
                try await backoff()
            case .rebalanceInProgress:
                throw ClientError.broker(code, "Group '\(config.groupId)' is rebalancing, so the commit was refused; poll, then commit again.")
            case .unknownMemberId, .illegalGeneration, .fencedInstanceId:
                requestRejoin(ifGeneration: generationId, resetGeneration: code == .illegalGeneration,
                              resetMemberId: code == .unknownMemberId)
                throw ClientError.broker(code, "The commit failed: group '\(config.groupId)' has rebalanced since, and its partitions may now belong to another member.")
            default:
                throw ClientError.authorization(code, "Read", topic: tp.topic, group: config.groupId)
                    ?? ClientError.broker(code, "Committing the offset of \(tp) for group '\(config.groupId)' failed.")
            }
        }
    }

    /// The group's committed offsets of `partitions`; partitions without a commit are left out.
    func committedOffsets(_ partitions: [TopicPartition], deadline: NIODeadline) async throws -> [TopicPartition: Int64] {
        guard !partitions.isEmpty else { return [:] }
        while true {
            try Task.checkCancellation()
            var coordinator: Coordinator?
            do {
                let found = try await self.coordinator()
                coordinator = found
                let version = try found.connection.version(for: OffsetFetchRequest.self)
                // A read_committed member waits for offsets an open transaction is committing (KIP-447), as Kafka's does.
                let request = OffsetFetchRequest.group(config.groupId, partitions: partitions, version: version,
                                                       requireStable: config.fetch.isolationLevel == .readCommitted)
                let response = try await found.connection.send(request, version: version)
                return try response.committedOffsets(version: version)
            } catch let error as ClientError where error.code == .unstableOffsetCommit && NIODeadline.now() < deadline {
                try await backoff()
            } catch let error where error.isRetriableForGroups && NIODeadline.now() < deadline {
                if let coordinator, (error as? ClientError)?.code != .coordinatorLoadInProgress { coordinatorFailed(coordinator) }
                try await backoff()
            }
        }
    }
}
