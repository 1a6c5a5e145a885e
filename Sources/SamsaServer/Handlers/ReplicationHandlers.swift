import SamsaEngine
import SamsaProtocol

extension RequestDispatcher {
    /// OffsetForLeaderEpoch: where a leader epoch ends in the leader's log, so a consumer (or follower)
    /// that saw an older leader can tell whether its position is on a divergent branch (KIP-101, KIP-320).
    mutating func registerOffsetForLeaderEpoch() {
        register(OffsetForLeaderEpochRequest.self) { request, context in
            // As Kafka: CLUSTER_ACTION on the cluster (followers) or DESCRIBE on each topic.
            let forbidden = context.checksAcls && !context.authorizeCluster(.clusterAction)
                ? context.deniedTopics(.describe, request.topics.lazy.map(\.topic)) : []
            return .now(OffsetForLeaderEpochResponse(topics: request.topics.map { topic in
                .init(topic: topic.topic, partitions: topic.partitions.map { wanted in
                    if forbidden.contains(topic.topic) { return .init(errorCode: .topicAuthorizationFailed, partition: wanted.partition) }
                    let tp = TopicPartition(topic.topic, wanted.partition)
                    switch context.broker.leaderPartition(tp, in: context.cluster) {
                    case .failure(let error):
                        return .init(errorCode: error.code, partition: wanted.partition)
                    case .success(let partition):
                        let check = partition.checkLeaderEpoch(wanted.currentLeaderEpoch)
                        if check != .none { return .init(errorCode: check, partition: wanted.partition) }
                        let (epoch, end) = partition.log.endOffset(forEpoch: wanted.leaderEpoch)
                        return .init(partition: wanted.partition, leaderEpoch: epoch, endOffset: end)
                    }
                })
            }))
        }
    }

    /// ElectLeaders: preferred (back to each partition's first replica) or unclean (offline partitions take
    /// any live replica), for the named partitions or all of them.
    mutating func registerElectLeaders() {
        register(ElectLeadersRequest.self) { request, context in
            let cluster = context.cluster
            let named = request.topicPartitions.map { list in
                Set(list.flatMap { entry in entry.partitions.map { TopicPartition(entry.topic, $0) } })
            }
            let unclean = request.electionType == ElectLeadersRequest.uncleanElection
            guard context.authorizeCluster(.alter) else {
                // As Kafka: the top-level error and every named partition's.
                return .now(ElectLeadersResponse(errorCode: .clusterAuthorizationFailed, replicaElectionResults: (request.topicPartitions ?? []).map {
                    .init(topic: $0.topic, partitionResult: $0.partitions.map {
                        .init(partitionId: $0, errorCode: .clusterAuthorizationFailed, errorMessage: AuthorizationFailure.cluster)
                    })
                }))
            }
            let changed: Set<TopicPartition>
            do {
                let changes = unclean ? try cluster.electUncleanLeaders(only: named) : try cluster.electPreferredLeaders(only: named)
                changed = Set(changes.map(\.topicPartition))
            } catch {
                return .now(ElectLeadersResponse(errorCode: .unknownServerError, replicaElectionResults: []))
            }
            let metadata = cluster.controller.snapshot()
            var wanted = named.map { Array($0) } ?? metadata.topics.values.flatMap { topic in
                topic.partitions.indices.map { TopicPartition(topic.name, Int32($0)) }
            }
            wanted.sort()
            var results: [String: [ElectLeadersResponse.PartitionResult]] = [:]
            for tp in wanted {
                let code: ErrorCode
                var message: String?
                if let state = metadata.topics[tp.topic]?.partitions[safe: Int(tp.partition)] {
                    if changed.contains(tp) {
                        code = .none
                    } else if unclean ? state.leader >= 0 : state.leader == state.replicas.first {
                        code = .electionNotNeeded
                    } else {
                        code = unclean ? .eligibleLeadersNotAvailable : .preferredLeaderNotAvailable
                        message = unclean ? "No replica of \(tp) is alive." : "The preferred replica of \(tp) is not alive and in sync."
                    }
                } else {
                    code = .unknownTopicOrPartition
                    message = "\(tp) does not exist."
                }
                results[tp.topic, default: []].append(.init(partitionId: tp.partition, errorCode: code, errorMessage: message))
            }
            return .now(ElectLeadersResponse(replicaElectionResults: results.keys.sorted().map {
                .init(topic: $0, partitionResult: results[$0]!)
            }))
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
