import NIOCore
import Testing
@testable import SamsaEngine
@testable import SamsaProtocol

@Suite struct TransactionCoordinatorTests {
    let p0 = TopicPartition("orders", 0)
    let p1 = TopicPartition("orders", 1)

    @Test func initProducerIdGivesAnIdAndEachInitBumpsTheEpochFencingTheOldOne() throws {
        let h = try TransactionHarness()
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 2, replicationFactor: 1)
        let first = try h.initProducer("tx")
        #expect(first.error == .none)
        #expect(first.producerId >= 0)
        #expect(first.producerEpoch == 0)
        let second = try h.initProducer("tx")
        #expect(second.producerId == first.producerId)
        #expect(second.producerEpoch == 1)
        #expect(try h.add("tx", first, [p0]) == [p0: .producerFenced], "the older epoch is fenced")
        #expect(try h.end("tx", first, commit: true) == .producerFenced)
        #expect(try h.add("tx", second, [p0]) == [p0: .none])
        #expect(try h.describe("tx").state == .ongoing)
    }

    @Test func commitWritesACommitMarkerToEveryPartitionThenCompletes() throws {
        let h = try TransactionHarness()
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 2, replicationFactor: 1)
        let producer = try h.initProducer("tx")
        #expect(try h.add("tx", producer, [p0, p1]) == [p0: .none, p1: .none])
        let open = try h.describe("tx")
        #expect(open.partitions == [p0, p1])
        #expect(open.startTimestamp > 0)
        let partition = try #require(h.cluster.brokers[0].partition(p0))
        let batch = producerBatch(producer: producer.producerId, epoch: producer.producerEpoch, sequence: 0, values: ["a", "b"])
        _ = try partition.appendAsLeader(batch, headers: try RecordBatchHeader.validateAll(batch), now: currentTimeMillis())
        #expect(partition.highWatermark == 2)
        #expect(partition.lastStableOffset == 0, "the open transaction holds the LSO back")
        #expect(try h.end("tx", producer, commit: true) == .none)
        #expect(h.waitForState("tx", .completeCommit))
        #expect(partition.lastStableOffset == partition.highWatermark, "the commit marker releases it")
        for tp in [p0, p1] {
            let markers = try h.markers(tp)
            #expect(markers.count == 1)
            #expect(markers.first?.producerId == producer.producerId)
            #expect(markers.first?.marker.kind == .commit)
        }
        #expect(try h.describe("tx").partitions.isEmpty)
        #expect(h.cluster.transactions().contains { $0.transactionalId == "tx" && $0.state == .completeCommit })
        #expect(h.cluster.snapshot().transactions.map(\.transactionalId) == ["tx"])
        #expect(eventually { h.cluster.events.since().contains { $0.kind == .transactionCommitted } })
        #expect(try h.end("tx", producer, commit: true) == .none, "a retried commit is answered NONE")
        #expect(try h.end("tx", producer, commit: false) == .invalidTxnState)
    }

    @Test func abortWritesAbortMarkers() throws {
        let h = try TransactionHarness()
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 2, replicationFactor: 1)
        let producer = try h.initProducer("tx")
        _ = try h.add("tx", producer, [p1])
        #expect(try h.end("tx", producer, commit: false) == .none)
        #expect(h.waitForState("tx", .completeAbort))
        #expect(try h.markers(p1).map(\.marker.kind) == [.abort])
        #expect(try h.markers(p0).isEmpty, "only partitions in the transaction are marked")
        // The next transaction starts afresh on the same epoch.
        #expect(try h.add("tx", producer, [p0]) == [p0: .none])
        #expect(try h.describe("tx").partitions == [p0])
    }

    @Test func requestsOutOfTurnGetKafkasErrors() throws {
        let h = try TransactionHarness(settings: ["transaction.max.timeout.ms": "100000"])
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 2, replicationFactor: 1)
        #expect(try h.initProducer("tx", timeoutMs: 100001).error == .invalidTransactionTimeout)
        #expect(try h.initProducer("tx", timeoutMs: 0).error == .invalidTransactionTimeout)
        let coordinator = try h.coordinator("tx")
        #expect(try coordinator.initProducerId(transactionalId: "", transactionTimeoutMs: 1000, on: h.loop).wait().error == .invalidRequest)
        let unknown = InitProducerIdResult(producerId: 4242, producerEpoch: 0)
        #expect(try h.add("tx", unknown, [p0]) == [p0: .invalidProducerIdMapping], "no such transactional id yet")
        let producer = try h.initProducer("tx")
        #expect(try h.end("tx", producer, commit: true) == .invalidTxnState, "nothing is open")
        let wrongId = InitProducerIdResult(producerId: producer.producerId + 1, producerEpoch: producer.producerEpoch)
        #expect(try h.add("tx", wrongId, [p0]) == [p0: .invalidProducerIdMapping])
        #expect(try h.add("tx", producer, [p0, TopicPartition("missing", 0)])
                == [p0: .operationNotAttempted, TopicPartition("missing", 0): .unknownTopicOrPartition])
        #expect(coordinator.describe(["nobody"])[0].error == .transactionalIdNotFound)
        let index = coordinator.partition(for: "tx")
        coordinator.state.withLock { _ = $0.loading.insert(index) }
        let loading = coordinator.endTransaction(transactionalId: "tx", producerId: producer.producerId,
                                                 producerEpoch: producer.producerEpoch, commit: true, on: h.loop)
        #expect(try loading.wait() == .coordinatorLoadInProgress, "while its partition is replayed")
        coordinator.state.withLock { _ = $0.loading.remove(index) }
    }

    @Test func concurrentTransactionsWhileTheLastOneCompletes() throws {
        let h = try TransactionHarness()
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 1)
        let producer = try h.initProducer("tx")
        _ = try h.add("tx", producer, [p0])
        let coordinator = try h.coordinator("tx")
        // A coordinator between PrepareCommit and its markers.
        var prepared = try #require(try h.metadata("tx")).preparing(commit: true, now: currentTimeMillis())
        try h.writeOnly(coordinator, prepared)
        #expect(try h.add("tx", producer, [p0]) == [p0: .concurrentTransactions])
        #expect(try h.end("tx", producer, commit: true) == .concurrentTransactions)
        #expect(try h.end("tx", producer, commit: false) == .invalidTxnState)
        #expect(try h.initProducer("tx").error == .concurrentTransactions)
        prepared = try #require(try h.metadata("tx"))
        coordinator.writeMarkers(prepared)
        #expect(h.waitForState("tx", .completeCommit))
        #expect(try h.initProducer("tx").producerEpoch == 1)
    }

    @Test func aSecondProducerFencesTheFirstAndAbortsItsOpenTransaction() throws {
        let h = try TransactionHarness()
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 1)
        let zombie = try h.initProducer("tx")
        _ = try h.add("tx", zombie, [p0])
        #expect(try h.initProducer("tx").error == .concurrentTransactions, "the open transaction is aborted first")
        #expect(h.waitForState("tx", .completeAbort))
        let aborted = try h.markers(p0)
        #expect(aborted.map(\.marker.kind) == [.abort])
        #expect(aborted.first?.epoch == zombie.producerEpoch + 1, "the abort marker carries the bumped epoch")
        let successor = try h.initProducer("tx")
        #expect(successor.producerId == zombie.producerId)
        #expect(successor.producerEpoch == zombie.producerEpoch + 2)
        #expect(try h.end("tx", zombie, commit: true) == .producerFenced)
        #expect(try h.add("tx", zombie, [p0]) == [p0: .producerFenced])
        #expect(eventually { h.cluster.events.since().contains { $0.kind == .producerFenced } })
    }

    @Test func aTransactionOpenPastItsTimeoutIsAbortedAndItsProducerFenced() throws {
        let h = try TransactionHarness()
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 1)
        let producer = try h.initProducer("tx", timeoutMs: 1000)
        _ = try h.add("tx", producer, [p0])
        let coordinator = try h.coordinator("tx")
        coordinator.abortTimedOutTransactions(now: currentTimeMillis() + 500)
        #expect(try h.describe("tx").state == .ongoing, "not yet expired")
        coordinator.abortTimedOutTransactions(now: currentTimeMillis() + 5000)
        #expect(h.waitForState("tx", .completeAbort))
        #expect(try h.describe("tx").producerEpoch == producer.producerEpoch + 1)
        #expect(try h.markers(p0).map(\.marker.kind) == [.abort])
        #expect(try h.end("tx", producer, commit: true) == .producerFenced)
    }

    @Test func aRecoveringProducerKeepsItsIdAndARetriedInitIsAnsweredTheSame() throws {
        let h = try TransactionHarness()
        defer { h.close() }
        let first = try h.initProducer("tx")
        let bumped = try h.initProducer("tx", producerId: first.producerId, epoch: first.producerEpoch)
        #expect(bumped.producerId == first.producerId)
        #expect(bumped.producerEpoch == first.producerEpoch + 1)
        let retried = try h.initProducer("tx", producerId: first.producerId, epoch: first.producerEpoch)
        #expect(retried == bumped, "the previous epoch is a retry of a bump that succeeded")
        #expect(try h.initProducer("tx", producerId: first.producerId, epoch: 7).error == .producerFenced)
        #expect(try h.initProducer("tx", producerId: first.producerId + 100, epoch: 0).error == .producerFenced)
    }

    @Test func anExhaustedEpochMovesToANewProducerId() throws {
        let h = try TransactionHarness()
        defer { h.close() }
        let first = try h.initProducer("tx")
        let coordinator = try h.coordinator("tx")
        var exhausted = try #require(try h.metadata("tx"))
        exhausted.producerEpoch = Int16.max - 1
        try h.writeOnly(coordinator, exhausted)
        let next = try h.initProducer("tx")
        #expect(next.producerId != first.producerId)
        #expect(next.producerEpoch == 0)
        // A fence can leave the epoch at Int16.max; a stale producer presenting another epoch is fenced, not a crash.
        var fencedToMax = try #require(try h.metadata("tx"))
        fencedToMax.producerEpoch = .max
        fencedToMax.state = .completeAbort
        try h.writeOnly(coordinator, fencedToMax)
        #expect(try h.initProducer("tx", producerId: next.producerId, epoch: 3).error == .producerFenced)
        #expect(try h.initProducer("tx").producerEpoch == 0, "and a new producer id again")
    }

    @Test func expiredTransactionalIdsAreRemoved() throws {
        let h = try TransactionHarness(settings: ["transactional.id.expiration.ms": "1000"])
        defer { h.close() }
        _ = try h.initProducer("tx")
        let coordinator = try h.coordinator("tx")
        coordinator.removeExpiredTransactionalIds(now: currentTimeMillis())
        #expect(try h.describe("tx").error == .none)
        coordinator.removeExpiredTransactionalIds(now: currentTimeMillis() + 5000)
        #expect(eventually { (try? h.describe("tx"))?.error == .transactionalIdNotFound })
        try h.restart()
        #expect(try h.describe("tx").error == .transactionalIdNotFound, "the tombstone is replayed")
    }

    @Test func listFiltersByStateAndProducer() throws {
        let h = try TransactionHarness()
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 1)
        let a = try h.initProducer("a")
        _ = try h.initProducer("b")
        _ = try h.add("a", a, [p0])
        let all = h.cluster.brokers.flatMap { $0.transactions.list() }.map(\.transactionalId).sorted()
        #expect(all == ["a", "b"])
        let ongoing = h.cluster.brokers.flatMap { $0.transactions.list(states: [.ongoing]) }.map(\.transactionalId)
        #expect(ongoing == ["a"])
        let byProducer = h.cluster.brokers.flatMap { $0.transactions.list(producerIds: [a.producerId]) }.map(\.transactionalId)
        #expect(byProducer == ["a"])
        let coordinator = try h.coordinator("a")
        #expect(coordinator.list(states: [.ongoing], minDurationMs: 60_000).isEmpty, "open for less than a minute")
        #expect(coordinator.list(states: [.ongoing], minDurationMs: 60_000, now: currentTimeMillis() + 120_000)
                .map(\.transactionalId) == ["a"])
    }
}
