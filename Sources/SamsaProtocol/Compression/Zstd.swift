import CCompression

/// Kafka's zstd codec: one zstd frame, read as a stream because producers need not record its size.
enum Zstd {
    static func decompress(_ input: [UInt8]) throws -> [UInt8] {
        guard let stream = ZSTD_createDStream() else { throw RecordCompression.failure("zstd", "context") }
        defer { ZSTD_freeDStream(stream) }
        ZSTD_initDStream(stream)
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: Int(ZSTD_DStreamOutSize()))
        try input.withUnsafeBufferPointer { source in
            var inBuffer = ZSTD_inBuffer(src: source.baseAddress, size: source.count, pos: 0)
            var finished = false
            while !finished {
                var outPos = 0
                let hint = chunk.withUnsafeMutableBufferPointer { sink in
                    var outBuffer = ZSTD_outBuffer(dst: sink.baseAddress, size: sink.count, pos: 0)
                    defer { outPos = outBuffer.pos }
                    return ZSTD_decompressStream(stream, &outBuffer, &inBuffer)
                }
                if ZSTD_isError(hint) != 0 { throw RecordCompression.failure("zstd", String(cString: ZSTD_getErrorName(hint))) }
                output.append(contentsOf: chunk[0..<outPos])
                guard output.count <= RecordCompression.maxDecompressedBytes else { throw RecordCompression.failure("zstd", "too large") }
                if hint == 0 {
                    finished = inBuffer.pos == inBuffer.size
                    if !finished { continue }
                } else if inBuffer.pos == inBuffer.size && outPos < chunk.count {
                    throw RecordCompression.failure("zstd", "truncated frame")
                }
            }
        }
        return output
    }

    static func compress(_ input: [UInt8]) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: ZSTD_compressBound(input.count))
        let written = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { sink in
                ZSTD_compress(sink.baseAddress, sink.count, source.baseAddress, source.count, 3)
            }
        }
        guard ZSTD_isError(written) == 0 else { throw RecordCompression.failure("zstd", String(cString: ZSTD_getErrorName(written))) }
        return Array(output[0..<written])
    }
}
