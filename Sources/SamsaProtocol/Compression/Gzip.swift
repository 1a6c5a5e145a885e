import CCompression

/// Kafka's gzip codec: a gzip stream (Java's GZIPOutputStream), through zlib.
enum Gzip {
    static func decompress(_ input: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        // 15 + 32: a 32 KiB window, and zlib detects the gzip (or zlib) header itself.
        guard samsa_inflate_init(&stream, 15 + 32) == Z_OK else { throw RecordCompression.failure("gzip", "inflate init") }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = input
        let status: Int32 = input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = UInt32(source.count)
            while true {
                let code: Int32 = chunk.withUnsafeMutableBufferPointer { sink in
                    stream.next_out = sink.baseAddress
                    stream.avail_out = UInt32(sink.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                output.append(contentsOf: chunk[0..<produced])
                if code == Z_STREAM_END { return code }
                if output.count > RecordCompression.maxDecompressedBytes { return Z_MEM_ERROR }
                if code != Z_OK || (produced == 0 && stream.avail_in == 0) { return code == Z_OK ? Z_BUF_ERROR : code }
            }
        }
        guard status == Z_STREAM_END else { throw RecordCompression.failure("gzip", "zlib status \(status)") }
        return output
    }

    static func compress(_ input: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        // 15 + 16: write a gzip header and trailer, as Kafka's producers do.
        guard samsa_deflate_init(&stream, Z_DEFAULT_COMPRESSION, 15 + 16) == Z_OK else {
            throw RecordCompression.failure("gzip", "deflate init")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 32)
        var input = input
        let status: Int32 = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { sink in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = sink.baseAddress
                stream.avail_out = UInt32(sink.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw RecordCompression.failure("gzip", "zlib status \(status)") }
        return Array(output[0..<Int(stream.total_out)])
    }
}
