import NIOCore

/// Compresses and decompresses the records section of a RecordBatch v2 with Kafka's codecs. The broker
/// stores compressed batches as received; clients and tools (consumers, the workbench's tail) decode them here.
public enum RecordCompression {
    /// Refuse to inflate a batch beyond this: a small frame must not be able to exhaust memory.
    public static let maxDecompressedBytes = 256 << 20

    public static func decompress(_ data: ByteBuffer, codec: CompressionCodec) throws -> ByteBuffer {
        let bytes = Array(data.readableBytesView)
        let out: [UInt8]
        switch codec {
        case .none: return data
        case .gzip: out = try Gzip.decompress(bytes)
        case .snappy: out = try Snappy.decompress(bytes)
        case .lz4: out = try LZ4Frame.decompress(bytes)
        case .zstd: out = try Zstd.decompress(bytes)
        }
        return ByteBuffer(bytes: out)
    }

    public static func compress(_ data: ByteBuffer, codec: CompressionCodec) throws -> ByteBuffer {
        let bytes = Array(data.readableBytesView)
        let out: [UInt8]
        switch codec {
        case .none: return data
        case .gzip: out = try Gzip.compress(bytes)
        case .snappy: out = try Snappy.compress(bytes)
        case .lz4: out = try LZ4Frame.compress(bytes)
        case .zstd: out = try Zstd.compress(bytes)
        }
        return ByteBuffer(bytes: out)
    }

    static func failure(_ codec: String, _ why: String) -> ProtocolError {
        .invalidRecordBatch("\(codec) data is corrupt or truncated (\(why))")
    }
}
