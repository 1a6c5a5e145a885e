import NIOCore
import SamsaEngine
import SamsaProtocol

extension RequestDispatcher {
    /// DeleteRecords: each partition's leader moves its log start; the answer waits (up to the request's
    /// timeout, as Kafka's delayed delete) until every live replica's log start has followed, and carries the
    /// low watermark. Unknown partitions answer UNKNOWN_TOPIC_OR_PARTITION; errors carry low watermark -1.
    mutating func registerDeleteRecords() {
        register(DeleteRecordsRequest.self) { request, context in
            let cluster = context.cluster
            var topics: [DeleteRecordsResponse.Topic] = []
            var waits: [(topic: Int, partition: Int, requested: Int64, replica: Partition, done: EventLoopFuture<ErrorCode>)] = []
            let forbidden = context.deniedTopics(.delete, request.topics.lazy.map(\.name))
            for topic in request.topics {
                var partitions: [DeleteRecordsResponse.Partition] = []
                if forbidden.contains(topic.name) {
                    topics.append(.init(name: topic.name, partitions: topic.partitions.map {
                        .init(partitionIndex: $0.partitionIndex, errorCode: .topicAuthorizationFailed)
                    }))
                    continue
                }
                let known = cluster.controller.topic(topic.name)
                for wanted in topic.partitions {
                    let index = wanted.partitionIndex
                    guard let known, index >= 0, Int(index) < known.partitions.count else {
                        partitions.append(.init(partitionIndex: index, errorCode: .unknownTopicOrPartition))
                        continue
                    }
                    switch context.broker.deleteRecords(TopicPartition(topic.name, index), before: wanted.offset, in: cluster) {
                    case .failure(let error):
                        partitions.append(.init(partitionIndex: index, errorCode: error.code))
                    case .success(let deleted):
                        if deleted.lowWatermark < deleted.requested {
                            let done = deleted.partition.waitForLogStart(deleted.requested, live: cluster.liveBrokerIds,
                                                                         timeoutMs: Int64(request.timeoutMs), on: context.eventLoop)
                            waits.append((topics.count, partitions.count, deleted.requested, deleted.partition, done))
                        }
                        partitions.append(.init(partitionIndex: index, lowWatermark: deleted.lowWatermark))
                    }
                }
                topics.append(.init(name: topic.name, partitions: partitions))
            }
            if waits.isEmpty { return .now(DeleteRecordsResponse(topics: topics)) }
            let answered = topics
            let pending = waits
            return .later(EventLoopFuture.whenAllSucceed(pending.map(\.done), on: context.eventLoop).map { errors in
                var topics = answered
                for (wait, error) in zip(pending, errors) {
                    if error == .none {
                        topics[wait.topic].partitions[wait.partition].lowWatermark = wait.replica.lowWatermark(live: cluster.liveBrokerIds)
                    } else {
                        topics[wait.topic].partitions[wait.partition].errorCode = error
                        if error != .requestTimedOut { topics[wait.topic].partitions[wait.partition].lowWatermark = -1 }
                    }
                }
                return DeleteRecordsResponse(topics: topics)
            })
        }
    }

    /// DescribeLogDirs: this broker's data directory with the replicas it hosts (all when topics is null),
    /// their sizes and offset lag, and (v4) the volume's total and usable bytes.
    mutating func registerDescribeLogDirs() {
        register(DescribeLogDirsRequest.self) { request, context in
            guard context.authorizeCluster(.describe) else {
                return .now(DescribeLogDirsResponse(errorCode: .clusterAuthorizationFailed, results: []))
            }
            let wanted = request.topics.map { topics in
                Set(topics.flatMap { topic in topic.partitions.map { TopicPartition(topic.topic, $0) } })
            }
            let dir = context.broker.describeLogDir(partitions: wanted)
            let topics = Dictionary(grouping: dir.replicas, by: \.topicPartition.topic).sorted { $0.key < $1.key }.map { name, replicas in
                DescribeLogDirsResponse.Topic(name: name, partitions: replicas.map {
                    .init(partitionIndex: $0.topicPartition.partition, partitionSize: $0.size, offsetLag: $0.offsetLag, isFutureKey: $0.isFuture)
                })
            }
            return .now(DescribeLogDirsResponse(results: [
                .init(logDir: dir.path, topics: topics, totalBytes: dir.totalBytes, usableBytes: dir.usableBytes)]))
        }
    }

