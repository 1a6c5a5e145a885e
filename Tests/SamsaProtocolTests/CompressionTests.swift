import NIOCore
import Testing
@testable import SamsaProtocol

@Suite struct CompressionTests {
    /// A batch of records with keys, values, headers and a null value, built uncompressed.
    func builder() -> RecordBatchBuilder {
        var builder = RecordBatchBuilder(baseOffset: 40)
        for i in 0..<200 {
            builder.append(key: ByteBuffer(string: "key-\(i % 7)"), value: i == 3 ? nil : ByteBuffer(string: String(repeating: "value \(i) ", count: 20)),
                           headers: [RecordHeader(key: "h", value: ByteBuffer(string: "\(i)"))], timestamp: 1_700_000_000_000 + Int64(i))
        }
        return builder
    }

    @Test(arguments: [CompressionCodec.gzip, .snappy, .lz4, .zstd])
    func compressedBatchesDecodeToTheSameRecords(codec: CompressionCodec) throws {
        let plain = try RecordBatch.decodeAll(builder().build())
        let packed = try builder().build(compression: codec)
        let header = try #require(RecordBatchHeader(buffer: packed, at: packed.readerIndex))
        #expect(header.compression == codec)
        #expect(packed.readableBytes < builder().build().readableBytes / 3, "the records really were compressed")
        let decoded = try RecordBatch.decodeAll(packed)   // CRC checked over the compressed bytes
        #expect(decoded.map(\.records) == plain.map(\.records))
        #expect(decoded.first?.header.recordCount == 200)
    }

    @Test(arguments: [CompressionCodec.gzip, .snappy, .lz4, .zstd])
    func truncatedOrCorruptDataIsAnErrorNotACrash(codec: CompressionCodec) throws {
        let data = ByteBuffer(string: String(repeating: "some records ", count: 500))
        let packed = try RecordCompression.compress(data, codec: codec)
        #expect(try RecordCompression.decompress(packed, codec: codec) == data)
        for cut in stride(from: 1, to: packed.readableBytes - 1, by: max(1, packed.readableBytes / 17)) {
            let truncated = packed.getSlice(at: packed.readerIndex, length: cut)!
            #expect(throws: (any Error).self, "\(codec) accepted \(cut) of \(packed.readableBytes) bytes") {
                _ = try RecordCompression.decompress(truncated, codec: codec)
            }
        }
        var garbage = ByteBuffer()
        garbage.writeBytes((0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
        #expect(throws: (any Error).self) { _ = try RecordCompression.decompress(garbage, codec: codec) }
    }

    @Test func aSmallFrameCannotInflateWithoutLimit() throws {
        let huge = ByteBuffer(repeating: 0, count: RecordCompression.maxDecompressedBytes + 1024)
        let bomb = try RecordCompression.compress(huge, codec: .zstd)
        #expect(bomb.readableBytes < 64 * 1024)
        #expect(throws: (any Error).self) { _ = try RecordCompression.decompress(bomb, codec: .zstd) }
    }

    @Test func compressionTypeNamesAsKafkasConfigSaysThem() {
        #expect(CompressionCodec(name: "lz4") == .lz4)
        #expect(CompressionCodec(name: "ZSTD") == .zstd)
        #expect(CompressionCodec(name: "none") == CompressionCodec.none)
        #expect(CompressionCodec(name: "brotli") == nil)
    }
}
