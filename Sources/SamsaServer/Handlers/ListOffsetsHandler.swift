import SamsaEngine
import SamsaProtocol

extension RequestDispatcher {
    /// ListOffsets: earliest, latest, max-timestamp or by-timestamp offsets per partition; read_committed
    /// (isolation level 1, v2+) answers latest with the last stable offset.
    mutating func registerListOffsets() {
        register(ListOffsetsRequest.self) { request, context in
            // As Kafka: a partition asked for twice answers INVALID_REQUEST (both times).
            var seen: Set<TopicPartition> = [], duplicates: Set<TopicPartition> = []
            for topic in request.topics {
                for partition in topic.partitions where !seen.insert(TopicPartition(topic.name, partition.partitionIndex)).inserted {
                    duplicates.insert(TopicPartition(topic.name, partition.partitionIndex))
                }
            }
            let forbidden = context.deniedTopics(.describe, request.topics.lazy.map(\.name))
            let topics = request.topics.map { topic in
                ListOffsetsResponse.Topic(name: topic.name, partitions: topic.partitions.map { partition in
                    if forbidden.contains(topic.name) {
                        return .init(partitionIndex: partition.partitionIndex, errorCode: .topicAuthorizationFailed)
                    }
                    if duplicates.contains(TopicPartition(topic.name, partition.partitionIndex)) {
                        return .init(partitionIndex: partition.partitionIndex, errorCode: .invalidRequest)
                    }
                    let lookup = context.broker.lookupOffset(TopicPartition(topic.name, partition.partitionIndex),
                                                             timestamp: partition.timestamp,
                                                             currentLeaderEpoch: partition.currentLeaderEpoch,
                                                             isolationLevel: request.isolationLevel, in: context.cluster)
                    return .init(partitionIndex: partition.partitionIndex, errorCode: lookup.error, timestamp: lookup.timestamp,
                                 offset: lookup.offset, leaderEpoch: lookup.leaderEpoch)
                })
            }
            return .now(ListOffsetsResponse(topics: topics))
        }
    }
}
