import NIOCore
import Testing
@testable import SamsaEngine
@testable import SamsaProtocol

/// ListOffsets' cases as Kafka answers them (KIP-79, KIP-207, KIP-734, KIP-405's earliest-local).
@Suite struct ListOffsetsSpecTests {
    let tp = TopicPartition("orders", 0)

    /// Records 0…5 with timestamps 1000, 2000, 2000, 5000, 3000, 4000, one batch each (segments of ~2 batches).
    func setUp() throws -> (ReplicationHarness, Broker) {
        let h = try ReplicationHarness(brokers: 1)
        try h.cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 1, configs: ["segment.bytes": "200"])
        let broker = try #require(h.leader(of: tp))
        for (i, timestamp) in [1000, 2000, 2000, 5000, 3000, 4000].enumerated() {
            var builder = RecordBatchBuilder()
            builder.append(key: nil, value: ByteBuffer(string: "v\(i)"), timestamp: Int64(timestamp))
            #expect(broker.produce(tp, records: builder.build(), in: h.cluster).error == .none)
        }
        return (h, broker)
    }

    @Test func everySpecialTimestamp() throws {
        let (h, broker) = try setUp()
        defer { h.close() }
        func lookup(_ spec: Int64) -> OffsetLookup { broker.lookupOffset(tp, timestamp: spec, in: h.cluster) }
        let epoch = try #require(broker.partition(tp)).leaderEpoch
        #expect(lookup(OffsetSpec.latest) == OffsetLookup(error: .none, offset: 6, timestamp: -1, leaderEpoch: epoch))
        #expect(lookup(OffsetSpec.earliest) == OffsetLookup(error: .none, offset: 0, timestamp: -1, leaderEpoch: epoch))
        #expect(lookup(OffsetSpec.earliestLocal) == OffsetLookup(error: .none, offset: 0, timestamp: -1, leaderEpoch: epoch))
        #expect(lookup(OffsetSpec.maxTimestamp) == OffsetLookup(error: .none, offset: 3, timestamp: 5000, leaderEpoch: epoch),
                "the record with the largest timestamp, not the last one")
        #expect(lookup(OffsetSpec.latestTiered) == OffsetLookup(error: .none), "no tiered storage: no offset")
        _ = try broker.deleteRecords(tp, before: 2, in: h.cluster).get()
        #expect(lookup(OffsetSpec.earliest).offset == 2)
        #expect(lookup(OffsetSpec.earliestLocal).offset == 2)
    }

    @Test func timestampLookupsFindTheFirstOffsetAtOrAfter() throws {
        let (h, broker) = try setUp()
        defer { h.close() }
        func lookup(_ spec: Int64) -> (Int64, Int64) {
            let found = broker.lookupOffset(tp, timestamp: spec, in: h.cluster)
            #expect(found.error == .none)
            return (found.offset, found.timestamp)
        }
        #expect(lookup(0) == (0, 1000))
        #expect(lookup(1000) == (0, 1000))
        #expect(lookup(1500) == (1, 2000), "the first record at or after, with its own timestamp")
        #expect(lookup(2000) == (1, 2000), "equal timestamps: the first of them")
        #expect(lookup(2500) == (3, 5000), "offset order, not timestamp order: 5000 comes before 3000")
        #expect(lookup(4500) == (3, 5000))
        #expect(lookup(5000) == (3, 5000))
        #expect(lookup(5001) == (-1, -1), "past the newest timestamp: no offset")
        _ = try broker.deleteRecords(tp, before: 4, in: h.cluster).get()
        #expect(lookup(0) == (4, 3000), "records below the log start are not answered")
        #expect(broker.lookupOffset(TopicPartition("missing", 0), timestamp: 0, in: h.cluster).error == .unknownTopicOrPartition)
    }
}
