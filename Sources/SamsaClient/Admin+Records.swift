import NIOCore
import SamsaProtocol

/// What DeleteRecords left of one partition: its new log start (low watermark), or the error.
public struct RecordsDeletion: Sendable, Equatable {
    public var topicPartition: TopicPartition
    public var lowWatermark: Int64
    public var error: ErrorCode

    public init(topicPartition: TopicPartition, lowWatermark: Int64, error: ErrorCode) {
        self.topicPartition = topicPartition
        self.lowWatermark = lowWatermark
        self.error = error
    }
}

/// One data directory of one broker (DescribeLogDirs).
public struct LogDirInfo: Sendable, Equatable {
    public struct Replica: Sendable, Equatable {
        public var topicPartition: TopicPartition
        public var size: Int64
        public var offsetLag: Int64
        public var isFuture: Bool

        public init(topicPartition: TopicPartition, size: Int64, offsetLag: Int64 = 0, isFuture: Bool = false) {
            self.topicPartition = topicPartition
            self.size = size
            self.offsetLag = offsetLag
            self.isFuture = isFuture
        }
    }

    public var path: String
    public var error: ErrorCode
    public var replicas: [Replica]
    /// The volume's bytes, total and usable (-1 before DescribeLogDirs v4).
    public var totalBytes: Int64
    public var usableBytes: Int64

    public init(path: String, error: ErrorCode = .none, replicas: [Replica], totalBytes: Int64 = -1, usableBytes: Int64 = -1) {
        self.path = path
        self.error = error
        self.replicas = replicas
        self.totalBytes = totalBytes
        self.usableBytes = usableBytes
    }
}

/// DescribeCluster's answer.
public struct ClusterDescription: Sendable, Equatable {
    public struct Node: Sendable, Equatable {
        public var id: Int32
        public var host: String
        public var port: Int32
        public var rack: String?
    }

    public var clusterId: String
    public var controllerId: Int32
    public var nodes: [Node]
    /// Kafka's AclOperation codes the caller may use on the cluster; nil when not asked for.
    public var authorizedOperations: Set<Int8>?
}

/// Records and offsets administration: DeleteRecords, DescribeLogDirs, DescribeCluster, OffsetDelete and
/// ListOffsets for many partitions, as Kafka's AdminClient sends them.
extension Admin {
    /// Deletes every record below each partition's offset (-1: the high watermark), one request per leader.
    /// Partitions whose leader moved meanwhile (NOT_LEADER_OR_FOLLOWER) are sent again to the new one, a few
    /// times, as Kafka's admin client does.
    public func deleteRecords(_ offsets: [TopicPartition: Int64], timeoutMs: Int32 = 30_000) async throws -> [RecordsDeletion] {
        var results = try await deleteRecordsOnce(offsets, timeoutMs: timeoutMs)
        for _ in 0..<10 {
            let moved = results.filter { $0.error == .notLeaderOrFollower || $0.error == .leaderNotAvailable }.map(\.topicPartition)
            guard !moved.isEmpty else { break }
            try await Task.sleep(for: .milliseconds(200))
            let again = try await deleteRecordsOnce(offsets.filter { moved.contains($0.key) }, timeoutMs: timeoutMs)
            results = results.filter { !moved.contains($0.topicPartition) } + again
        }
        return results.sorted { $0.topicPartition < $1.topicPartition }
    }

    private func deleteRecordsOnce(_ offsets: [TopicPartition: Int64], timeoutMs: Int32) async throws -> [RecordsDeletion] {
        guard !offsets.isEmpty else { return [] }
        let view = try await client.refreshMetadata(topics: Array(Set(offsets.keys.map(\.topic))).sorted())
        var results: [RecordsDeletion] = []
        var byLeader: [Int32: [TopicPartition]] = [:]
        for tp in offsets.keys.sorted() {
            guard view.topics[tp.topic] != nil, tp.partition >= 0, Int(tp.partition) < view.topics[tp.topic]!.partitions.count else {
                results.append(RecordsDeletion(topicPartition: tp, lowWatermark: -1, error: .unknownTopicOrPartition))
                continue
            }
            guard let leader = view.leader(of: tp.topic, partition: tp.partition) else {
                results.append(RecordsDeletion(topicPartition: tp, lowWatermark: -1, error: .leaderNotAvailable))
                continue
            }
            byLeader[leader, default: []].append(tp)
        }
        for (leader, partitions) in byLeader.sorted(by: { $0.key < $1.key }) {
            let topics = Dictionary(grouping: partitions, by: \.topic).sorted { $0.key < $1.key }.map { name, list in
                DeleteRecordsRequest.Topic(name: name, partitions: list.map { .init(partitionIndex: $0.partition, offset: offsets[$0]!) })
            }
            let timeout = client.config.requestTimeout + .milliseconds(Int64(timeoutMs))
            let response = try await client.connection(to: leader).send(DeleteRecordsRequest(topics: topics, timeoutMs: timeoutMs),
                                                                       timeout: timeout)
            for topic in response.topics {
                for answer in topic.partitions {
                    results.append(RecordsDeletion(topicPartition: TopicPartition(topic.name, answer.partitionIndex),
                                                   lowWatermark: answer.lowWatermark, error: answer.errorCode))
                }
            }
        }
        return results.sorted { $0.topicPartition < $1.topicPartition }
    }

