/// Kafka's `ValueAndTimestampSerializer` layout, which the window stores of time and sliding windowed
/// aggregations keep (as Kafka's timestamped window stores do): 8-byte big-endian timestamp (the window's largest
/// record timestamp), then the aggregate's bytes. Interactive queries of those stores decode values with it.
public enum ValueAndTimestamp {
    public static func encode(_ value: [UInt8], timestamp: Int64) -> [UInt8] {
        Serdes.bigEndianBytes(timestamp) + value
    }

    public static func decode(_ bytes: [UInt8]) throws -> (value: [UInt8], timestamp: Int64) {
        guard bytes.count >= 8 else { throw SerdeError("A timestamped value needs at least 8 bytes, got \(bytes.count).") }
        let ts = try Serdes.fromBigEndian(Array(bytes[..<8]), as: Int64.self, serde: "ValueAndTimestamp")
        return (Array(bytes[8...]), ts)
    }
}
