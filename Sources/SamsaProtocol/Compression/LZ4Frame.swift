import CCompression

/// Kafka's lz4 codec: the LZ4 frame format (with correct header checksums for RecordBatch v2).
enum LZ4Frame {
    static func decompress(_ input: [UInt8]) throws -> [UInt8] {
        var context: OpaquePointer?
        guard LZ4F_isError(LZ4F_createDecompressionContext(&context, UInt32(LZ4F_VERSION))) == 0, let context else {
            throw RecordCompression.failure("lz4", "context")
        }
        defer { LZ4F_freeDecompressionContext(context) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var offset = 0
        while true {
            var consumed = input.count - offset
            var produced = chunk.count
            let hint = input.withUnsafeBufferPointer { source in
                chunk.withUnsafeMutableBufferPointer { sink in
                    LZ4F_decompress(context, sink.baseAddress, &produced, source.baseAddress.map { $0 + offset }, &consumed, nil)
                }
            }
            if LZ4F_isError(hint) != 0 {
                throw RecordCompression.failure("lz4", String(cString: LZ4F_getErrorName(hint)))
            }
            output.append(contentsOf: chunk[0..<produced])
            offset += consumed
            guard output.count <= RecordCompression.maxDecompressedBytes else { throw RecordCompression.failure("lz4", "too large") }
            if hint == 0 { return output }
            if consumed == 0 && produced == 0 { throw RecordCompression.failure("lz4", "truncated frame") }
        }
    }

    static func compress(_ input: [UInt8]) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: LZ4F_compressFrameBound(input.count, nil))
        let written = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { sink in
                LZ4F_compressFrame(sink.baseAddress, sink.count, source.baseAddress, source.count, nil)
            }
        }
        guard LZ4F_isError(written) == 0 else { throw RecordCompression.failure("lz4", String(cString: LZ4F_getErrorName(written))) }
        return Array(output[0..<written])
    }
}
