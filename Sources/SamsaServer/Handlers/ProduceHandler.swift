import NIOCore
import SamsaEngine
import SamsaProtocol

extension RequestDispatcher {
    /// Produce: validates and appends each partition's batches on this broker. acks=0 gets no response;
    /// acks=1 is answered once the leader has the data; acks=-1 (all) once every in-sync replica has it
    /// (or the request's timeout passes). acks must be -1, 0 or 1.
    mutating func registerProduce() {
        register(ProduceRequest.self) { request, context in
            let validAcks = request.acks == 0 || request.acks == 1 || request.acks == -1
            let mayWriteTransactionally = request.transactionalId.map { context.authorize(.write, .transactionalId, $0) } ?? false
            if !mayWriteTransactionally && request.hasTransactionalRecords {
                // Kafka authorizes transactional writes by transactional id (WRITE); without one every partition is refused.
                if request.acks == 0 { return .none }
                return .now(ProduceResponse(responses: request.topicData.map { topic in
                    .init(name: topic.name, partitionResponses: topic.partitionData.map {
                        .init(index: $0.index, errorCode: .transactionalIdAuthorizationFailed,
                              errorMessage: request.transactionalId == nil ? "Transactional records need the producer's transactional id." : nil)
                    })
                }))
            }
            let now = currentTimeMillis()
            let forbidden = context.deniedTopics(.write, request.topicData.lazy.map(\.name))
            var responses: [ProduceResponse.TopicResponse] = []
            var replications: [(topic: Int, partition: Int, done: EventLoopFuture<ErrorCode>)] = []
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
                    guard forbidden.isEmpty || !forbidden.contains(topic.name) else {
                        partitions.append(.init(index: data.index, errorCode: .topicAuthorizationFailed))
                        continue
                    }
                    let tp = TopicPartition(topic.name, data.index)
                    let result = context.broker.produce(tp, records: data.records, in: context.cluster, acks: request.acks, now: now)
                    if request.acks == -1, result.error == .none, let partition = context.broker.partition(tp) {
                        let done = partition.waitForReplication(through: result.lastOffset, timeoutMs: Int64(request.timeoutMs),
                                                                on: context.eventLoop)
                        replications.append((responses.count, partitions.count, done))
                    }
                    partitions.append(.init(index: data.index, errorCode: result.error, baseOffset: result.baseOffset,
                                            logAppendTimeMs: result.logAppendTime, logStartOffset: result.logStartOffset,
                                            errorMessage: result.message))
                }
                responses.append(.init(name: topic.name, partitionResponses: partitions))
            }
            if request.acks == 0 { return .none }
            if replications.isEmpty { return .now(ProduceResponse(responses: responses)) }
            let waits = replications
            let answered = responses
            return .later(EventLoopFuture.whenAllSucceed(waits.map(\.done), on: context.eventLoop).map { errors in
                var responses = answered
                for (wait, error) in zip(waits, errors) where error != .none {
                    responses[wait.topic].partitionResponses[wait.partition].errorCode = error
                    responses[wait.topic].partitionResponses[wait.partition].errorMessage =
                        error == .requestTimedOut ? "The in-sync replicas did not all confirm the write in time." : nil
                }
                return ProduceResponse(responses: responses)
            })
        }
    }
}

extension ProduceRequest {
    /// Whether any partition's first batch is transactional (Kafka's RequestUtils.hasTransactionalRecords).
    var hasTransactionalRecords: Bool {
        topicData.contains { topic in
            topic.partitionData.contains { data in
                data.records.flatMap { RecordBatchHeader(buffer: $0, at: $0.readerIndex) }?.isTransactional ?? false
            }
        }
    }
}
