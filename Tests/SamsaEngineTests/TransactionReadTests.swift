import Foundation
import NIOCore
import Synchronization
import Testing
@testable import SamsaEngine
@testable import SamsaProtocol
@testable import SamsaStorage

/// read_committed: fetches stop at the last stable offset and list the aborted transactions they overlap,
/// from the per-segment aborted-transaction index; ListOffsets honours the isolation level.
@Suite struct TransactionReadTests {
    let tp = TopicPartition("t", 0)

    /// Writes, one batch per segment (segment.bytes 100):
    ///   0-1 P1 txn [a1 a2] · 2 P2 txn [b1] · 3 P3 plain [c1] · 4 P1 ABORT · 5 P2 txn [b2] · 6 P2 COMMIT
    ///   · 7 P1 txn [a3] · 8 P1 ABORT · 9 P4 txn [d1] (left open)
    func writeHistory(_ broker: Broker, _ partition: Partition, in cluster: Cluster) throws {
        func produce(_ records: ByteBuffer) throws {
            let result = broker.produce(tp, records: records, in: cluster)
            try #require(result.error == .none, "\(result)")
            try #require(eventually { partition.highWatermark == partition.logEndOffset })
        }
        let now = currentTimeMillis()
        try produce(producerBatch(producer: 1, sequence: 0, values: ["a1", "a2"]))
        try produce(producerBatch(producer: 2, sequence: 0, values: ["b1"]))
        try produce(producerBatch(producer: 3, sequence: 0, values: ["c1"], transactional: false))
        #expect(partition.lastStableOffset == 0)
        try #require(replicated(partition, through: try partition.appendTransactionMarker(
            producerId: 1, producerEpoch: 0, coordinatorEpoch: 0, commit: false, now: now).lastOffset) == ErrorCode.none)
        #expect(partition.lastStableOffset == 2, "P2's transaction still holds it")
        try produce(producerBatch(producer: 2, sequence: 1, values: ["b2"]))
        try #require(replicated(partition, through: try partition.appendTransactionMarker(
            producerId: 2, producerEpoch: 0, coordinatorEpoch: 0, commit: true, now: now).lastOffset) == ErrorCode.none)
        #expect(partition.lastStableOffset == 7)
        try produce(producerBatch(producer: 1, sequence: 2, values: ["a3"]))
        _ = try partition.appendTransactionMarker(producerId: 1, producerEpoch: 0, coordinatorEpoch: 0, commit: false, now: now)
        try produce(producerBatch(producer: 4, sequence: 0, values: ["d1"]))
        #expect(partition.highWatermark == 10 && partition.lastStableOffset == 9)
    }

    static let aborted = [
        AbortedTransaction(producerId: 1, firstOffset: 0, lastOffset: 4, lastStableOffset: 2),
        AbortedTransaction(producerId: 1, firstOffset: 7, lastOffset: 8, lastStableOffset: 9),
    ]

    @Test func readCommittedStopsAtTheLastStableOffsetWithTheAbortedTransactionsAcrossSegments() throws {
        let h = try ReplicationHarness(brokers: 1)
        defer { h.close() }
        let (broker, partition) = try h.createLeader(tp, configs: ["segment.bytes": "100"])
        try writeHistory(broker, partition, in: h.cluster)
        #expect(partition.log.segmentCount >= 8, "the markers and their data lie in different segments")
        #expect(partition.abortedTransactions(from: 0, upTo: .max) == Self.aborted)

        // A consumer reading batch by batch (a read stays within one segment) is told, each time, of the
        // aborted transactions its records overlap, though the markers lie in later segments.
        let expected: [Int64: [AbortedTransaction]] = [0: [Self.aborted[0]], 2: [Self.aborted[0]], 3: [Self.aborted[0]],
                                                       4: [Self.aborted[0]], 5: [], 6: [], 7: [Self.aborted[1]],
                                                       8: [Self.aborted[1]]]
        var offset: Int64 = 0
        var seen: [Int64] = []
        while true {
            let read = try partition.readCommitted(from: offset, maxBytes: 1 << 20)
            #expect(read.lastStableOffset == 9 && read.highWatermark == 10)
            let batches = try RecordBatch.decodeAll(read.result.records)
            guard let last = batches.last else {
                #expect(read.aborted.isEmpty)
                break
            }
            #expect(read.aborted == expected[offset], "read from \(offset)")
            seen += batches.map(\.header.baseOffset)
            offset = last.header.nextOffset
        }
        #expect(seen == [0, 2, 3, 4, 5, 6, 7, 8], "every batch below the LSO (9), none past it")
        #expect(try partition.readCommitted(from: 9, maxBytes: 1 << 20).result.count == 0, "the open transaction is not read")

        // Through the fetch path: a sendfile range, the LSO reported, aborted transactions only for read_committed.
        for (fetchOffset, list) in expected {
            let committed = broker.readPass(FetchParameters(maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 20, isolationLevel: 1),
                                            [FetchTarget(tp, fetchOffset: fetchOffset, maxBytes: 1 << 20)], in: h.cluster).results[0]
            #expect(committed.error == .none && committed.lastStableOffset == 9 && committed.highWatermark == 10)
            #expect(committed.abortedTransactions == list, "fetch from \(fetchOffset)")
        }
        let atStable = broker.readPass(FetchParameters(maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 20, isolationLevel: 1),
                                       [FetchTarget(tp, fetchOffset: 9, maxBytes: 1 << 20)], in: h.cluster).results[0]
        #expect(atStable.abortedTransactions == [] && (atStable.fileRecords?.count ?? atStable.records?.readableBytes ?? 0) == 0)
        let uncommitted = broker.readPass(FetchParameters(maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 20),
                                          [FetchTarget(tp, fetchOffset: 9, maxBytes: 1 << 20)], in: h.cluster).results[0]
        #expect(uncommitted.abortedTransactions == nil && uncommitted.lastStableOffset == 9)
        #expect((uncommitted.fileRecords?.count ?? uncommitted.records?.readableBytes ?? 0) > 0, "read_uncommitted reads the open one")
    }

    @Test func listOffsetsAnswersByIsolationLevel() throws {
        let h = try ReplicationHarness(brokers: 1)
        defer { h.close() }
        let (broker, partition) = try h.createLeader(tp)
        let now = currentTimeMillis()
        #expect(broker.produce(tp, records: producerBatch(producer: 3, sequence: 0, values: ["c"], transactional: false,
                                                          timestamp: now), in: h.cluster).error == .none)
        #expect(broker.produce(tp, records: producerBatch(producer: 1, sequence: 0, values: ["open"], timestamp: now + 1),
                               in: h.cluster).error == .none)
        func lookup(_ spec: Int64, _ isolation: Int8) -> OffsetLookup {
            broker.lookupOffset(tp, timestamp: spec, isolationLevel: isolation, in: h.cluster)
        }
        #expect(lookup(OffsetSpec.latest, 0).offset == 2)
        #expect(lookup(OffsetSpec.latest, 1).offset == 1, "read_committed: the last stable offset")
        #expect(lookup(OffsetSpec.earliest, 1).offset == 0 && lookup(OffsetSpec.earliest, 0).offset == 0)
        // The newest record is in the open transaction: visible to read_uncommitted only.
        #expect(lookup(OffsetSpec.maxTimestamp, 0).offset == 1)
        #expect(lookup(OffsetSpec.maxTimestamp, 1) == OffsetLookup(error: .none))
        _ = try partition.appendTransactionMarker(producerId: 1, producerEpoch: 0, coordinatorEpoch: 0, commit: true,
                                                  now: currentTimeMillis())
        #expect(lookup(OffsetSpec.latest, 1).offset == 3 && lookup(OffsetSpec.latest, 0).offset == 3)
        #expect(lookup(OffsetSpec.maxTimestamp, 1).offset >= 1)
    }

    @Test func aFollowerEndsWithTheSameLastStableOffsetAndIndex() throws {
        let h = try ReplicationHarness(brokers: 3)
        defer { h.close() }
        let (broker, partition) = try h.createLeader(tp, replicationFactor: 3, configs: ["segment.bytes": "100"])
        try writeHistory(broker, partition, in: h.cluster)
        let state = try #require(h.state(of: tp))
        for id in state.replicas where id != state.leader {
            let follower = try #require(h.cluster.broker(id)?.partition(tp))
            #expect(eventually { follower.logEndOffset == 10 && follower.highWatermark == 10 })
            #expect(follower.lastStableOffset == 9, "follower \(id): P4's open transaction holds it")
            #expect(follower.abortedTransactions(from: 0, upTo: .max) == Self.aborted)
            #expect(follower.activeProducers.map(\.currentTxnStartOffset) == partition.activeProducers.map(\.currentTxnStartOffset))
        }
        // A new leader keeps the open transaction open and can end it.
        try h.cluster.killBroker(state.leader)
        let leader = try #require(h.leader(of: tp)?.partition(tp))
        #expect(eventually { leader.isLeader && leader.highWatermarkIsCurrent })
        #expect(leader.lastStableOffset == 9)
        let marker = try leader.appendTransactionMarker(producerId: 4, producerEpoch: 0, coordinatorEpoch: 0, commit: true,
                                                        now: currentTimeMillis())
        #expect(replicated(leader, through: marker.lastOffset) == ErrorCode.none)
        #expect(leader.lastStableOffset == 11)
    }
}

