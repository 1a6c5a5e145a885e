import SamsaEngine
import SamsaProtocol

extension RequestDispatcher {
    /// DescribeProducers (KIP-664): each partition leader's active producers and their open transactions,
    /// for finding hanging transactions (`samsa transactions --describe-producers`).
    mutating func registerDescribeProducers() {
        register(DescribeProducersRequest.self) { request, context in
            let forbidden = context.deniedTopics(.read, request.topics.lazy.map(\.name))
            let topics = request.topics.map { topic in
                DescribeProducersResponse.Topic(name: topic.name, partitions: topic.partitions.map { index in
                    if forbidden.contains(topic.name) {
                        return .init(partitionIndex: index, errorCode: .topicAuthorizationFailed, errorMessage: AuthorizationFailure.topic)
                    }
                    switch context.broker.describeProducers(TopicPartition(topic.name, index), in: context.cluster) {
                    case .failure(let error):
                        return .init(partitionIndex: index, errorCode: error.code, errorMessage: error.message)
                    case .success(let producers):
                        return .init(partitionIndex: index, activeProducers: producers)
                    }
                })
            }
            return .now(DescribeProducersResponse(topics: topics))
        }
    }
}
