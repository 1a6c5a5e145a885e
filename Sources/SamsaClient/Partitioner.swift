/// Kafka's default partitioner for keyed records: murmur2 of the key bytes, made positive, modulo the
/// partition count — the same partition the Java client (and librdkafka's `murmur2_random`) picks.
public enum Partitioner {
    public static func murmur2(_ data: some Collection<UInt8>) -> Int32 {
        let bytes = Array(data)
        let length = bytes.count
        let m: UInt32 = 0x5bd1_e995
        let r: UInt32 = 24
        var h: UInt32 = 0x9747_b28c ^ UInt32(truncatingIfNeeded: length)
        let words = length / 4
        for i in 0..<words {
            let base = i * 4
            var k = UInt32(bytes[base]) | UInt32(bytes[base + 1]) << 8 | UInt32(bytes[base + 2]) << 16 | UInt32(bytes[base + 3]) << 24
            k = k &* m
            k ^= k >> r
            k = k &* m
            h = h &* m
            h ^= k
        }
        let tail = words * 4
        switch length % 4 {
        case 3:
            h ^= UInt32(bytes[tail + 2]) << 16
            fallthrough
        case 2:
            h ^= UInt32(bytes[tail + 1]) << 8
            fallthrough
        case 1:
            h ^= UInt32(bytes[tail])
            h = h &* m
        default:
            break
        }
        h ^= h >> 13
        h = h &* m
        h ^= h >> 15
        return Int32(bitPattern: h)
    }

    /// The partition for `key` among `count` partitions.
    public static func partition(forKey key: some Collection<UInt8>, count: Int) -> Int32 {
        Int32((Int(murmur2(key)) & 0x7fff_ffff) % count)
    }
}
