import Foundation
import NIOCore
import Testing
@testable import SamsaEngine
@testable import SamsaProtocol
@testable import SamsaStorage

/// Recovery rebuilds producers' state and open transactions from the log, and the aborted-transaction
/// index from its markers, whether the broker stopped cleanly or was killed.
@Suite struct TransactionRecoveryTests {
    let tp = TopicPartition("t", 0)

    @Test(arguments: [false, true])
    func aRestartKeepsAnOpenTransactionOpenAndACommittedOneVisible(killed: Bool) throws {
        // Producers expire after 1 ms: only an open transaction keeps its producer through the restart.
        let h = try ReplicationHarness(brokers: 1, settings: ["producer.id.expiration.ms": "1"])
        defer { h.close() }
        var (broker, partition) = try h.createLeader(tp, configs: ["segment.bytes": "100"])
        let now = currentTimeMillis()
        #expect(broker.produce(tp, records: producerBatch(producer: 1, sequence: 0, values: ["committed"]), in: h.cluster).error == .none)
        _ = try partition.appendTransactionMarker(producerId: 1, producerEpoch: 0, coordinatorEpoch: 2, commit: true, now: now)
        #expect(broker.produce(tp, records: producerBatch(producer: 2, sequence: 0, values: ["aborted"]), in: h.cluster).error == .none)
        _ = try partition.appendTransactionMarker(producerId: 2, producerEpoch: 0, coordinatorEpoch: 2, commit: false, now: now)
        #expect(broker.produce(tp, records: producerBatch(producer: 3, sequence: 0, values: ["open"]), in: h.cluster).error == .none)
        #expect(broker.produce(tp, records: producerBatch(producer: 4, sequence: 0, values: ["plain"], transactional: false),
                               in: h.cluster).error == .none)
        #expect(partition.lastStableOffset == 4 && partition.highWatermark == 6)
        let aborted = [AbortedTransaction(producerId: 2, firstOffset: 2, lastOffset: 3, lastStableOffset: 4)]
        #expect(partition.abortedTransactions(from: 0, upTo: .max) == aborted)
        let directory = broker.directory(for: tp)

        if killed { try h.cluster.killBroker(0) } else { try h.cluster.stopBroker(0) }
        #expect(eventually { h.cluster.broker(0)?.status == .crashed || h.cluster.broker(0)?.status == .stopped })
        // Lose the index file holding the abort: the markers in the log rebuild it.
        let indexFiles = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".txnindex") }
        #expect(indexFiles == ["00000000000000000003.txnindex"], "only the segment with the abort's marker has one")
        for name in indexFiles { try FileManager.default.removeItem(atPath: directory + "/" + name) }
        try h.cluster.startBroker(0)

        broker = try #require(h.leader(of: tp))
        partition = try #require(broker.partition(tp))
        #expect(eventually { partition.highWatermark == 6 })
        #expect(partition.lastStableOffset == 4, "producer 3's transaction is still open")
        #expect(partition.activeProducers.map(\.producerId) == [3], "the others expired; the open one never does")
        #expect(partition.abortedTransactions(from: 0, upTo: .max) == aborted)
        #expect(try partition.readCommitted(from: 0, maxBytes: 1 << 20).aborted == [])
        #expect(try dataValues(partition) == ["committed", "aborted", "open", "plain"])
        // The open transaction can still be ended after the restart.
        _ = try partition.appendTransactionMarker(producerId: 3, producerEpoch: 0, coordinatorEpoch: 2, commit: false,
                                                  now: currentTimeMillis())
        #expect(partition.lastStableOffset == 7)
        #expect(partition.abortedTransactions(from: 0, upTo: .max)
                == aborted + [AbortedTransaction(producerId: 3, firstOffset: 4, lastOffset: 6, lastStableOffset: 7)])
    }

    @Test func aFollowerCuttingItsTailReopensTheTransactionsItCut() throws {
        let h = try ReplicationHarness(brokers: 1)
        defer { h.close() }
        let (broker, partition) = try h.createLeader(tp)
        #expect(broker.produce(tp, records: producerBatch(producer: 1, sequence: 0, values: ["a"]), in: h.cluster).error == .none)
        _ = try partition.appendTransactionMarker(producerId: 1, producerEpoch: 0, coordinatorEpoch: 0, commit: false,
                                                  now: currentTimeMillis())
        #expect(partition.abortedTransactions(from: 0, upTo: .max).count == 1)
        let state = try #require(h.state(of: tp))
        partition.becomeFollower(PartitionState(replicas: state.replicas, leader: 99, leaderEpoch: state.leaderEpoch + 1,
                                                isr: state.isr))
        #expect(try partition.truncate(to: 1) == 1)
        #expect(partition.abortedTransactions(from: 0, upTo: .max).isEmpty, "the marker went, so did its index entry")
        #expect(partition.activeProducers.first?.currentTxnStartOffset == 0, "the transaction is open again")
    }
}

extension TransactionRecoveryTests {
    @Test func anOpenTransactionWhoseStartWasDeletedHoldsTheLastStableOffsetAtTheLogStart() throws {
        let h = try ReplicationHarness(brokers: 1)
        defer { h.close() }
        let (broker, partition) = try h.createLeader(tp, configs: ["segment.bytes": "100"])
        #expect(broker.produce(tp, records: producerBatch(producer: 1, sequence: 0, values: ["open"]), in: h.cluster).error == .none)
        for i in 0..<3 {
            #expect(broker.produce(tp, records: producerBatch(producer: 2, sequence: Int32(i), values: ["p\(i)"], transactional: false),
                                   in: h.cluster).error == .none)
        }
        #expect(partition.lastStableOffset == 0)
        try partition.log.deleteRecords(before: 2)
        #expect(partition.lastStableOffset == 2, "not below the log start, where nothing could be read")
        #expect(try partition.readCommitted(from: 2, maxBytes: 1 << 20).result.count == 0)
    }
}
