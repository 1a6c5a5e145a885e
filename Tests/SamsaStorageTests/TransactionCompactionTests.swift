import Foundation
import NIOCore
import SamsaProtocol
import Testing
@testable import SamsaStorage

/// Compaction with transactions, by Kafka's rules: aborted batches go and do not shadow older values,
/// a marker stays while its transaction has data and then for delete.retention.ms, and nothing at or
/// past the limit (the partition's last stable offset) is cleaned.
@Suite struct TransactionCompactionTests {
    func transactional(_ key: String, _ value: String, producer: Int64) -> ByteBuffer {
        var builder = RecordBatchBuilder()
        builder.producerId = producer
        builder.producerEpoch = 0
        builder.baseSequence = 0
        builder.isTransactional = true
        builder.append(key: ByteBuffer(string: key), value: ByteBuffer(string: value), timestamp: 1000)
        return builder.build()
    }

    /// One batch per segment:
    ///   0 k1=old · 1 P1 txn k1=aborted · 2 P2 txn k2=committed · 3 P1 ABORT · 4 P2 COMMIT · 5 k3=tail (active)
    func history(_ kind: LogKind, _ dir: TempDirectory) throws -> PartitionLog {
        var config = compactConfig(segmentBytes: 1)
        config.deleteRetentionMs = 1000
        let log = try kind.make(dir, config: config)
        let marker = { (kind: ControlRecord.Kind, producer: Int64) in
            ControlRecord(kind: kind, coordinatorEpoch: 0).batch(producerId: producer, producerEpoch: 0, timestamp: 1000)
        }
        for batch in [keyedBatch([KV("k1", "old")]), transactional("k1", "aborted", producer: 1),
                      transactional("k2", "committed", producer: 2), marker(.abort, 1), marker(.commit, 2),
                      keyedBatch([KV("k3", "tail")])] {
            _ = try log.append(batch, leaderEpoch: 0, now: 1000)
        }
        try log.appendAbortedTransaction(AbortedTransaction(producerId: 1, firstOffset: 1, lastOffset: 3, lastStableOffset: 2))
        #expect(log.segmentCount == 6)
        return log
    }

    /// (offset, control?, values) of every batch.
    func batches(_ log: PartitionLog) throws -> [String] {
        var out: [String] = []
        var offset = log.logStartOffset
        while offset < log.logEndOffset {
            let read = try log.read(from: offset, maxBytes: 1 << 20, maxOffset: nil)
            let decoded = try RecordBatch.decodeAll(read.records)
            guard let last = decoded.last else { break }
            for batch in decoded {
                out.append(batch.header.isControl ? "\(batch.header.baseOffset):marker"
                    : "\(batch.header.baseOffset):" + batch.records.map { String(buffer: $0.value!) }.joined(separator: ","))
            }
            offset = last.header.nextOffset
        }
        return out
    }

    @Test(arguments: LogKind.allCases)
    func abortedRecordsGoAndMarkersFollowOnceTheirDataIsGone(kind: LogKind) throws {
        let dir = TempDirectory()
        let log = try history(kind, dir)
        let first = try log.compact(now: 2000, upTo: .max)
        #expect(first.recordsRemoved == 1, "only the aborted record: it does not shadow k1=old")
        #expect(try batches(log) == ["0:old", "2:committed", "3:marker", "4:marker", "5:tail"])
        #expect(log.abortedTransactions(from: 0, upTo: .max).count == 1, "the index entry is carried over")
        // The abort's data is gone: its marker gets a delete horizon, and goes once it passed.
        _ = try log.compact(now: 2000, upTo: .max)
        #expect(try batches(log) == ["0:old", "2:committed", "3:marker", "4:marker", "5:tail"])
        #expect(log.needsCompaction(now: 3001, upTo: .max), "a marker past its horizon is due")
        _ = try log.compact(now: 3001, upTo: .max)
        #expect(try batches(log) == ["0:old", "2:committed", "4:marker", "5:tail"],
                "the commit's marker stays while its transaction's data does")
    }

    @Test(arguments: LogKind.allCases)
    func nothingAtOrPastTheLimitIsCleaned(kind: LogKind) throws {
        let dir = TempDirectory()
        let log = try history(kind, dir)
        #expect(try log.compact(now: 2000, upTo: 1).recordsRemoved == 0)
        #expect(try batches(log) == ["0:old", "1:aborted", "2:committed", "3:marker", "4:marker", "5:tail"])
        #expect(try log.compact(now: 2000, upTo: 2).recordsRemoved == 1, "segment 1 lies wholly below 2")
    }
}
