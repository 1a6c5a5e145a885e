import SamsaEngine
import SamsaProtocol

extension RequestDispatcher {
    /// Fetch: reads from the partitions this broker leads; parks until data arrives or max wait passes.
    /// Samsa declines fetch sessions (session id 0), so clients keep sending full fetch requests (KIP-227).
    mutating func registerFetch() {
        register(FetchRequest.self) { request, context in
            let useIds = context.version >= 13
            var targets: [FetchTarget] = []
            var unknownIds: [(FetchRequest.Topic, [Int32])] = []
            var names: [KafkaUUID: String] = [:]
            // Consumers need READ on each topic; a follower (replica id >= 0) CLUSTER_ACTION on the cluster.
            var forbidden: [(FetchRequest.Topic, String)] = []
            let mayReplicate = request.replicaId < 0 || context.authorizeCluster(.clusterAction)
            let checks = context.checksAcls
            for topic in request.topics {
                let name: String
                if useIds {
                    guard let found = context.cluster.controller.topic(id: topic.topicId)?.name else {
                        unknownIds.append((topic, topic.partitions.map(\.partition)))
                        continue
                    }
                    name = found
                    names[topic.topicId] = found
                } else {
                    name = topic.topic
                }
                if checks, !mayReplicate || !context.authorize(.read, .topic, name) {
                    forbidden.append((topic, name))
                    continue
                }
                for partition in topic.partitions {
                    targets.append(FetchTarget(TopicPartition(name, partition.partition), fetchOffset: partition.fetchOffset,
                                               maxBytes: partition.partitionMaxBytes,
                                               currentLeaderEpoch: partition.currentLeaderEpoch))
                }
            }
            let parameters = FetchParameters(replicaId: request.replicaId, maxWaitMs: request.maxWaitMs,
                                             minBytes: request.minBytes, maxBytes: request.maxBytes,
                                             isolationLevel: request.isolationLevel)
            let cluster = context.cluster
            let unknown = unknownIds
            let denied = forbidden
            let future = context.broker.fetch(parameters, targets, in: cluster, on: context.eventLoop, executor: context.executor)
            return .later(future.map { results in
                var byTopic: [(String, [FetchResponse.PartitionData])] = []
                for result in results {
                    let data = FetchResponse.PartitionData(
                        partitionIndex: result.topicPartition.partition, errorCode: result.error,
                        highWatermark: result.highWatermark, lastStableOffset: result.lastStableOffset,
                        logStartOffset: result.logStartOffset,
                        abortedTransactions: result.abortedTransactions?.map {
                            FetchResponse.AbortedTransaction(producerId: $0.producerId, firstOffset: $0.firstOffset)
                        },
                        records: result.records,
                        fileRecords: result.fileRecords)
                    if let last = byTopic.indices.last, byTopic[last].0 == result.topicPartition.topic {
                        byTopic[last].1.append(data)
                    } else {
                        byTopic.append((result.topicPartition.topic, [data]))
                    }
                }
                var responses = byTopic.map { name, partitions in
                    FetchResponse.TopicResponse(topic: useIds ? "" : name,
                                                topicId: useIds ? cluster.controller.topic(name)?.id ?? .zero : .zero,
                                                partitions: partitions)
                }
                for (topic, partitions) in unknown {
                    responses.append(.init(topicId: topic.topicId, partitions: partitions.map {
                        .init(partitionIndex: $0, errorCode: .unknownTopicId)
                    }))
                }
                for (topic, name) in denied {
                    responses.append(.init(topic: useIds ? "" : name, topicId: useIds ? topic.topicId : .zero,
                                           partitions: topic.partitions.map { .init(partitionIndex: $0.partition, errorCode: .topicAuthorizationFailed) }))
                }
                return FetchResponse(sessionId: 0, responses: responses)
            })
        }
    }
}
