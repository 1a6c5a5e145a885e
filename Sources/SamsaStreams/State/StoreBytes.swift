#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte helpers the stores share: unsigned lexicographic order (RocksDB's bytewise comparator, Kafka's
/// `Bytes.BYTES_LEXICO_COMPARATOR`) and big-endian integers as Java's `ByteBuffer.putLong/putInt` write them.
enum StoreBytes {
    /// Negative, zero or positive as `a` sorts before, with or after `b` (unsigned bytes, shorter prefix first).
    @inline(__always)
    static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                let n = min(pa.count, pb.count)
                if n > 0 {
                    let c = memcmp(pa.baseAddress!, pb.baseAddress!, n)
                    if c != 0 { return c < 0 ? -1 : 1 }
                }
                return pa.count == pb.count ? 0 : (pa.count < pb.count ? -1 : 1)
            }
        }
    }

    @inline(__always)
    static func less(_ a: [UInt8], _ b: [UInt8]) -> Bool { compare(a, b) < 0 }

    static func appendInt64(_ value: Int64, to bytes: inout [UInt8]) {
        let bits = UInt64(bitPattern: value)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    static func appendInt32(_ value: Int32, to bytes: inout [UInt8]) {
        let bits = UInt32(bitPattern: value)
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt32(shift))) }
    }

    static func readInt64(_ bytes: [UInt8], at offset: Int) -> Int64 {
        var bits: UInt64 = 0
        for i in 0..<8 { bits = bits << 8 | UInt64(bytes[offset + i]) }
        return Int64(bitPattern: bits)
    }

    static func readInt32(_ bytes: [UInt8], at offset: Int) -> Int32 {
        var bits: UInt32 = 0
        for i in 0..<4 { bits = bits << 8 | UInt32(bytes[offset + i]) }
        return Int32(bitPattern: bits)
    }

    /// A timestamp as 8 bytes that sort in numeric order (sign bit flipped), for the stores' time indexes.
    static func appendOrderedInt64(_ value: Int64, to bytes: inout [UInt8]) {
        appendInt64(Int64(bitPattern: UInt64(bitPattern: value) ^ (1 << 63)), to: &bytes)
    }

    static func readOrderedInt64(_ bytes: [UInt8], at offset: Int) -> Int64 {
        Int64(bitPattern: UInt64(bitPattern: readInt64(bytes, at: offset)) ^ (1 << 63))
    }
}
