import CCompression

/// Kafka's snappy codec: Java clients (and librdkafka, for them) wrap raw snappy blocks in xerial's
/// framing — a 16-byte header, then [4-byte length][snappy block]… — so both forms are read; Samsa writes
/// the framed one too.
enum Snappy {
    static let xerialMagic: [UInt8] = [0x82, 0x53, 0x4E, 0x41, 0x50, 0x50, 0x59, 0x00]

    static func decompress(_ input: [UInt8]) throws -> [UInt8] {
        guard input.count >= 16, Array(input[0..<8]) == xerialMagic else { return try block(input[...]) }
        var output: [UInt8] = []
        var index = 16
        while index < input.count {
            guard index + 4 <= input.count else { throw RecordCompression.failure("snappy", "truncated block length") }
            let length = Int(input[index]) << 24 | Int(input[index + 1]) << 16 | Int(input[index + 2]) << 8 | Int(input[index + 3])
            index += 4
            guard length >= 0, index + length <= input.count else { throw RecordCompression.failure("snappy", "truncated block") }
            output += try block(input[index..<(index + length)])
            guard output.count <= RecordCompression.maxDecompressedBytes else { throw RecordCompression.failure("snappy", "too large") }
            index += length
        }
        return output
    }

    private static func block(_ input: ArraySlice<UInt8>) throws -> [UInt8] {
        try input.withUnsafeBufferPointer { source in
            let raw = UnsafeRawPointer(source.baseAddress!).assumingMemoryBound(to: CChar.self)
            var length = 0
            guard snappy_uncompressed_length(raw, source.count, &length) == SNAPPY_OK,
                  length <= RecordCompression.maxDecompressedBytes else {
                throw RecordCompression.failure("snappy", "bad block header")
            }
            var output = [UInt8](repeating: 0, count: length)
            let status = output.withUnsafeMutableBufferPointer { sink in
                snappy_uncompress(raw, source.count, UnsafeMutableRawPointer(sink.baseAddress!).assumingMemoryBound(to: CChar.self), &length)
            }
            guard status == SNAPPY_OK else { throw RecordCompression.failure("snappy", "status \(status)") }
            return Array(output[0..<length])
        }
    }

    static func compress(_ input: [UInt8]) throws -> [UInt8] {
        var output = xerialMagic + [0, 0, 0, 1, 0, 0, 0, 1]
        let blockSize = 32 * 1024
        var start = 0
        repeat {
            let slice = input[start..<min(start + blockSize, input.count)]
            var length = snappy_max_compressed_length(slice.count)
            var block = [UInt8](repeating: 0, count: length)
            let status = slice.withUnsafeBufferPointer { source in
                block.withUnsafeMutableBufferPointer { sink in
                    snappy_compress(UnsafeRawPointer(source.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self),
                                    source.count, UnsafeMutableRawPointer(sink.baseAddress!).assumingMemoryBound(to: CChar.self), &length)
                }
            }
            guard status == SNAPPY_OK else { throw RecordCompression.failure("snappy", "status \(status)") }
            output += [UInt8(length >> 24 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
            output += block[0..<length]
            start += blockSize
        } while start < input.count
        return output
    }
}
