import SamsaProtocol

/// Topic and cluster administration over the wire, as kafka-topics and the AdminClient do it.
public struct Admin: Sendable {
    public let client: KafkaClient

    public init(client: KafkaClient) {
        self.client = client
    }

    public struct TopicDescription: Sendable, Equatable {
        public var name: String
        public var id: KafkaUUID
        public var isInternal: Bool
        public var partitions: [ClusterView.PartitionInfo]
        /// Configs set on the topic itself (not defaults).
        public var configs: [(name: String, value: String)]

        public var replicationFactor: Int { partitions.first?.replicas.count ?? 0 }

        public static func == (a: TopicDescription, b: TopicDescription) -> Bool {
            a.name == b.name && a.id == b.id && a.partitions == b.partitions && a.configs.map(\.name) == b.configs.map(\.name)
                && a.configs.map(\.value) == b.configs.map(\.value)
        }
    }

    /// Sends a request to the controller (any broker will do in Samsa; Kafka forwards to the controller).
    func controllerConnection() async throws -> BrokerConnection {
        let view = client.cluster.controllerId >= 0 ? client.cluster : try await client.refreshMetadata(topics: [])
        if view.controllerId >= 0, let connection = try? await client.connection(to: view.controllerId) { return connection }
        return try await client.anyConnection()
    }

    @discardableResult
    public func createTopic(_ name: String, partitions: Int32 = -1, replicationFactor: Int16 = -1,
                            configs: [String: String] = [:], validateOnly: Bool = false) async throws -> CreateTopicsResponse.Result {
        let request = CreateTopicsRequest(
            topics: [.init(name: name, numPartitions: partitions, replicationFactor: replicationFactor,
                           configs: configs.sorted { $0.key < $1.key }.map { .init(name: $0.key, value: $0.value) })],
            timeoutMs: Int32(client.config.requestTimeout.nanoseconds / 1_000_000), validateOnly: validateOnly)
        let response = try await controllerConnection().send(request)
        guard let result = response.topics.first else { throw ClientError.broker(.unknownServerError, "Empty CreateTopics answer.") }
        if result.errorCode != .none {
            throw ClientError.authorization(result.errorCode, "Create", topic: name)
                ?? ClientError.broker(result.errorCode, result.errorMessage ?? "Creating topic '\(name)' failed.")
        }
        return result
    }

    public func deleteTopic(_ name: String) async throws {
        let response = try await controllerConnection().send(DeleteTopicsRequest(names: [name]))
        if let result = response.responses.first, result.errorCode != .none {
            throw ClientError.authorization(result.errorCode, "Delete", topic: name)
                ?? ClientError.broker(result.errorCode, result.errorMessage ?? "Deleting topic '\(name)' failed.")
        }
    }

    /// Grows a topic to `total` partitions (kafka-topics --alter --partitions).
    public func createPartitions(_ name: String, total: Int32) async throws {
        let response = try await controllerConnection().send(CreatePartitionsRequest(topics: [.init(name: name, count: total)]))
        if let result = response.results.first, result.errorCode != .none {
            throw ClientError.authorization(result.errorCode, "Alter", topic: name)
                ?? ClientError.broker(result.errorCode, result.errorMessage ?? "Adding partitions to '\(name)' failed.")
        }
    }

    public func listTopics(includeInternal: Bool = true) async throws -> [String] {
        let view = try await client.refreshMetadata(topics: nil)
        return view.topics.values.filter { includeInternal || !$0.isInternal }.map(\.name).sorted()
    }

    /// Topics with their partitions and non-default configs; nil describes every topic.
    public func describeTopics(_ names: [String]?) async throws -> [TopicDescription] {
        let view = try await client.refreshMetadata(topics: names)
        let wanted = names ?? view.topics.keys.sorted()
        var result: [TopicDescription] = []
        for name in wanted {
            guard let info = view.topics[name] else {
                throw ClientError.broker(.unknownTopicOrPartition, "Topic '\(name)' does not exist.")
            }
            let configs = try await describeConfigs(topic: name).filter { $0.configSource == 1 }.map { ($0.name, $0.value ?? "") }
            result.append(TopicDescription(name: name, id: info.id, isInternal: info.isInternal, partitions: info.partitions,
                                           configs: configs))
        }
        return result
    }

    public func describeConfigs(topic: String) async throws -> [DescribeConfigsResponse.Config] {
        try await describeConfigs(resourceType: DescribeConfigsRequest.topicResource, name: topic)
    }

    public func describeConfigs(broker: Int32) async throws -> [DescribeConfigsResponse.Config] {
        try await describeConfigs(resourceType: DescribeConfigsRequest.brokerResource, name: "\(broker)")
    }

    private func describeConfigs(resourceType: Int8, name: String) async throws -> [DescribeConfigsResponse.Config] {
        let response = try await controllerConnection().send(
            DescribeConfigsRequest(resources: [.init(resourceType: resourceType, resourceName: name)], includeSynonyms: true))
        guard let result = response.results.first else { return [] }
        if result.errorCode != .none {
            // Name the operation and resource: "Not authorized to DescribeConfigs topic T." rather than the bare code.
            let topic = resourceType == DescribeConfigsRequest.topicResource ? name : nil
            throw ClientError.authorization(result.errorCode, "DescribeConfigs", topic: topic)
                ?? ClientError.broker(result.errorCode, result.errorMessage ?? "")
        }
        return result.configs
    }

    /// Runs `call` again, after refreshing metadata, while it fails with an error Kafka calls retriable
    /// (a leader moving, OFFSET_NOT_AVAILABLE right after a failover), for up to about two seconds.
    func retrying<T: Sendable>(topics: [String], _ call: () async throws -> T) async throws -> T {
        for _ in 0..<20 {
            do {
                return try await call()
            } catch let error as ClientError where error.code?.isRetriable == true {
                try await Task.sleep(for: .milliseconds(100))
                _ = try? await client.refreshMetadata(topics: topics)
            }
        }
        return try await call()
    }

    /// Offsets for a partition: -2 earliest, -1 latest, -3 max timestamp, or the first at/after a timestamp.
    /// At read_committed "latest" is the last stable offset.
    public func listOffset(topic: String, partition: Int32, spec: Int64,
                           isolation: IsolationLevel = .readUncommitted) async throws -> (offset: Int64, timestamp: Int64) {
        try await retrying(topics: [topic]) { try await listOffsetOnce(topic: topic, partition: partition, spec: spec, isolation: isolation) }
    }

    private func listOffsetOnce(topic: String, partition: Int32, spec: Int64,
                                isolation: IsolationLevel) async throws -> (offset: Int64, timestamp: Int64) {
        let (_, connection) = try await client.leaderConnection(topic: topic, partition: partition)
        let response = try await connection.send(ListOffsetsRequest(isolationLevel: isolation.rawValue, topics: [
            .init(name: topic, partitions: [.init(partitionIndex: partition, timestamp: spec)])]))
        guard let answer = response.topics.first?.partitions.first else {
            throw ClientError.broker(.unknownServerError, "Empty ListOffsets answer.")
        }
        if answer.errorCode != .none {
            if answer.errorCode == .notLeaderOrFollower { try await client.refreshMetadata(topics: [topic]) }
            throw ClientError.broker(answer.errorCode, "Listing offsets of \(topic)-\(partition) failed.")
        }
        return (answer.offset, answer.timestamp)
    }
}
