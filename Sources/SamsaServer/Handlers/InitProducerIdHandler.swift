import SamsaEngine
import SamsaProtocol

extension RequestDispatcher {
    /// InitProducerId. Idempotent producers (no transactional id): a fresh id at epoch 0, or the same id at
    /// the next epoch when the producer presents its current one (KIP-360). Transactional producers: the
    /// transaction coordinator of their id (which fences older epochs); PRODUCER_FENCED is
    /// INVALID_PRODUCER_EPOCH before v4.
    mutating func registerInitProducerId() {
        register(InitProducerIdRequest.self) { request, context in
            if let transactionalId = request.transactionalId {
                let version = context.version
                guard context.authorize(.write, .transactionalId, transactionalId) else {
                    return .now(InitProducerIdResponse(errorCode: .transactionalIdAuthorizationFailed))
                }
                let answer = context.broker.transactions.initProducerId(
                    transactionalId: transactionalId, transactionTimeoutMs: request.transactionTimeoutMs,
                    producerId: request.producerId, producerEpoch: request.producerEpoch, on: context.eventLoop)
                return .later(answer.map { result in
                    InitProducerIdResponse(errorCode: Self.fenced(result.error, version: version, firstFencedVersion: 4),
                                           producerId: result.producerId, producerEpoch: result.producerEpoch)
                })
            }
            guard context.authorizeIdempotentWrite() else {
                return .now(InitProducerIdResponse(errorCode: .clusterAuthorizationFailed))
            }
            if request.producerId >= 0 && request.producerEpoch >= 0 && request.producerEpoch < Int16.max - 1 {
                return .now(InitProducerIdResponse(producerId: request.producerId, producerEpoch: request.producerEpoch + 1))
            }
            do {
                return .now(InitProducerIdResponse(producerId: try context.cluster.controller.allocateProducerId(), producerEpoch: 0))
            } catch {
                return .now(InitProducerIdResponse(errorCode: .kafkaStorageError))
            }
        }
    }

    /// Clients older than `firstFencedVersion` do not know PRODUCER_FENCED: they are told INVALID_PRODUCER_EPOCH.
    static func fenced(_ code: ErrorCode, version: Int16, firstFencedVersion: Int16) -> ErrorCode {
        code == .producerFenced && version < firstFencedVersion ? .invalidProducerEpoch : code
    }
}
