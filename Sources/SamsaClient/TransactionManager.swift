import SamsaProtocol
import Synchronization

/// Where a transactional producer is in its life, as Kafka's `TransactionManager.State`.
public enum ProducerTransactionState: String, Sendable, Equatable {
    case uninitialized, initializing, ready, inTransaction, committingTransaction, abortingTransaction, abortableError, fatalError

    /// Kafka's transition table: a call that would break it is a programming error, not a broker error.
    func canMove(to target: ProducerTransactionState) -> Bool {
        switch target {
        case .uninitialized: return self == .ready || self == .abortableError
        case .initializing: return self == .uninitialized || self == .abortingTransaction
        case .ready: return self == .initializing || self == .committingTransaction || self == .abortingTransaction
        case .inTransaction: return self == .ready
        case .committingTransaction: return self == .inTransaction
        case .abortingTransaction: return self == .inTransaction || self == .abortableError
        case .abortableError: return [.inTransaction, .committingTransaction, .abortableError, .initializing].contains(self)
        case .fatalError: return true
        }
    }
}

/// What a transactional producer does with an error code from the coordinator or a partition leader.
enum TransactionErrorHandling: Equatable {
    /// Look the coordinator up again, then retry.
    case findCoordinator
    /// Retry the same request after the backoff.
    case retry
    /// The transaction can only be aborted; with `bumpEpoch` the producer then bumps its epoch (KIP-360),
    /// because its sequence numbers are no longer trusted.
    case abortable(bumpEpoch: Bool)
    /// The producer can only be closed (another producer with the same id took over, or it is not allowed).
    case fatal

    /// The classification of Kafka's TransactionManager handlers (InitProducerId, AddPartitionsToTxn,
    /// AddOffsetsToTxn, EndTxn, TxnOffsetCommit) and of produce errors inside a transaction.
    static func of(_ code: ErrorCode) -> TransactionErrorHandling {
        switch code {
        case .coordinatorNotAvailable, .notCoordinator, .transactionCoordinatorFenced: return .findCoordinator
        case .coordinatorLoadInProgress, .concurrentTransactions, .unknownTopicOrPartition, .requestTimedOut,
             .unstableOffsetCommit, .networkException, .notLeaderOrFollower, .leaderNotAvailable,
             .notEnoughReplicas, .notEnoughReplicasAfterAppend:
            return .retry
        case .producerFenced, .invalidProducerEpoch, .transactionalIdAuthorizationFailed, .clusterAuthorizationFailed,
             .invalidTxnState, .unsupportedVersion, .unsupportedForMessageFormat, .invalidTransactionTimeout:
            return .fatal
        case .unknownProducerId, .invalidProducerIdMapping, .outOfOrderSequenceNumber:
            return .abortable(bumpEpoch: true)
        default:
            return .abortable(bumpEpoch: false)
        }
    }
}

/// A transactional producer's state: its producer id and epoch, the sequence number of each partition,
/// the partitions and groups the open transaction has told the coordinator about, and the first error
/// that made the transaction abortable or the producer unusable. The network work lives in
/// `Producer+Transactions`; this type only keeps the books, so its rules are testable without a broker.
///
/// Thread-safety: one mutex guards everything; no method blocks or calls out while holding it.
final class TransactionManager: Sendable {
    struct Identity: Sendable, Equatable {
        var producerId: Int64 = -1
        var epoch: Int16 = -1
        var isKnown: Bool { producerId >= 0 }
    }

    struct State {
        var phase: ProducerTransactionState = .uninitialized
        var identity = Identity()
        var nextSequence: [TopicPartition: Int32] = [:]
        /// Partitions the coordinator has added to the open transaction.
        var added: Set<TopicPartition> = []
        /// Whether the coordinator knows of this transaction (a partition or a group was added): only then is EndTxn needed.
        var started = false
        var lastError: ClientError?
        var bumpEpoch = false
    }

    let transactionalId: String
    let timeoutMs: Int32
    let state = Mutex(State())

    init(transactionalId: String, timeoutMs: Int32) {
        self.transactionalId = transactionalId
        self.timeoutMs = timeoutMs
    }