    /// DescribeCluster: cluster id, controller and brokers as Kafka's broker answers them; the cluster's
    /// authorized operations are the schema default (Int32.min) unless asked for, and then those the
    /// principal may do (every one without an authorizer; none without DESCRIBE on the cluster, as Kafka).
    mutating func registerDescribeCluster() {
        register(DescribeClusterRequest.self) { request, context in
            let v0 = context.version == 0
            switch request.endpointType {
            case DescribeClusterRequest.brokersEndpoint: break
            case DescribeClusterRequest.controllersEndpoint:
                return .now(DescribeClusterResponse(errorCode: v0 ? .invalidRequest : ErrorCode(114),
                                                    errorMessage: "The request was sent to an endpoint of type BROKER, but we wanted an endpoint of type CONTROLLER"))
            default:
                return .now(DescribeClusterResponse(errorCode: v0 ? .invalidRequest : ErrorCode(115),
                                                    errorMessage: "Unsupported endpoint type \(request.endpointType)"))
            }
            let brokers = Self.brokerList(context.cluster, context).map {
                DescribeClusterResponse.Broker(brokerId: $0.nodeId, host: $0.host, port: $0.port, rack: $0.rack)
            }
            let controller = context.cluster.controllerId
            return .now(DescribeClusterResponse(
                clusterId: context.cluster.clusterId, controllerId: brokers.contains { $0.brokerId == controller } ? controller : -1,
                brokers: brokers,
                clusterAuthorizedOperations: request.includeClusterAuthorizedOperations
                    ? context.clusterAuthorizedOperations : DescribeClusterResponse.authorizedOperationsOmitted))
        }
    }

    /// OffsetDelete at the group coordinator: partitions of unknown topics answer UNKNOWN_TOPIC_OR_PARTITION;
    /// a group-level error (GROUP_ID_NOT_FOUND, NON_EMPTY_GROUP, NOT_COORDINATOR, …) comes alone.
    mutating func registerOffsetDelete() {
        register(OffsetDeleteRequest.self) { request, context in
            // As Kafka: DELETE on the group, READ on each topic.
            guard context.authorize(.delete, .group, request.groupId) else {
                return .now(OffsetDeleteResponse(errorCode: .groupAuthorizationFailed))
            }
            let forbidden = context.deniedTopics(.read, request.topics.lazy.map(\.name))
            var unknown: Set<TopicPartition> = []
            var valid: [TopicPartition] = []
            for topic in request.topics {
                let known = context.cluster.controller.topic(topic.name)
                for index in topic.partitions {
                    let tp = TopicPartition(topic.name, index)
                    if forbidden.contains(topic.name) { continue }
                    if let known, index >= 0, Int(index) < known.partitions.count { valid.append(tp) } else { unknown.insert(tp) }
                }
            }
            let (error, results) = context.broker.coordinator.deleteOffsets(groupId: request.groupId, partitions: valid)
            if error != .none { return .now(OffsetDeleteResponse(errorCode: error)) }
            return .now(OffsetDeleteResponse(topics: request.topics.map { topic in
                .init(name: topic.name, partitions: topic.partitions.map { index in
                    let tp = TopicPartition(topic.name, index)
                    if forbidden.contains(topic.name) { return .init(partitionIndex: index, errorCode: .topicAuthorizationFailed) }
                    return .init(partitionIndex: index, errorCode: unknown.contains(tp) ? .unknownTopicOrPartition : results[tp] ?? ErrorCode.none)
                })
            }))
        }
    }
}
