import SamsaEngine
import SamsaProtocol

extension RequestDispatcher {
    /// Produce: validates and appends each partition's batches on this broker. acks=0 gets no response;
    /// acks must be -1, 0 or 1.
    mutating func registerProduce() {
        register(ProduceRequest.self) { request, context in
            let validAcks = request.acks == 0 || request.acks == 1 || request.acks == -1
            let now = currentTimeMillis()
            var responses: [ProduceResponse.TopicResponse] = []
            responses.reserveCapacity(request.topicData.count)
            for topic in request.topicData {
                var partitions: [ProduceResponse.PartitionResponse] = []
                partitions.reserveCapacity(topic.partitionData.count)
                for data in topic.partitionData {
                    guard validAcks else {
                        partitions.append(.init(index: data.index, errorCode: .invalidRequiredAcks,
                                                errorMessage: "acks must be -1 (all), 0 or 1, not \(request.acks)."))
                        continue
                    }
                    let result = context.broker.produce(TopicPartition(topic.name, data.index), records: data.records,
                                                        in: context.cluster, now: now)
                    partitions.append(.init(index: data.index, errorCode: result.error, baseOffset: result.baseOffset,
                                            logAppendTimeMs: result.logAppendTime, logStartOffset: result.logStartOffset,
                                            errorMessage: result.message))
                }
                responses.append(.init(name: topic.name, partitionResponses: partitions))
            }
            if request.acks == 0 { return .none }
            return .now(ProduceResponse(responses: responses))
        }
    }
}
