import SamsaProtocol

/// Cluster administration: broker status and fault injection (Samsa's own API, served by `samsa server`)
/// and leader elections (Kafka's ElectLeaders, served by any Kafka cluster).
extension Admin {
    /// Every broker with its status, down ones included, and the controller.
    public func clusterState() async throws -> SamsaClusterResponse {
        try await clusterAction(.describe)
    }

    /// Stops, kills, starts, isolates a broker, heals partitions or slows a follower; returns the new state.
    @discardableResult
    public func clusterAction(_ action: SamsaClusterRequest.Action, broker: Int32 = -1, delayMs: Int32 = 0) async throws -> SamsaClusterResponse {
        let connection = try await client.anyConnection()
        guard connection.supports(.samsaCluster) else {
            throw ClientError.unsupportedAPI("broker status and fault injection: they work against `samsa server`, not other Kafka clusters")
        }
        let response = try await connection.send(SamsaClusterRequest(action: action, brokerId: broker, delayMs: delayMs))
        if response.errorCode != .none {
            throw ClientError.broker(response.errorCode, response.errorMessage ?? "The cluster refused \(action).")
        }
        return response
    }

    public struct ElectionResult: Sendable, Equatable {
        public var topicPartition: TopicPartition
        public var error: ErrorCode
        public var message: String?
    }

    /// Preferred (or unclean) leader election for `partitions`, or all partitions when nil.
    public func electLeaders(unclean: Bool = false, partitions: [TopicPartition]? = nil) async throws -> [ElectionResult] {
        let grouped = partitions.map { list in
            Dictionary(grouping: list, by: \.topic).map { ElectLeadersRequest.TopicPartitions(topic: $0.key, partitions: $0.value.map(\.partition)) }
        }
        let request = ElectLeadersRequest(electionType: unclean ? ElectLeadersRequest.uncleanElection : ElectLeadersRequest.preferredElection,
                                          topicPartitions: grouped)
        let response = try await client.anyConnection().send(request)
        if response.errorCode != .none { throw ClientError.broker(response.errorCode, "The leader election failed.") }
        return response.replicaElectionResults.flatMap { result in
            result.partitionResult.map {
                ElectionResult(topicPartition: TopicPartition(result.topic, $0.partitionId), error: $0.errorCode, message: $0.errorMessage)
            }
        }.sorted { $0.topicPartition < $1.topicPartition }
    }
}