    /// Each broker's data directories (all brokers when `brokers` is nil), with the replicas in them.
    public func describeLogDirs(brokers: [Int32]? = nil) async throws -> [Int32: [LogDirInfo]] {
        var ids = brokers ?? []
        if brokers == nil { ids = try await describeCluster().nodes.map(\.id) }
        // Connections go by broker id: the metadata must name them first.
        if ids.contains(where: { client.cluster.brokers[$0] == nil }) { _ = try await client.refreshMetadata(topics: []) }
        var result: [Int32: [LogDirInfo]] = [:]
        for id in ids {
            let response = try await client.connection(to: id).send(DescribeLogDirsRequest(topics: nil))
            if response.errorCode != .none {
                throw ClientError.broker(response.errorCode, "Describing the log directories of broker \(id) failed.")
            }
            result[id] = response.results.map { dir in
                LogDirInfo(path: dir.logDir, error: dir.errorCode, replicas: dir.topics.flatMap { topic in
                    topic.partitions.map {
                        LogDirInfo.Replica(topicPartition: TopicPartition(topic.name, $0.partitionIndex), size: $0.partitionSize,
                                           offsetLag: $0.offsetLag, isFuture: $0.isFutureKey)
                    }
                }, totalBytes: dir.totalBytes, usableBytes: dir.usableBytes)
            }
        }
        return result
    }

    /// The cluster id, controller and brokers; with `includeAuthorizedOperations`, what the caller may do.
    public func describeCluster(includeAuthorizedOperations: Bool = false) async throws -> ClusterDescription {
        let connection = try await client.anyConnection()
        guard connection.supports(.describeCluster) else { throw ClientError.unsupportedAPI("DescribeCluster (KIP-700)") }
        let response = try await connection.send(DescribeClusterRequest(includeClusterAuthorizedOperations: includeAuthorizedOperations))
        if response.errorCode != .none {
            throw ClientError.broker(response.errorCode, response.errorMessage ?? "Describing the cluster failed.")
        }
        let bits = response.clusterAuthorizedOperations
        let operations: Set<Int8>? = bits == DescribeClusterResponse.authorizedOperationsOmitted ? nil
            : Set((0..<32).filter { bits & (1 << $0) != 0 }.map { Int8($0) })
        return ClusterDescription(clusterId: response.clusterId, controllerId: response.controllerId,
                                  nodes: response.brokers.map { .init(id: $0.brokerId, host: $0.host, port: $0.port, rack: $0.rack) },
                                  authorizedOperations: operations)
    }

    /// Deletes a group's committed offsets of `partitions` (OffsetDelete at its coordinator). Returns the
    /// group-level error (GROUP_ID_NOT_FOUND, NON_EMPTY_GROUP, …; NONE if the group was found) and each
    /// partition's (GROUP_SUBSCRIBED_TO_TOPIC while a member consumes its topic, UNKNOWN_TOPIC_OR_PARTITION).
    public func deleteOffsets(group: String, partitions: [TopicPartition]) async throws -> (error: ErrorCode, partitions: [TopicPartition: ErrorCode]) {
        try await atCoordinator(of: group) { _, connection in
            let topics = Dictionary(grouping: partitions, by: \.topic).sorted { $0.key < $1.key }.map {
                OffsetDeleteRequest.Topic(name: $0.key, partitions: $0.value.map(\.partition).sorted())
            }
            let response = try await connection.send(OffsetDeleteRequest(groupId: group, topics: topics))
            if response.errorCode == .notCoordinator || response.errorCode == .coordinatorNotAvailable
                || response.errorCode == .coordinatorLoadInProgress {
                throw ClientError.broker(response.errorCode, "The coordinator of group '\(group)' moved.")
            }
            var results: [TopicPartition: ErrorCode] = [:]
            for topic in response.topics {
                for answer in topic.partitions { results[TopicPartition(topic.name, answer.partitionIndex)] = answer.errorCode }
            }
            return (response.errorCode, results)
        }
    }

    /// ListOffsets for many partitions, each with its own spec (-1 latest, -2 earliest, -3 max timestamp,
    /// -4 earliest local, or a timestamp: the first offset at or after it), with the timestamp found (-1 for
    /// latest/earliest, and offset -1 when no record is that late). One request per leader.
    public func listOffsets(_ specs: [TopicPartition: Int64], isolation: IsolationLevel = .readUncommitted)
        async throws -> [TopicPartition: (offset: Int64, timestamp: Int64)] {
        guard !specs.isEmpty else { return [:] }
        let topics = Array(Set(specs.keys.map(\.topic))).sorted()
        return try await retrying(topics: topics) {
            let view = try await client.refreshMetadata(topics: topics)
            var byLeader: [Int32: [TopicPartition]] = [:]
            for tp in specs.keys {
                guard let leader = view.leader(of: tp.topic, partition: tp.partition) else {
                    throw ClientError.broker(.unknownTopicOrPartition, "No leader is known for \(tp).")
                }
                byLeader[leader, default: []].append(tp)
            }
            var result: [TopicPartition: (offset: Int64, timestamp: Int64)] = [:]
            for (leader, list) in byLeader {
                let request = ListOffsetsRequest(isolationLevel: isolation.rawValue, topics: Dictionary(grouping: list, by: \.topic).map {
                    .init(name: $0.key, partitions: $0.value.map { .init(partitionIndex: $0.partition, timestamp: specs[$0]!) })
                })
                for topic in try await client.connection(to: leader).send(request).topics {
                    for answer in topic.partitions {
                        if answer.errorCode != .none {
                            throw ClientError.broker(answer.errorCode, "Listing offsets of \(topic.name)-\(answer.partitionIndex) failed.")
                        }
                        result[TopicPartition(topic.name, answer.partitionIndex)] = (answer.offset, answer.timestamp)
                    }
                }
            }
            return result
        }
    }
}
