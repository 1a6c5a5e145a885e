import NIOCore
import SamsaProtocol

/// What InitProducerId answers: a producer id and epoch, or an error (with -1s).
public struct InitProducerIdResult: Sendable, Equatable {
    public var error: ErrorCode
    public var producerId: Int64
    public var producerEpoch: Int16

    public init(error: ErrorCode = .none, producerId: Int64 = -1, producerEpoch: Int16 = -1) {
        self.error = error
        self.producerId = producerId
        self.producerEpoch = producerEpoch
    }
}

extension TransactionCoordinator {
    /// InitProducerId with a transactional id: a new id gets a fresh producer id at epoch 0; a known one
    /// gets its epoch bumped, which fences the producer holding the old epoch. An open transaction is first
    /// aborted under a bumped epoch while the caller is told CONCURRENT_TRANSACTIONS (it retries). With
    /// `producerId`/`producerEpoch` given (KIP-360), a producer recovering from an error keeps its id; an
    /// exhausted epoch moves to a new producer id. Answers PRODUCER_FENCED (the handler maps it per version).
    public func initProducerId(transactionalId: String, transactionTimeoutMs: Int32, producerId: Int64 = -1,
                               producerEpoch: Int16 = -1, on eventLoop: EventLoop) -> EventLoopFuture<InitProducerIdResult> {
        let promise = eventLoop.makePromise(of: InitProducerIdResult.self)
        let fail: @Sendable (ErrorCode) -> Void = { code in promise.succeed(InitProducerIdResult(error: code)) }
        if transactionalId.isEmpty {
            fail(.invalidRequest)
            return promise.futureResult
        }
        if transactionTimeoutMs <= 0 || Int64(transactionTimeoutMs) > config.maxTimeoutMs {
            fail(.invalidTransactionTimeout)
            return promise.futureResult
        }
        let expected: (id: Int64, epoch: Int16)? = producerId >= 0 && producerEpoch >= 0 ? (producerId, producerEpoch) : nil
        let now = currentTimeMillis()
        mutate { state, effects in
            if let error = coordinatorError(state, transactionalId) { return effects.append { fail(error) } }
            if state.transactions[transactionalId] == nil {
                do {
                    state.transactions[transactionalId] = TransactionMetadata(
                        transactionalId: transactionalId, producerId: try controller.allocateProducerId(),
                        producerEpoch: TransactionMetadata.noProducerEpoch, timeoutMs: transactionTimeoutMs, state: .empty, now: now)
                } catch {
                    return effects.append { fail(.coordinatorNotAvailable) }
                }
            }
            guard let current = state.transactions[transactionalId] else { return }
            let next: TransactionMetadata
            switch initTransition(current, timeoutMs: transactionTimeoutMs, expected: expected, now: now) {
            case .failure(let error): return effects.append { fail(error.code) }
            case .success(let transition): next = transition
            }
            if next.state == .prepareAbort {
                // Fencing an open transaction: abort it first; the producer retries once it is complete.
                write(&state, &effects, next, now: now) { [weak self] error in
                    fail(error == .none ? .concurrentTransactions : error)
                    if error == .none { self?.writeMarkers(next) }
                }
                return
            }
            write(&state, &effects, next, now: now) { error in
                promise.succeed(error == .none ? InitProducerIdResult(producerId: next.producerId, producerEpoch: next.producerEpoch)
                                : InitProducerIdResult(error: error))
            }
        }
        return promise.futureResult
    }

    /// Kafka's prepareInitProducerIdTransit: the metadata InitProducerId writes, or why it cannot.
    private func initTransition(_ current: TransactionMetadata, timeoutMs: Int32, expected: (id: Int64, epoch: Int16)?,
                                now: Int64) -> Result<TransactionMetadata, EngineError> {
        if current.pending != nil {
            return .failure(EngineError(.concurrentTransactions, "A change of \(current.transactionalId) is being written."))
        }
        if let expected {
            let valid = current.producerEpoch == TransactionMetadata.noProducerEpoch || expected.id == current.producerId
                || (expected.id == current.previousProducerId && TransactionMetadata.isEpochExhausted(expected.epoch))
            if !valid {
                return .failure(EngineError(.producerFenced, "Producer \(expected.id) no longer owns \(current.transactionalId)."))
            }
        }
        switch current.state {
        case .prepareCommit, .prepareAbort, .prepareEpochFence, .dead:
            return .failure(EngineError(.concurrentTransactions, "The last transaction of \(current.transactionalId) is completing."))
        case .ongoing:
            return .success(current.fencingAndAborting(now: now))
        case .empty, .completeCommit, .completeAbort:
            if current.isEpochExhausted && (expected == nil || expected?.epoch == current.producerEpoch) {
                do {
                    return .success(current.rotatingProducerId(to: try controller.allocateProducerId(), timeoutMs: timeoutMs,
                                                               recordLastEpoch: expected != nil, now: now))
                } catch {
                    return .failure(EngineError(.coordinatorNotAvailable, "No producer id could be allocated: \(error)"))
                }
            }
            return current.incrementingEpoch(timeoutMs: timeoutMs, expectedEpoch: expected?.epoch, now: now)
        }
    }
}
