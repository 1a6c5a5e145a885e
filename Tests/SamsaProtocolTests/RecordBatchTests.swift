import NIOCore
import Testing
@testable import SamsaProtocol

@Suite struct RecordBatchTests {
    func sampleBatch() -> ByteBuffer {
        var builder = RecordBatchBuilder(baseOffset: 0)
        builder.append(key: ByteBuffer(string: "k1"), value: ByteBuffer(string: "hello"), timestamp: 1_700_000_000_000)
        builder.append(key: nil, value: ByteBuffer(string: "안녕"),
                       headers: [RecordHeader(key: "h", value: ByteBuffer(string: "v")), RecordHeader(key: "n", value: nil)],
                       timestamp: 1_700_000_000_005)
        builder.append(key: ByteBuffer(string: "k3"), value: nil, timestamp: 1_700_000_000_002)
        return builder.build()
    }

    @Test func buildAndDecodeRoundTrip() throws {
        let batches = try RecordBatch.decodeAll(sampleBatch())
        #expect(batches.count == 1)
        let batch = batches[0]
        #expect(batch.header.recordCount == 3)
        #expect(batch.header.lastOffsetDelta == 2)
        #expect(batch.header.maxTimestamp == 1_700_000_000_005)
        #expect(batch.records[0].key == ByteBuffer(string: "k1"))
        #expect(batch.records[1].value.map { String(buffer: $0) } == "안녕")
        #expect(batch.records[1].headers.count == 2)
        #expect(batch.records[1].headers[1].value == nil)
        #expect(batch.records[2].value == nil)
        #expect(batch.timestamp(of: batch.records[2]) == 1_700_000_000_002)
        #expect(batch.offset(of: batch.records[2]) == 2)
    }

    @Test func crcDetectsCorruption() throws {
        var buffer = sampleBatch()
        _ = try RecordBatchHeader.validate(buffer: buffer, at: 0)
        let last = buffer.writerIndex - 1
        buffer.setInteger(buffer.getInteger(at: last, as: UInt8.self)! ^ 0xFF, at: last)
        #expect(throws: ProtocolError.self) { try RecordBatchHeader.validate(buffer: buffer, at: 0) }
    }

    @Test func rewritingBaseOffsetKeepsCRCValid() throws {
        var buffer = sampleBatch()
        buffer.setInteger(Int64(1234), at: 0)
        buffer.setInteger(Int32(7), at: RecordBatchHeader.leaderEpochOffset)
        let header = try RecordBatchHeader.validate(buffer: buffer, at: 0)
        #expect(header.baseOffset == 1234)
        #expect(header.lastOffset == 1236)
    }

    @Test func truncatedBatchIsRejected() {
        let full = sampleBatch()
        let cut = full.getSlice(at: 0, length: full.readableBytes - 3)!
        #expect(throws: ProtocolError.self) { try RecordBatchHeader.validateAll(cut) }
        #expect(throws: ProtocolError.self) { try RecordBatchHeader.validateAll(ByteBuffer()) }
    }

    @Test func partialTrailingBatchIsIgnoredWhenDecoding() throws {
        var two = sampleBatch()
        var second = sampleBatch()
        second.setInteger(Int64(3), at: 0)
        two.writeBuffer(&second)
        let cut = two.getSlice(at: 0, length: two.readableBytes - 10)!
        #expect(try RecordBatch.decodeAll(cut).count == 1)
        #expect(try RecordBatch.decodeAll(two).count == 2)
    }
}
