/// Kafka's `ChangedSerializer`/`ChangedDeserializer` byte format for table changes on a repartition topic:
/// `{old}{0}`, `{new}{1}`, or `{varint newLength}{new}{old}{2}`.
enum ChangeSerde {
    static func serializer<V>(_ inner: Serde<V>) -> @Sendable (Any) throws -> [UInt8] {
        { any in
            let change = any as! Change
            let new = try change.new.map { try inner.serialize($0 as! V) }
            let old = try change.old.map { try inner.serialize($0 as! V) }
            switch (new, old) {
            case let (new?, old?): return zigzagVarint(Int64(new.count)) + new + old + [2]
            case let (new?, nil): return new + [1]
            case let (nil, old?): return old + [0]
            case (nil, nil): throw StreamsError(.topology, "Both old and new values are null in ChangeSerializer, which is not allowed.")
            }
        }
    }

    static func deserialize<V>(_ bytes: [UInt8], _ inner: Serde<V>) throws -> Change {
        guard let flag = bytes.last else { throw SerdeError("A table change on a repartition topic is empty.") }
        let body = Array(bytes.dropLast())
        switch flag {
        case 0: return Change(new: nil, old: try inner.deserialize(body))
        case 1: return Change(new: try inner.deserialize(body), old: nil)
        case 2:
            var index = 0, shift: UInt64 = 0, raw: UInt64 = 0
            while index < body.count {
                let byte = body[index]
                raw |= UInt64(byte & 0x7f) << shift
                index += 1
                if byte & 0x80 == 0 { break }
                shift += 7
            }
            let length = Int(Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
            guard length >= 0, index + length <= body.count else { throw SerdeError("A table change has a bad length \(length).") }
            return Change(new: try inner.deserialize(Array(body[index..<index + length])),
                          old: try inner.deserialize(Array(body[(index + length)...])))
        default: throw SerdeError("A table change on a repartition topic has the unknown flag \(flag).")
        }
    }

    static func zigzagVarint(_ value: Int64) -> [UInt8] {
        var raw = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        var out: [UInt8] = []
        while raw >= 0x80 {
            out.append(UInt8(raw & 0x7f) | 0x80)
            raw >>= 7
        }
        out.append(UInt8(raw))
        return out
    }
}
