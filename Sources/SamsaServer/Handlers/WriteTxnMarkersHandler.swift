import NIOCore
import SamsaEngine
import SamsaProtocol

extension RequestDispatcher {
    /// WriteTxnMarkers: writes each COMMIT or ABORT marker to the named partitions this broker leads and
    /// answers once they are replicated. Samsa's own coordinator writes markers in process; this is what
    /// Kafka's admin `abortTransaction` sends a partition leader to end a hanging transaction.
    mutating func registerWriteTxnMarkers() {
        register(WriteTxnMarkersRequest.self) { request, context in
            let timeoutMs = context.cluster.config.settings.int64("offsets.commit.timeout.ms")
            guard context.authorizeCluster(.clusterAction) else {
                return .now(WriteTxnMarkersResponse(markers: request.markers.map { marker in
                    .init(producerId: marker.producerId, topics: Self.partitionErrors(marker.topics.flatMap(\.topicPartitions).errors(.clusterAuthorizationFailed)))
                }))
            }
            let markers = request.markers.map { marker -> EventLoopFuture<WriteTxnMarkersResponse.Marker> in
                let partitions = marker.topics.flatMap(\.topicPartitions)
                let written = partitions.map { tp -> EventLoopFuture<(TopicPartition, ErrorCode)> in
                    guard let topic = context.cluster.controller.topic(tp.topic), tp.partition >= 0,
                          Int(tp.partition) < topic.partitions.count else {
                        return context.eventLoop.makeSucceededFuture((tp, .unknownTopicOrPartition))
                    }
                    let promise = context.eventLoop.makePromise(of: (TopicPartition, ErrorCode).self)
                    context.broker.writeTransactionMarker(
                        tp, producerId: marker.producerId, producerEpoch: marker.producerEpoch,
                        coordinatorEpoch: marker.coordinatorEpoch, commit: marker.transactionResult, timeoutMs: timeoutMs
                    ) { promise.succeed((tp, $0)) }
                    return promise.futureResult
                }
                return EventLoopFuture.whenAllSucceed(written, on: context.eventLoop).map { results in
                    .init(producerId: marker.producerId,
                          topics: Self.partitionErrors(Dictionary(results, uniquingKeysWith: { a, _ in a })))
                }
            }
            return .later(EventLoopFuture.whenAllSucceed(markers, on: context.eventLoop).map { WriteTxnMarkersResponse(markers: $0) })
        }
    }
}
