import SamsaEngine
import SamsaProtocol

extension RequestDispatcher {
    /// InitProducerId for idempotent producers: a fresh id at epoch 0, or the same id at the next epoch
    /// when the producer presents its current one (KIP-360). Transactions are not supported.
    mutating func registerInitProducerId() {
        register(InitProducerIdRequest.self) { request, context in
            if request.transactionalId != nil {
                return .now(InitProducerIdResponse(errorCode: .transactionalIdAuthorizationFailed))
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
}
