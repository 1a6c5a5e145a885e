import Foundation
import NIOCore
import Testing
@testable import SamsaEngine
@testable import SamsaProtocol

/// The log cleaner on a broker: aborted records go, and nothing past the last stable offset is cleaned.
@Suite struct TransactionCleanerTests {
    let tp = TopicPartition("c", 0)

    func keyed(_ key: String, _ value: String) -> ByteBuffer {
        var builder = RecordBatchBuilder()
        builder.append(key: ByteBuffer(string: key), value: ByteBuffer(string: value), timestamp: currentTimeMillis())
        return builder.build()
    }

    @Test func compactionRemovesAbortedRecordsAndStopsAtTheLastStableOffset() throws {
        let h = try ReplicationHarness(brokers: 1, settings: ["log.cleaner.enable": "false"])
        defer { h.close() }
        let (broker, partition) = try h.createLeader(tp, configs: ["cleanup.policy": "compact", "segment.bytes": "100"])
        #expect(broker.produce(tp, records: keyed("k", "committed-before"), in: h.cluster).error == .none)
        #expect(broker.produce(tp, records: producerBatch(producer: 1, sequence: 0, values: ["aborted"], key: "k"), in: h.cluster).error == .none)
        _ = try partition.appendTransactionMarker(producerId: 1, producerEpoch: 0, coordinatorEpoch: 0, commit: false,
                                                  now: currentTimeMillis())
        #expect(broker.produce(tp, records: producerBatch(producer: 2, sequence: 0, values: ["open"], key: "x"), in: h.cluster).error == .none)
        #expect(broker.produce(tp, records: keyed("x", "later"), in: h.cluster).error == .none)
        #expect(broker.produce(tp, records: keyed("tail", "active"), in: h.cluster).error == .none)
        #expect(partition.lastStableOffset == 3)

        h.cluster.compactDirtyLogs(now: currentTimeMillis())
        #expect(try dataValues(partition) == ["committed-before", "open", "later", "active"],
                "the aborted record went and did not shadow the committed one; the open transaction was not touched")
        _ = try partition.appendTransactionMarker(producerId: 2, producerEpoch: 0, coordinatorEpoch: 0, commit: true,
                                                  now: currentTimeMillis())
        #expect(broker.produce(tp, records: keyed("tail2", "active"), in: h.cluster).error == .none)
        h.cluster.compactDirtyLogs(now: currentTimeMillis())
        #expect(try dataValues(partition) == ["committed-before", "later", "active", "active"],
                "once committed and stable, the older value of x is superseded")
    }
}
