import Foundation
import NIOCore
import SamsaClient
import SamsaProtocol
import Testing

/// SamsaClient's RecordReader against an in-process broker over the wire: bounds, offsets by timestamp,
/// reads that stop at a count or below an offset, headers and sizes, and records of an aborted
/// transaction marked while committed ones are not.
@Suite struct RecordReaderTests {
    static let base: Int64 = 1_796_025_600_000

    @Test func readsPagesByOffsetAndTimestampWithoutAGroup() async throws {
        try await TransactionalClientTests.withCluster { client, admin, opened in
            try await admin.createTopic("pages", partitions: 1)
            let producer = opened.producer(client, lingerMs: 5)
            for i in 0..<250 {
                let record = ProducerRecord(topic: "pages", partition: 0, key: ByteBuffer(string: "k\(i)"),
                                            value: ByteBuffer(string: "value-\(i)"),
                                            headers: i == 42 ? [RecordHeader(key: "trace", value: ByteBuffer(string: "t-42"))] : [],
                                            timestamp: Self.base + Int64(i) * 1000)
                _ = try await producer.send(record)
            }
            let reader = RecordReader(client: client, fetchBytes: 2048)

            let bounds = try await reader.bounds(topic: "pages", partition: 0)
            #expect(bounds == RecordReader.Bounds(logStartOffset: 0, endOffset: 250))

            // A page from the middle: exactly the count asked, in order, with keys, headers and sizes.
            let page = try await reader.read(topic: "pages", partition: 0, from: 40, maxRecords: 30)
            #expect(page.records.map(\.offset) == Array(40..<70))
            #expect(page.nextOffset == 70)
            #expect(page.records[2].key == Array("k42".utf8))
            #expect(page.records[2].headers.map(\.key) == ["trace"])
            #expect(page.records[2].headers.first?.value == Array("t-42".utf8))
            #expect(page.records[0].timestamp == Self.base + 40_000)
            #expect(page.records.allSatisfy { $0.sizeInBytes > 10 && !$0.isTransactional && !$0.isAborted })

            // The page before offset 40, as scrolling up asks for it.
            let before = try await reader.read(topic: "pages", partition: 0, from: 15, maxRecords: 25, until: 40)
            #expect(before.records.map(\.offset) == Array(15..<40))

            // Reading at the end returns nothing; timestamps land on the first record at or after them.
            #expect(try await reader.read(topic: "pages", partition: 0, from: 250, maxRecords: 10).records.isEmpty)
            #expect(try await reader.offset(topic: "pages", partition: 0, atOrAfter: Self.base + 99_500) == 100)
            #expect(try await reader.offset(topic: "pages", partition: 0, atOrAfter: Self.base + 999_000) == nil)

            // Nothing was committed: a browser joins no group.
            #expect(try await admin.listGroups().isEmpty)
        }
    }

    @Test func marksRecordsOfAnAbortedTransaction() async throws {
        try await TransactionalClientTests.withCluster { client, admin, opened in
            try await admin.createTopic("txn", partitions: 1)
            let plain = opened.producer(client)
            _ = try await plain.send(ProducerRecord(topic: "txn", value: "before"))
            let producer = opened.producer(client, id: "reader-test")
            try await producer.initTransactions()
            try producer.beginTransaction()
            _ = try await producer.send(ProducerRecord(topic: "txn", value: "dropped"))
            try await producer.abortTransaction()
            try producer.beginTransaction()
            _ = try await producer.send(ProducerRecord(topic: "txn", value: "kept"))
            try await producer.commitTransaction()

            let reader = RecordReader(client: client)
            let page = try await reader.read(topic: "txn", partition: 0, from: 0, maxRecords: 10)
            // Markers are not records: before (0), dropped (1), ABORT (2), kept (3), COMMIT (4).
            #expect(page.records.map { String(decoding: $0.value ?? [], as: UTF8.self) } == ["before", "dropped", "kept"])
            #expect(page.records.map(\.isTransactional) == [false, true, true])
            #expect(page.records.map(\.isAborted) == [false, true, false])
            // Starting at the aborted record alone still marks it (the leader's list of aborted transactions).
            let small = RecordReader(client: client, fetchBytes: 1)  // one batch a fetch: the marker is not in it
            let alone = try await small.read(topic: "txn", partition: 0, from: 1, maxRecords: 1)
            #expect(alone.records.map(\.isAborted) == [true])
        }
    }
}
