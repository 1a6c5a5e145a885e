/// Kafka's `WindowKeySchema.toStoreKeyBinary`: the window store's key (and its changelog's) is the record key,
/// then the window start as a big-endian long, then a big-endian int sequence number (0 unless the store
/// retains duplicates, where each put takes the next one).
public enum WindowKeySchema {
    public static let suffixLength = 12

    public static func toStoreKeyBinary(_ key: [UInt8], windowStart: Int64, seqnum: Int32) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(key.count + suffixLength)
        out.append(contentsOf: key)
        StoreBytes.appendInt64(windowStart, to: &out)
        StoreBytes.appendInt32(seqnum, to: &out)
        return out
    }

    /// The parts of a store key, or nil when it is too short to be one.
    public static func fromStoreKeyBinary(_ binary: [UInt8]) -> (key: [UInt8], windowStart: Int64, seqnum: Int32)? {
        guard binary.count >= suffixLength else { return nil }
        let n = binary.count - suffixLength
        return (Array(binary[..<n]), StoreBytes.readInt64(binary, at: n), StoreBytes.readInt32(binary, at: n + 8))
    }
}

/// Kafka's `SessionKeySchema.toBinary`: the record key, then the session end, then its start (big-endian
/// longs; end first so a key's sessions that can overlap a search range are contiguous).
public enum SessionKeySchema {
    public static let suffixLength = 16

    public static func toBinary(_ key: [UInt8], start: Int64, end: Int64) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(key.count + suffixLength)
        out.append(contentsOf: key)
        StoreBytes.appendInt64(end, to: &out)
        StoreBytes.appendInt64(start, to: &out)
        return out
    }

    public static func fromBinary(_ binary: [UInt8]) -> (key: [UInt8], start: Int64, end: Int64)? {
        guard binary.count >= suffixLength else { return nil }
        let n = binary.count - suffixLength
        return (Array(binary[..<n]), StoreBytes.readInt64(binary, at: n + 8), StoreBytes.readInt64(binary, at: n))
    }
}
