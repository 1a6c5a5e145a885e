import SamsaProtocol

// Building group requests and reading their answers whatever version was negotiated: shared by the group
// consumer and the admin client.

extension FindCoordinatorRequest {
    /// A lookup of one key's coordinator (a group, or a transactional id) in the layout of `version`.
    static func lookup(_ key: String, keyType: Int8, version: Int16) -> FindCoordinatorRequest {
        version >= 4 ? FindCoordinatorRequest(coordinatorKeys: [key], keyType: keyType) : FindCoordinatorRequest(key: key, keyType: keyType)
    }
}

extension FindCoordinatorResponse {
    /// The one answer, whatever the version's layout.
    func single(version: Int16) -> Coordinator {
        if version >= 4 {
            return coordinators.first ?? Coordinator(key: "", nodeId: -1, host: "", port: -1, errorCode: .coordinatorNotAvailable)
        }
        return Coordinator(key: "", nodeId: nodeId, host: host, port: port, errorCode: errorCode, errorMessage: errorMessage)
    }
}

extension OffsetFetchRequest {
    /// The committed offsets of `partitions` (nil: all the group has) in the layout of `version`. With
    /// `requireStable` (v7+, KIP-447) the coordinator answers UNSTABLE_OFFSET_COMMIT for a partition whose
    /// offset a still-open transaction is committing, instead of the older offset.
    static func group(_ groupId: String, partitions: [TopicPartition]?, version: Int16, requireStable: Bool = false) -> OffsetFetchRequest {
        let topics = partitions.map { list in
            ConsumerProtocol.TopicPartitions.grouping(list.sorted()).map { Topic(name: $0.topic, partitionIndexes: $0.partitions) }
        }
        if version >= 8 { return OffsetFetchRequest(groups: [Group(groupId: groupId, topics: topics)], requireStable: requireStable) }
        // v0-v1 cannot ask for "all"; an empty list is the closest (and answers nothing).
        return OffsetFetchRequest(groupId: groupId, topics: version < 2 ? topics ?? [] : topics, requireStable: requireStable)
    }
}

extension OffsetFetchResponse {
    /// Committed offsets by partition (partitions without a commit are left out), or the group's error.
    func committedOffsets(version: Int16) throws -> [TopicPartition: Int64] {
        let (topics, error) = version >= 8 ? (groups.first?.topics ?? [], groups.first?.errorCode ?? .none) : (self.topics, errorCode)
        if error != .none { throw ClientError.authorization(error, "Describe") ?? ClientError.broker(error, "Fetching committed offsets failed.") }
        var offsets: [TopicPartition: Int64] = [:]
        for topic in topics {
            for partition in topic.partitions {
                if partition.errorCode != .none {
                    throw ClientError.broker(partition.errorCode, "Fetching the committed offset of \(topic.name)-\(partition.partitionIndex) failed.")
                }
                if partition.committedOffset >= 0 { offsets[TopicPartition(topic.name, partition.partitionIndex)] = partition.committedOffset }
            }
        }
        return offsets
    }
}

extension OffsetCommitRequest {
    static func group(_ groupId: String, generationId: Int32 = -1, memberId: String = "", groupInstanceId: String? = nil,
                      offsets: [TopicPartition: Int64]) -> OffsetCommitRequest {
        let byTopic = Dictionary(grouping: offsets.keys, by: \.topic)
        return OffsetCommitRequest(
            groupId: groupId, generationIdOrMemberEpoch: generationId, memberId: memberId, groupInstanceId: groupInstanceId,
            topics: byTopic.keys.sorted().map { topic in
                Topic(name: topic, partitions: byTopic[topic]!.sorted().map { Partition(partitionIndex: $0.partition, committedOffset: offsets[$0]!) })
            })
    }
}

extension OffsetCommitResponse {
    /// The partitions the broker refused, with why.
    var failures: [TopicPartition: ErrorCode] {
        var failed: [TopicPartition: ErrorCode] = [:]
        for topic in topics {
            for partition in topic.partitions where partition.errorCode != .none {
                failed[TopicPartition(topic.name, partition.partitionIndex)] = partition.errorCode
            }
        }
        return failed
    }
}

extension ErrorCode {
    /// After these a client looks the group's coordinator up again, then retries.
    var meansCoordinatorMoved: Bool { self == .notCoordinator || self == .coordinatorNotAvailable }

    /// Worth retrying against the coordinator after a short pause.
    var isRetriableForGroups: Bool { meansCoordinatorMoved || self == .coordinatorLoadInProgress }
}

extension Error {
    /// A broker error code worth retrying, or a broken connection (the coordinator may have restarted).
    var isRetriableForGroups: Bool {
        guard let error = self as? ClientError else { return false }
        switch error {
        case .broker(let code, _): return code.isRetriableForGroups
        case .connectionClosed, .connectionFailed, .timedOut, .noBrokers: return true
        default: return false
        }
    }
}
