import SamsaProtocol
import Testing
@testable import SamsaClient

@Suite struct TransactionManagerTests {
    func manager() -> TransactionManager { TransactionManager(transactionalId: "tx", timeoutMs: 60000) }

    /// A manager initialised as producer 1, epoch 0, with a transaction begun.
    func inTransaction() throws -> TransactionManager {
        let txn = manager()
        try txn.transition(to: .initializing, "init")
        txn.initialised(producerId: 1, epoch: 0)
        try txn.transition(to: .ready, "init")
        try txn.transition(to: .inTransaction, "begin")
        return txn
    }

    @Test func kafkasTransitionTable() {
        let allowed: [(ProducerTransactionState, ProducerTransactionState)] = [
            (.uninitialized, .initializing), (.initializing, .ready), (.ready, .inTransaction),
            (.inTransaction, .committingTransaction), (.committingTransaction, .ready), (.inTransaction, .abortingTransaction),
            (.abortingTransaction, .ready), (.abortableError, .abortingTransaction), (.abortingTransaction, .initializing),
            (.committingTransaction, .abortableError), (.initializing, .abortableError), (.ready, .fatalError),
        ]
        for (from, to) in allowed { #expect(from.canMove(to: to), "\(from) → \(to)") }
        let refused: [(ProducerTransactionState, ProducerTransactionState)] = [
            (.uninitialized, .inTransaction), (.ready, .committingTransaction), (.ready, .abortingTransaction),
            (.inTransaction, .inTransaction), (.abortableError, .committingTransaction), (.fatalError, .ready),
            (.abortableError, .ready), (.committingTransaction, .abortingTransaction),
        ]
        for (from, to) in refused { #expect(!from.canMove(to: to), "\(from) → \(to)") }
    }

    @Test func aLifecycleWithCommitAndAbort() throws {
        let txn = manager()
        #expect(throws: ClientError.self) { try txn.transition(to: .inTransaction, "beginTransaction") }
        try txn.transition(to: .initializing, "initTransactions")
        txn.initialised(producerId: 5, epoch: 2)
        try txn.transition(to: .ready, "initTransactions")
        #expect(throws: ClientError.self) { try txn.checkCanSend() }
        try txn.transition(to: .inTransaction, "beginTransaction")
        try txn.checkCanSend()
        #expect(!txn.isStarted)
        txn.added([TopicPartition("t", 0)])
        #expect(txn.isStarted)
        #expect(txn.notYetAdded([TopicPartition("t", 0), TopicPartition("t", 1)]) == [TopicPartition("t", 1)])
        try txn.transition(to: .committingTransaction, "commitTransaction")
        txn.completed()
        #expect(txn.phase == .ready && !txn.isStarted)
        #expect(txn.notYetAdded([TopicPartition("t", 0)]) == [TopicPartition("t", 0)], "a new transaction adds its partitions again")
    }

    @Test func anAbortableErrorAllowsOnlyAbort() throws {
        let txn = try inTransaction()
        txn.fail(.broker(.topicAuthorizationFailed, "no"), handling: .of(.topicAuthorizationFailed))
        #expect(txn.phase == .abortableError)
        #expect(throws: ClientError.broker(.topicAuthorizationFailed, "no")) { try txn.checkCanSend() }
        #expect(throws: ClientError.self) { try txn.transition(to: .committingTransaction, "commitTransaction") }
        #expect(!txn.needsEpochBump)
        try txn.transition(to: .abortingTransaction, "abortTransaction")
        txn.completed()
        #expect(txn.phase == .ready && txn.lastError == nil)
    }

    @Test func aFencedProducerCanOnlyBeClosed() throws {
        let txn = try inTransaction()
        txn.fail(.broker(.producerFenced, "fenced"), handling: .of(.producerFenced))
        #expect(txn.phase == .fatalError)
        for target in [ProducerTransactionState.abortingTransaction, .ready, .inTransaction, .initializing] {
            #expect(throws: ClientError.broker(.producerFenced, "fenced")) { try txn.transition(to: target, "anything") }
        }
        txn.fail(.broker(.topicAuthorizationFailed, "later"), handling: .abortable(bumpEpoch: false))
        #expect(txn.phase == .fatalError && txn.lastError == .broker(.producerFenced, "fenced"))
    }

    @Test func unknownSequencesNeedAnEpochBump() throws {
        let txn = try inTransaction()
        txn.fail(.broker(.outOfOrderSequenceNumber, ""), handling: .of(.outOfOrderSequenceNumber))
        #expect(txn.needsEpochBump)
        try txn.transition(to: .abortingTransaction, "abort")
        try txn.transition(to: .initializing, "abort")
        txn.initialised(producerId: 1, epoch: 1)
        #expect(!txn.needsEpochBump)
        #expect(txn.takeSequence(TopicPartition("t", 0), count: 3).sequence == 0, "a new epoch numbers from zero")
    }

    @Test func sequencesCountRecordsPerPartitionAndWrap() {
        let txn = manager()
        txn.initialised(producerId: 9, epoch: 4)
        let a = TopicPartition("t", 0), b = TopicPartition("t", 1)
        #expect(txn.takeSequence(a, count: 3).sequence == 0)
        #expect(txn.takeSequence(a, count: 2).sequence == 3)
        #expect(txn.takeSequence(b, count: 1).sequence == 0)
        let (identity, next) = txn.takeSequence(a, count: 1)
        #expect(next == 5 && identity == .init(producerId: 9, epoch: 4))
        txn.state.withLock { $0.nextSequence[a] = Int32.max - 1 }
        #expect(txn.takeSequence(a, count: 3).sequence == Int32.max - 1)
        #expect(txn.takeSequence(a, count: 1).sequence == 1, "Int32.max-1, Int32.max, 0 were taken")
    }

    @Test func errorClassificationFollowsKafka() {
        for code in [ErrorCode.coordinatorNotAvailable, .notCoordinator] { #expect(TransactionErrorHandling.of(code) == .findCoordinator) }
        for code in [ErrorCode.coordinatorLoadInProgress, .concurrentTransactions, .unknownTopicOrPartition, .requestTimedOut] {
            #expect(TransactionErrorHandling.of(code) == .retry, "\(code)")
        }
        for code in [ErrorCode.producerFenced, .invalidProducerEpoch, .transactionalIdAuthorizationFailed, .invalidTxnState] {
            #expect(TransactionErrorHandling.of(code) == .fatal, "\(code)")
        }
        for code in [ErrorCode.unknownProducerId, .invalidProducerIdMapping, .outOfOrderSequenceNumber] {
            #expect(TransactionErrorHandling.of(code) == .abortable(bumpEpoch: true), "\(code)")
        }
        for code in [ErrorCode.topicAuthorizationFailed, .groupAuthorizationFailed, .unknownMemberId, .illegalGeneration,
                     .fencedInstanceId, .transactionAbortable, .operationNotAttempted] {
            #expect(TransactionErrorHandling.of(code) == .abortable(bumpEpoch: false), "\(code)")
        }
    }

    @Test func theWorstPartitionErrorIsReported() {
        #expect(Producer.firstError([.none, .operationNotAttempted, .topicAuthorizationFailed]) == .topicAuthorizationFailed)
        #expect(Producer.firstError([.operationNotAttempted]) == .operationNotAttempted)
        #expect(Producer.firstError([.none, .none]) == .none)
        #expect(Producer.firstError([]) == .none)
    }

    @Test func producerPropertiesForTransactions() throws {
        var config = ProducerConfig()
        #expect(try config.apply(["transactional.id": "app-1", "transaction.timeout.ms": "15000", "enable.idempotence": "true"]).isEmpty)
        #expect(config.transactionalId == "app-1" && config.transactionTimeoutMs == 15000)
        var acksOne = ProducerConfig()
        #expect(throws: ClientError.self) { try acksOne.apply(["transactional.id": "a", "acks": "1"]) }
        var notIdempotent = ProducerConfig()
        #expect(throws: ClientError.self) { try notIdempotent.apply(["transactional.id": "a", "enable.idempotence": "false"]) }
        var idempotentAlone = ProducerConfig()
        #expect(throws: ClientError.self) { try idempotentAlone.apply(["enable.idempotence": "true"]) }
    }

    @Test func consoleProducerTransactionRule() {
        var one = TransactionBatching(size: 1)
        #expect(!one.hasOpenRecords)
        let full = one.recordSent()
        #expect(full)
        one.ended()
        #expect(!one.hasOpenRecords)
        var three = TransactionBatching(size: 3)
        let first = three.recordSent(), second = three.recordSent()
        #expect(!first && !second)
        #expect(three.hasOpenRecords, "two lines wait for the third or for the end of input")
        let third = three.recordSent()
        #expect(third)
    }
}