    var phase: ProducerTransactionState { state.withLock { $0.phase } }
    var identity: Identity { state.withLock { $0.identity } }
    var lastError: ClientError? { state.withLock { $0.lastError } }

    /// Moves to `target`, or throws the sentence Kafka's IllegalStateException would carry.
    func transition(to target: ProducerTransactionState, _ call: String) throws {
        try state.withLock { s in
            if s.phase == .fatalError {
                throw s.lastError ?? ClientError.invalidArgument("The transactional producer has failed and can only be closed.")
            }
            guard s.phase.canMove(to: target) else {
                if s.phase == .abortableError, let error = s.lastError {
                    throw ClientError.invalidArgument("Cannot \(call): the transaction must be aborted first (\(error)).")
                }
                throw ClientError.invalidArgument("Cannot \(call) while the transactional producer is \(s.phase.rawValue).")
            }
            s.phase = target
        }
    }

    /// Records an error under Kafka's rules: fatal ones end the producer, the rest make the open transaction
    /// abortable (an error while initialising is abortable too, so initTransactions may be called again).
    func fail(_ error: ClientError, handling: TransactionErrorHandling) {
        state.withLock { s in
            if case .fatal = handling {
                s.phase = .fatalError
                s.lastError = error
                return
            }
            guard s.phase != .fatalError else { return }
            if case .abortable(let bump) = handling, bump { s.bumpEpoch = true }
            if s.phase.canMove(to: .abortableError) {
                s.phase = .abortableError
                if s.lastError == nil { s.lastError = error }
            }
        }
    }

    /// Fails the producer for good, as when the producer is fenced.
    func failFatally(_ error: ClientError) { fail(error, handling: .fatal) }

    /// Send is allowed only inside a transaction that has not failed.
    func checkCanSend() throws {
        try state.withLock { s in
            switch s.phase {
            case .inTransaction: return
            case .abortableError, .fatalError:
                throw s.lastError ?? ClientError.invalidArgument("The transaction has failed; abort it.")
            default:
                throw ClientError.invalidArgument("Cannot send while the transactional producer is \(s.phase.rawValue); call beginTransaction() first.")
            }
        }
    }

    /// A new producer id or epoch: sequence numbers start again at zero.
    func initialised(producerId: Int64, epoch: Int16) {
        state.withLock { s in
            s.identity = Identity(producerId: producerId, epoch: epoch)
            s.nextSequence = [:]
            s.bumpEpoch = false
            s.lastError = nil
        }
    }

    /// Whether the epoch must be bumped before the next transaction (KIP-360), and with which id/epoch.
    var needsEpochBump: Bool { state.withLock { $0.bumpEpoch } }

    /// The sequence number of the next batch to `tp`, reserving `count` records.
    func takeSequence(_ tp: TopicPartition, count: Int32) -> (identity: Identity, sequence: Int32) {
        state.withLock { s in
            let sequence = s.nextSequence[tp] ?? 0
            // Sequences wrap at Int32.max, as in Kafka's DefaultRecordBatch.incrementSequence.
            s.nextSequence[tp] = sequence > Int32.max - count ? count - (Int32.max - sequence) - 1 : sequence + count
            return (s.identity, sequence)
        }
    }

    /// The partitions among `partitions` the coordinator has not yet added to the open transaction.
    func notYetAdded(_ partitions: Set<TopicPartition>) -> Set<TopicPartition> {
        state.withLock { s in partitions.subtracting(s.added) }
    }

    func added(_ partitions: Set<TopicPartition>) {
        state.withLock { s in
            s.added.formUnion(partitions)
            if !partitions.isEmpty { s.started = true }
        }
    }

    /// A group's offsets joined the transaction (AddOffsetsToTxn succeeded).
    func addedOffsets() { state.withLock { $0.started = true } }

    var isStarted: Bool { state.withLock { $0.started } }

    /// The transaction ended (committed or aborted): a new one starts empty.
    func completed() {
        state.withLock { s in
            s.added = []
            s.started = false
            s.lastError = nil
            s.phase = .ready
        }
    }
}
