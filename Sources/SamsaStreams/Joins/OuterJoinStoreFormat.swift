/// The bytes of Kafka's shared outer-join store (`KSTREAM-OUTERSHARED-…-store`): keys are
/// `TimestampedKeyAndJoinSide` (8-byte timestamp, 1 byte: 1 = left side, then the key), so iteration runs in
/// time order; each value is a list (Kafka's `ListValueStore`) of `LeftOrRightValue`s, each a 4-byte length
/// then 1 side byte and the value's bytes.
enum OuterJoinStoreFormat {
    static func key(timestamp: Int64, isLeft: Bool, key: [UInt8]) -> [UInt8] {
        Serdes.bigEndianBytes(timestamp) + [isLeft ? 1 : 0] + key
    }

    static func parseKey(_ bytes: [UInt8]) throws -> (timestamp: Int64, isLeft: Bool, key: [UInt8]) {
        guard bytes.count >= 9 else { throw SerdeError("An outer-join store key needs at least 9 bytes, got \(bytes.count).") }
        let ts = try Serdes.fromBigEndian(Array(bytes[..<8]), as: Int64.self, serde: "TimestampedKeyAndJoinSide")
        return (ts, bytes[8] == 1, Array(bytes[9...]))
    }

    static func appending(_ value: [UInt8], isLeft: Bool, to list: [UInt8]?) -> [UInt8] {
        (list ?? []) + Serdes.bigEndianBytes(Int32(value.count + 1)) + [isLeft ? 1 : 0] + value
    }

    static func values(_ list: [UInt8]) throws -> [(isLeft: Bool, value: [UInt8])] {
        var out: [(Bool, [UInt8])] = []
        var at = 0
        while at < list.count {
            guard at + 4 <= list.count else { throw SerdeError("An outer-join store value list is truncated.") }
            let n = Int(try Serdes.fromBigEndian(Array(list[at..<(at + 4)]), as: Int32.self, serde: "LeftOrRightValue"))
            at += 4
            guard n >= 1, at + n <= list.count else { throw SerdeError("An outer-join store value list is truncated.") }
            out.append((list[at] == 1, Array(list[(at + 1)..<(at + n)])))
            at += n
        }
        return out
    }
}
