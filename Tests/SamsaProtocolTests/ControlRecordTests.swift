import NIOCore
import Testing
@testable import SamsaProtocol

/// Kafka's end-transaction markers (ControlRecordType, EndTransactionMarker) and the control batch around them.
@Suite struct ControlRecordTests {
    @Test func markerKeyAndValueHaveKafkasBytes() throws {
        let commit = ControlRecord(kind: .commit, coordinatorEpoch: 0x0102_0304)
        #expect(Array(commit.key.readableBytesView) == [0, 0, 0, 1])
        #expect(Array(commit.value.readableBytesView) == [0, 0, 1, 2, 3, 4])
        #expect(Array(ControlRecord(kind: .abort, coordinatorEpoch: 7).key.readableBytesView) == [0, 0, 0, 0])
        #expect(try ControlRecord(key: commit.key, value: commit.value) == commit)
    }

    @Test func aControlBatchRoundTripsWithTransactionalAndControlAttributes() throws {
        let abort = ControlRecord(kind: .abort, coordinatorEpoch: 3)
        let bytes = abort.batch(producerId: 42, producerEpoch: 5, timestamp: 1_700_000_000_000)
        let batch = try #require(try RecordBatch.decodeAll(bytes).first)
        #expect(batch.header.attributes == 0x30)
        #expect(batch.header.isControl && batch.header.isTransactional)
        #expect(batch.header.producerId == 42 && batch.header.producerEpoch == 5 && batch.header.baseSequence == -1)
        #expect(batch.header.recordCount == 1 && batch.header.maxTimestamp == 1_700_000_000_000)
        #expect(ControlRecord(batch: bytes) == abort)
        // A transactional data batch has bit 4 only.
        var builder = RecordBatchBuilder()
        builder.isTransactional = true
        builder.append(key: nil, value: ByteBuffer(string: "v"), timestamp: 1)
        let data = try #require(try RecordBatch.decodeAll(builder.build()).first)
        #expect(data.header.isTransactional && !data.header.isControl)
        #expect(ControlRecord(batch: builder.build()) == nil)
    }

    @Test func malformedMarkersAreTypedErrors() throws {
        var newer = ByteBuffer()
        newer.writeInteger(Int16(1))
        newer.writeInteger(Int16(1))
        var value = ByteBuffer()
        value.writeInteger(Int16(1))
        value.writeInteger(Int32(9))
        value.writeInteger(Int8(0))
        // A newer version is read by the fields it shares with version 0, as Kafka does.
        #expect(try ControlRecord(key: newer, value: value) == ControlRecord(kind: .commit, coordinatorEpoch: 9))
        #expect(throws: ProtocolError.self) { try ControlRecord(key: ByteBuffer(bytes: [0, 0, 0]), value: value) }
        #expect(throws: ProtocolError.self) { try ControlRecord(key: ByteBuffer(bytes: [0, 0, 0, 2]), value: value) }
        #expect(throws: ProtocolError.self) { try ControlRecord(key: ByteBuffer(bytes: [0, 0, 0, 1]), value: ByteBuffer(bytes: [0, 0])) }
        #expect(throws: ProtocolError.self) { try ControlRecord(key: nil, value: nil) }
    }
}
