/// Kafka's 128-bit UUID (topic ids). Printed in Kafka's URL-safe base64 without padding.
public struct KafkaUUID: Hashable, Sendable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public static let zero = KafkaUUID(high: 0, low: 0)

    /// A random version-4 UUID.
    public static func random() -> KafkaUUID {
        var generator = SystemRandomNumberGenerator()
        var high = generator.next() as UInt64
        var low = generator.next() as UInt64
        high = (high & ~0xF000) | 0x4000
        low = (low & ~(0xC000_0000_0000_0000 as UInt64)) | 0x8000_0000_0000_0000
        return KafkaUUID(high: high, low: low)
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    public var description: String {
        var bytes: [UInt8] = []
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: high >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: low >> UInt64(shift))) }
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            let n = (UInt32(b0) << 16) | (UInt32(b1) << 8) | UInt32(b2)
            let chars = min(4, (bytes.count - i) * 4 / 3 + ((bytes.count - i) % 3 == 0 ? 0 : 1))
            for k in 0..<chars { out.append(Self.alphabet[Int((n >> UInt32(18 - 6 * k)) & 63)]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    public init?(base64: String) {
        var value: [UInt8] = []
        var bits: UInt32 = 0
        var count = 0
        for c in base64.utf8 {
            guard let index = Self.alphabet.firstIndex(of: c) else { return nil }
            bits = (bits << 6) | UInt32(index)
            count += 6
            if count >= 8 {
                count -= 8
                value.append(UInt8(truncatingIfNeeded: bits >> UInt32(count)))
            }
        }
        guard value.count == 16 else { return nil }
        high = value[0..<8].reduce(0) { ($0 << 8) | UInt64($1) }
        low = value[8..<16].reduce(0) { ($0 << 8) | UInt64($1) }
    }
}