extension TransactionReadTests {
    @Test func aParkedReadCommittedFetchWakesWhenAMarkerMovesTheLastStableOffset() throws {
        let h = try ReplicationHarness(brokers: 1)
        defer { h.close() }
        let (broker, partition) = try h.createLeader(tp)
        #expect(broker.produce(tp, records: producerBatch(producer: 1, sequence: 0, values: ["x"]), in: h.cluster).error == .none)
        #expect(partition.highWatermark == 1 && partition.lastStableOffset == 0)
        // A max wait far past `eventually`'s deadline: within it, only the marker can answer this fetch.
        let parameters = FetchParameters(maxWaitMs: 120_000, minBytes: 1, maxBytes: 1 << 20, isolationLevel: 1)
        let future = broker.fetch(parameters, [FetchTarget(tp, fetchOffset: 0, maxBytes: 1 << 20)], in: h.cluster,
                                  on: h.loops.next(), executor: SerialWorkQueue(label: "test-fetch"))
        let answered = Mutex(false)
        future.whenComplete { _ in answered.withLock { $0 = true } }
        // The data is below the high watermark but not stable: the fetch parks and stays parked.
        #expect(eventually { partition.parkedFetchCount == 1 })
        #expect(!answered.withLock { $0 }, "nothing stable to read yet")
        _ = try partition.appendTransactionMarker(producerId: 1, producerEpoch: 0, coordinatorEpoch: 0, commit: true,
                                                  now: currentTimeMillis())
        try #require(eventually { answered.withLock { $0 } }, "woken by the marker")
        let result = try future.wait()[0]
        #expect(result.error == .none && result.lastStableOffset == 2)
        #expect((result.fileRecords?.count ?? result.records?.readableBytes ?? 0) > 0)
        #expect(result.abortedTransactions == [])
    }
}
