import NIOCore
import SamsaProtocol
import Testing
@testable import SamsaClient

/// Crafted fetch payloads with transactional batches of several producers, their markers and the
/// aborted-transactions list a broker sends, read as Kafka's consumer reads them.
@Suite struct FetchedRecordsTests {
    let tp = TopicPartition("t", 0)

    func data(_ base: Int64, _ values: [String], producer: Int64 = -1, transactional: Bool = false) -> ByteBuffer {
        var builder = RecordBatchBuilder(baseOffset: base)
        builder.producerId = producer
        builder.producerEpoch = producer >= 0 ? 0 : -1
        builder.baseSequence = producer >= 0 ? 0 : -1
        builder.isTransactional = transactional
        for value in values { builder.append(key: nil, value: ByteBuffer(string: value), timestamp: 1) }
        return builder.build()
    }

    /// A COMMIT or ABORT marker, as a coordinator writes it.
    func marker(_ offset: Int64, producer: Int64, commit: Bool) -> ByteBuffer {
        var batch = ControlRecord(kind: commit ? .commit : .abort, coordinatorEpoch: 0).batch(producerId: producer, producerEpoch: 0, timestamp: 1)
        batch.setInteger(offset, at: batch.readerIndex)
        return batch
    }

    func join(_ parts: [ByteBuffer]) -> ByteBuffer {
        var out = ByteBuffer()
        for var part in parts { out.writeBuffer(&part) }
        return out
    }

    /// Producer 7 aborts (offsets 1-2, marker 5), producer 8 commits (3-4, marker 6) interleaved with it,
    /// a plain record at 0 and 7, then producer 7 again in a new, committed transaction (8, marker 9).
    var interleaved: ByteBuffer {
        join([data(0, ["plain-0"]),
              data(1, ["a1", "a2"], producer: 7, transactional: true),
              data(3, ["c3"], producer: 8, transactional: true),
              data(4, ["c4"], producer: 8, transactional: true),
              marker(5, producer: 7, commit: false),
              marker(6, producer: 8, commit: true),
              data(7, ["plain-7"]),
              data(8, ["again-8"], producer: 7, transactional: true),
              marker(9, producer: 7, commit: true)])
    }

    func values(_ records: [ConsumerRecord]) -> [String] { records.map { $0.valueString ?? "" } }

    @Test func readCommittedDropsAbortedRecordsAndMarkers() throws {
        let (records, next) = try FetchedRecords.decode(interleaved, tp: tp, from: 0, isolation: .readCommitted,
                                                        aborted: [.init(producerId: 7, firstOffset: 1)])
        #expect(values(records) == ["plain-0", "c3", "c4", "plain-7", "again-8"])
        #expect(records.map(\.offset) == [0, 3, 4, 7, 8])
        #expect(next == 10, "the position moves past the last marker")
    }

    @Test func readUncommittedKeepsAbortedRecordsButNeverMarkers() throws {
        let (records, next) = try FetchedRecords.decode(interleaved, tp: tp, from: 0, isolation: .readUncommitted,
                                                        aborted: [.init(producerId: 7, firstOffset: 1)])
        #expect(values(records) == ["plain-0", "a1", "a2", "c3", "c4", "plain-7", "again-8"])
        #expect(next == 10)
    }

    @Test func anAbortedTransactionStartsAtItsFirstOffsetOnly() throws {
        // Producer 7 commits 1-2 (marker 3), then aborts 4 (marker 5): only the second transaction is in the list.
        let bytes = join([data(1, ["kept"], producer: 7, transactional: true), marker(3, producer: 7, commit: true),
                          data(4, ["dropped"], producer: 7, transactional: true), marker(5, producer: 7, commit: false),
                          data(6, ["after"], producer: 7, transactional: true)])
        let (records, next) = try FetchedRecords.decode(bytes, tp: tp, from: 1, isolation: .readCommitted,
                                                        aborted: [.init(producerId: 7, firstOffset: 4)])
        #expect(values(records) == ["kept", "after"])
        #expect(next == 7)
    }

    @Test func idempotentBatchesOfAnAbortedProducerAreNotTransactional() throws {
        // Only transactional batches are dropped, as in Kafka's isBatchAborted.
        let bytes = join([data(0, ["idem"], producer: 7), data(1, ["txn"], producer: 7, transactional: true)])
        let (records, _) = try FetchedRecords.decode(bytes, tp: tp, from: 0, isolation: .readCommitted,
                                                     aborted: [.init(producerId: 7, firstOffset: 0)])
        #expect(values(records) == ["idem"])
    }

    @Test func aPayloadOfOnlyMarkersAdvancesThePosition() throws {
        let (records, next) = try FetchedRecords.decode(join([marker(5, producer: 7, commit: false), marker(6, producer: 8, commit: true)]),
                                                        tp: tp, from: 5, isolation: .readCommitted, aborted: nil)
        #expect(records.isEmpty)
        #expect(next == 7)
    }

    @Test func recordsBeforeTheFetchOffsetAreSkipped() throws {
        let (records, next) = try FetchedRecords.decode(data(0, ["x0", "x1", "x2"], producer: 3, transactional: true),
                                                        tp: tp, from: 1, isolation: .readCommitted, aborted: [])
        #expect(values(records) == ["x1", "x2"])
        #expect(next == 3)
    }

    @Test func transactionalAttributeKeepsTheBatchValid() throws {
        let bytes = data(0, ["v"], producer: 1, transactional: true)
        let header = try RecordBatchHeader.validate(buffer: bytes, at: bytes.readerIndex)
        #expect(header.isTransactional && !header.isControl)
        #expect(header.producerId == 1)
    }

    @Test func isolationLevelNames() {
        #expect(IsolationLevel(name: "read_committed") == .readCommitted)
        #expect(IsolationLevel(name: "READ_UNCOMMITTED") == .readUncommitted)
        #expect(IsolationLevel(name: "committed") == nil)
        #expect(IsolationLevel.readCommitted.rawValue == 1)
    }
}

@Suite struct ReadCommittedGroupTests {
    @Test func committedOffsetsOfAReadCommittedMemberRequireStableOffsets() throws {
        var config = GroupConsumerConfig(groupId: "g")
        #expect(try config.apply(["isolation.level": "read_committed"]).isEmpty)
        #expect(config.fetch.isolationLevel == .readCommitted)
        for version: Int16 in [7, 8] {
            let request = OffsetFetchRequest.group("g", partitions: [TopicPartition("t", 0)], version: version, requireStable: true)
            let decoded = try OffsetFetchRequest.decode(request.encode(version: version), version: version)
            #expect(decoded.requireStable, "v\(version)")
        }
        #expect(!OffsetFetchRequest.group("g", partitions: nil, version: 8).requireStable)
    }
}
