import SamsaEngine
import SamsaProtocol

extension RequestDispatcher {
    /// Metadata: live brokers, the controller, and the requested topics (all if none are named),
    /// auto-creating unknown ones when the client allows it and the broker is configured to.
    mutating func registerMetadata() {
        register(MetadataRequest.self) { request, context in
            let cluster = context.cluster
            let live = cluster.liveBrokerIds
            var topics: [MetadataResponse.Topic] = []
            let checks = context.checksAcls
            if let requested = request.topics {
                for wanted in requested {
                    if let name = wanted.name {
                        // As Kafka: a named topic the principal may not describe is refused whether or not it exists.
                        if checks, !context.authorize(.describe, .topic, name) {
                            topics.append(.init(errorCode: .topicAuthorizationFailed, name: name))
                        } else if let topic = cluster.controller.topic(name) {
                            topics.append(Self.describe(topic, live: live))
                        } else if let problem = TopicName.problem(with: name) {
                            context.logger.debug("Metadata for invalid topic name: \(problem)")
                            topics.append(.init(errorCode: .invalidTopicException, name: name))
                        } else if request.allowAutoTopicCreation, checks,
                                  cluster.config.settings.bool("auto.create.topics.enable"), !context.mayAutoCreate(name) {
                            topics.append(.init(errorCode: .topicAuthorizationFailed, name: name))
                        } else if request.allowAutoTopicCreation, let created = cluster.autoCreate(name) {
                            topics.append(Self.describe(created, live: live))
                        } else {
                            topics.append(.init(errorCode: .unknownTopicOrPartition, name: name))
                        }
                    } else if let topic = cluster.controller.topic(id: wanted.topicId) {
                        topics.append(checks && !context.authorize(.describe, .topic, topic.name)
                            ? .init(errorCode: .topicAuthorizationFailed, name: nil, topicId: topic.id)
                            : Self.describe(topic, live: live))
                    } else {
                        topics.append(.init(errorCode: .unknownTopicId, name: nil, topicId: wanted.topicId))
                    }
                }
            } else {
                // Topics the principal may not describe are left out of an all-topics answer.
                topics = cluster.controller.snapshot().topics.values
                    .filter { !checks || context.authorize(.describe, .topic, $0.name) }
                    .sorted { $0.name < $1.name }.map { Self.describe($0, live: live) }
            }
            if request.includeTopicAuthorizedOperations {
                for index in topics.indices where topics[index].errorCode == .none {
                    if let name = topics[index].name {
                        topics[index].topicAuthorizedOperations = context.authorizedOperations(.topic, name)
                    }
                }
            }
            return .now(MetadataResponse(brokers: Self.brokerList(cluster, context), clusterId: cluster.clusterId,
                                         controllerId: cluster.controllerId, topics: topics,
                                         clusterAuthorizedOperations: request.includeClusterAuthorizedOperations
                                             ? context.clusterAuthorizedOperations : Int32.min))
        }
    }

    /// Registered brokers, as Kafka lists them (a killed broker until its session would have expired).
    static func brokerList(_ cluster: Cluster, _ context: RequestContext) -> [MetadataResponse.Broker] {
        let registered = cluster.registeredBrokerIds
        return cluster.brokers.filter { registered.contains($0.id) }.map { .init(nodeId: $0.id, host: context.address(of: $0).host, port: context.address(of: $0).port) }
    }

    static func describe(_ topic: TopicState, live: Set<Int32>) -> MetadataResponse.Topic {
        MetadataResponse.Topic(
            name: topic.name, topicId: topic.id, isInternal: topic.isInternal,
            partitions: topic.partitions.enumerated().map { index, state in
                MetadataResponse.Partition(
                    errorCode: state.leader >= 0 ? .none : .leaderNotAvailable, partitionIndex: Int32(index),
                    leaderId: state.leader, leaderEpoch: state.leaderEpoch, replicaNodes: state.replicas, isrNodes: state.isr,
                    offlineReplicas: state.replicas.filter { !live.contains($0) })
            })
    }
}
