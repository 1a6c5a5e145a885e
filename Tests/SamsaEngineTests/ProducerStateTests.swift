import Foundation
import NIOCore
import Testing
@testable import SamsaEngine
@testable import SamsaProtocol

/// Idempotent producers' state per partition: rebuilt from the log when a replica opens or cuts its tail,
/// and kept only for producer.id.expiration.ms, as in Kafka.
@Suite struct ProducerStateTests {
    func batch(producer: Int64, sequence: Int32) -> ByteBuffer {
        var builder = RecordBatchBuilder()
        builder.producerId = producer
        builder.producerEpoch = 0
        builder.baseSequence = sequence
        builder.append(key: ByteBuffer(string: "k"), value: ByteBuffer(string: "v"), timestamp: currentTimeMillis())
        return builder.build()
    }

    @Test func producersNotHeardFromForTheExpirationAreForgotten() throws {
        let h = try ReplicationHarness(brokers: 1, settings: ["producer.id.expiration.ms": "60000"])
        defer { h.close() }
        try h.cluster.createTopic(name: "p", partitions: 1)
        let tp = TopicPartition("p", 0)
        let broker = try #require(h.leader(of: tp))
        let partition = try #require(broker.partition(tp))
        let start = currentTimeMillis()
        for producer in Int64(1)...3 {
            #expect(broker.produce(tp, records: batch(producer: producer, sequence: 0), in: h.cluster, now: start).error == .none)
        }
        #expect(partition.producerCount == 3)
        // A gap in a known producer's sequence is refused...
        #expect(broker.produce(tp, records: batch(producer: 1, sequence: 5), in: h.cluster).error == .outOfOrderSequenceNumber)
        // ...and one producer writes again later, so it stays remembered.
        #expect(broker.produce(tp, records: batch(producer: 2, sequence: 1), in: h.cluster, now: start + 50_000).error == .none)

        #expect(h.cluster.expireProducers(now: start + 59_999) == 0)
        #expect(h.cluster.expireProducers(now: start + 60_000) == 2)
        #expect(partition.producerCount == 1)
        // A forgotten producer is new again: its next batch is accepted whatever its sequence, as in Kafka.
        #expect(broker.produce(tp, records: batch(producer: 1, sequence: 5), in: h.cluster).error == .none)
        #expect(broker.produce(tp, records: batch(producer: 2, sequence: 7), in: h.cluster).error == .outOfOrderSequenceNumber)
    }

    @Test func aRestartedLeaderStillRecognisesARetriedBatch() throws {
        let h = try ReplicationHarness(brokers: 1)
        defer { h.close() }
        try h.cluster.createTopic(name: "p", partitions: 1)
        let tp = TopicPartition("p", 0)
        let retried = batch(producer: 7, sequence: 0)
        let first = try #require(h.leader(of: tp)).produce(tp, records: retried, in: h.cluster)
        #expect(first.error == .none && first.baseOffset == 0)
        #expect(try #require(h.leader(of: tp)).produce(tp, records: batch(producer: 8, sequence: 0), in: h.cluster).error == .none)
        for restart in [{ try h.cluster.killBroker(0) }, { try h.cluster.stopBroker(0) }] {
            try restart()
            #expect(eventually { h.cluster.broker(0)?.status == .crashed || h.cluster.broker(0)?.status == .stopped })
            try h.cluster.startBroker(0)
            let again = try #require(h.leader(of: tp)).produce(tp, records: retried, in: h.cluster)
            #expect(again.error == .none && again.baseOffset == 0, "answered with the first write's offset")
            #expect(h.cluster.broker(0)?.partition(tp)?.logEndOffset == 2, "and not written again")
            // The next batch in sequence is still accepted, and a gap still refused.
            #expect(try #require(h.leader(of: tp)).produce(tp, records: batch(producer: 8, sequence: 5), in: h.cluster).error
                    == .outOfOrderSequenceNumber)
        }
    }
}
