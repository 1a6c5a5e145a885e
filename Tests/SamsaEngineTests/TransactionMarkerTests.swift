import Foundation
import NIOCore
import Testing
@testable import SamsaEngine
@testable import SamsaProtocol

/// Transaction markers on a partition (KIP-98): they end a producer's open transaction, move the last
/// stable offset, are fenced by older epochs, and are replicated like any batch.
@Suite struct TransactionMarkerTests {
    let tp = TopicPartition("t", 0)

    @Test func aMarkerEndsTheOpenTransactionAndReleasesTheLastStableOffset() throws {
        let h = try ReplicationHarness(brokers: 1)
        defer { h.close() }
        let (broker, partition) = try h.createLeader(tp)
        #expect(broker.produce(tp, records: producerBatch(producer: 1, sequence: 0, values: ["a", "b"]), in: h.cluster).error == .none)
        #expect(broker.produce(tp, records: producerBatch(producer: 2, sequence: 0, values: ["c"], transactional: false),
                               in: h.cluster).error == .none)
        #expect(partition.highWatermark == 3)
        #expect(partition.lastStableOffset == 0, "producer 1's open transaction holds the LSO at its first offset")
        #expect(partition.activeProducers.first { $0.producerId == 1 }?.currentTxnStartOffset == 0)

        let marker = try partition.appendTransactionMarker(producerId: 1, producerEpoch: 0, coordinatorEpoch: 5, commit: true,
                                                           now: currentTimeMillis())
        #expect(marker.firstOffset == 3 && marker.lastOffset == 3)
        #expect(replicated(partition, through: marker.lastOffset) == ErrorCode.none)
        #expect(partition.lastStableOffset == 4)
        let one = try #require(partition.activeProducers.first { $0.producerId == 1 })
        #expect(one.currentTxnStartOffset == -1 && one.coordinatorEpoch == 5 && one.lastSequence == 1)

        // The marker is a control batch with Kafka's COMMIT record.
        let read = try partition.log.read(from: 3, maxBytes: 1 << 20, maxOffset: nil)
        let header = try #require(RecordBatchHeader(buffer: read.records, at: read.records.readerIndex))
        #expect(header.isControl && header.isTransactional && header.producerId == 1 && header.baseSequence == -1)
        #expect(ControlRecord(batch: read.records) == ControlRecord(kind: .commit, coordinatorEpoch: 5))
        #expect(partition.abortedTransactions(from: 0, upTo: 4).isEmpty, "a commit is not indexed as aborted")
    }

    @Test func markersAndBatchesWithOlderEpochsAreFenced() throws {
        let h = try ReplicationHarness(brokers: 1)
        defer { h.close() }
        let (broker, partition) = try h.createLeader(tp)
        #expect(broker.produce(tp, records: producerBatch(producer: 1, epoch: 3, sequence: 0, values: ["a"]), in: h.cluster).error == .none)
        let now = currentTimeMillis()
        #expect(throws: EngineError.self) {
            try partition.appendTransactionMarker(producerId: 1, producerEpoch: 2, coordinatorEpoch: 0, commit: false, now: now)
        }
        do {
            _ = try partition.appendTransactionMarker(producerId: 1, producerEpoch: 2, coordinatorEpoch: 0, commit: false, now: now)
        } catch let error as EngineError {
            #expect(error.code == .invalidProducerEpoch)
        }
        #expect(partition.lastStableOffset == 0, "the fenced marker did not end the transaction")
        // A zombie's transactional batch with the older epoch is refused too.
        #expect(broker.produce(tp, records: producerBatch(producer: 1, epoch: 2, sequence: 1, values: ["z"]), in: h.cluster).error
                == .invalidProducerEpoch)
        // An abort from the coordinator with a bumped epoch (a timed-out transaction) is taken and fences the old epoch.
        _ = try partition.appendTransactionMarker(producerId: 1, producerEpoch: 4, coordinatorEpoch: 1, commit: false, now: now)
        #expect(partition.lastStableOffset == partition.highWatermark)
        #expect(broker.produce(tp, records: producerBatch(producer: 1, epoch: 3, sequence: 1, values: ["late"]), in: h.cluster).error
                == .invalidProducerEpoch)
        // A marker from a coordinator older than the last one is fenced.
        do {
            _ = try partition.appendTransactionMarker(producerId: 1, producerEpoch: 4, coordinatorEpoch: 0, commit: true, now: now)
            Issue.record("a marker from an older coordinator epoch was accepted")
        } catch let error as EngineError {
            #expect(error.code == .transactionCoordinatorFenced)
        }
        // A non-transactional batch while a transaction is open is refused (Kafka's INVALID_TXN_STATE).
        #expect(broker.produce(tp, records: producerBatch(producer: 1, epoch: 4, sequence: 0, values: ["t"]), in: h.cluster).error == .none)
        #expect(broker.produce(tp, records: producerBatch(producer: 1, epoch: 4, sequence: 1, values: ["n"], transactional: false),
                               in: h.cluster).error == .invalidTxnState)
    }

    @Test func whenReplicatedWaitsForTheFollowersAndAnswersWithoutAnEventLoop() throws {
        let h = try ReplicationHarness(brokers: 3, settings: ["replica.lag.time.max.ms": "600000", "broker.session.timeout.ms": "600000"])
        defer { h.close() }
        let (broker, partition) = try h.createLeader(tp, replicationFactor: 3)
        #expect(broker.produce(tp, records: producerBatch(producer: 9, sequence: 0, values: ["a"]), in: h.cluster, acks: -1).error == .none)
        let marker = try partition.appendTransactionMarker(producerId: 9, producerEpoch: 0, coordinatorEpoch: 0, commit: true,
                                                           now: currentTimeMillis())
        #expect(replicated(partition, through: marker.lastOffset) == ErrorCode.none)
        let state = try #require(h.state(of: tp))
        for id in state.replicas {
            #expect(h.cluster.broker(id)?.partition(tp)?.logEndOffset == 2, "broker \(id) holds the marker")
        }
        // A follower's replica refuses a marker, and its wait answers NOT_LEADER_OR_FOLLOWER.
        let follower = try #require(state.replicas.first { $0 != state.leader }.flatMap { h.cluster.broker($0)?.partition(tp) })
        #expect(replicated(follower, through: 0) == .notLeaderOrFollower)
        #expect(throws: EngineError.self) {
            try follower.appendTransactionMarker(producerId: 9, producerEpoch: 0, coordinatorEpoch: 0, commit: true, now: 0)
        }
        // Followers cut off (still in sync until replica.lag.time.max.ms) do not replicate: the wait times out.
        for id in state.replicas where id != state.leader { try h.cluster.isolateBroker(id) }
        #expect(broker.produce(tp, records: producerBatch(producer: 9, sequence: 1, values: ["b"]), in: h.cluster).error == .none)
        #expect(partition.inSyncReplicas.count == 3)
        #expect(replicated(partition, through: partition.logEndOffset - 1, timeoutMs: 50) == .requestTimedOut)
    }
}

extension TransactionMarkerTests {
    @Test func clientsCannotWriteControlBatches() throws {
        let h = try ReplicationHarness(brokers: 1)
        defer { h.close() }
        try h.cluster.createTopic(name: "t", partitions: 1)
        let broker = try #require(h.leader(of: tp))
        let forged = ControlRecord(kind: .commit, coordinatorEpoch: 0).batch(producerId: 1, producerEpoch: 0, timestamp: 0)
        #expect(broker.produce(tp, records: forged, in: h.cluster).error == .invalidRecord)
        #expect(broker.partition(tp)?.logEndOffset == 0)
    }
}
