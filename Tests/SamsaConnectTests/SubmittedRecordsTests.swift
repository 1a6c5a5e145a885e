import Testing
@testable import SamsaConnect

@Suite struct SubmittedRecordsTests {
    private func record(_ file: String, _ position: Int64) -> ConnectRecord {
        ConnectRecord(sourcePartition: ["filename": .string(file)], sourceOffset: ["position": .int64(position)],
                      topic: "t", valueSchema: .string, value: .string("x"))
    }

    /// Kafka's rule: an offset is committable only once every earlier record of its partition was acknowledged;
    /// partitions are independent, and a commit removes what it covered.
    @Test func onlyTheAcknowledgedPrefixOfEachPartitionIsCommittable() {
        let submitted = SubmittedRecords()
        let a = (1...3).map { submitted.submit(record("a", Int64($0) * 10)) }
        let b = submitted.submit(record("b", 5))
        #expect(submitted.submit(ConnectRecord(sourcePartition: nil, sourceOffset: nil, topic: "t", valueSchema: nil, value: .null)) == nil)

        submitted.ack(a[1])
        submitted.ack(b)
        #expect(submitted.committableOffsets() == [["filename": .string("b")]: ["position": .int64(5)]])
        submitted.ack(a[0])
        #expect(submitted.committableOffsets() == [["filename": .string("a")]: ["position": .int64(20)]])
        #expect(submitted.outstanding == 1)
        submitted.ack(a[2])
        submitted.ack(a[2])
        #expect(submitted.committableOffsets() == [["filename": .string("a")]: ["position": .int64(30)]])
        #expect(submitted.committableOffsets().isEmpty)
        #expect(submitted.outstanding == 0)
    }

    /// Many records in flight, acknowledged in reverse: nothing is committable until the first one is, and
    /// then the last offset is (the queue compacts its committed prefix without losing later entries).
    @Test func reverseAcknowledgementsCommitTheWholeRunOnceTheFirstArrives() {
        let submitted = SubmittedRecords()
        let tickets = (0..<5000).map { submitted.submit(record("a", Int64($0))) }
        for ticket in tickets.dropFirst().reversed() { submitted.ack(ticket) }
        #expect(submitted.committableOffsets().isEmpty)
        submitted.ack(tickets[0])
        #expect(submitted.committableOffsets() == [["filename": .string("a")]: ["position": .int64(4999)]])
        let more = (5000..<5003).map { submitted.submit(record("a", Int64($0))) }
        more.forEach(submitted.ack)
        #expect(submitted.committableOffsets() == [["filename": .string("a")]: ["position": .int64(5002)]])
    }
}
