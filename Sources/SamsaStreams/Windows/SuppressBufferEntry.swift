import NIOCore
import SamsaProtocol

/// One key's entry in the suppression buffer, and its bytes in the buffer's store (so the changelog restores
/// it): buffer time, record timestamp, new and prior value (length-prefixed, -1 for null), then headers.
struct SuppressBufferEntry {
    var bufferTime: Int64
    var timestamp: Int64
    var newValue: [UInt8]?
    var priorValue: [UInt8]?
    var headers: [RecordHeader]

    func encoded() -> [UInt8] {
        var out = Serdes.bigEndianBytes(bufferTime) + Serdes.bigEndianBytes(timestamp)
        Self.append(newValue, to: &out)
        Self.append(priorValue, to: &out)
        out += Serdes.bigEndianBytes(Int32(headers.count))
        for header in headers {
            Self.append(Array(header.key.utf8), to: &out)
            Self.append(header.value.map { Array($0.readableBytesView) }, to: &out)
        }
        return out
    }

    init(bufferTime: Int64, timestamp: Int64, newValue: [UInt8]?, priorValue: [UInt8]?, headers: [RecordHeader]) {
        self.bufferTime = bufferTime
        self.timestamp = timestamp
        self.newValue = newValue
        self.priorValue = priorValue
        self.headers = headers
    }

    init(decoding bytes: [UInt8]) throws {
        var reader = Reader(bytes: bytes)
        bufferTime = try reader.int64()
        timestamp = try reader.int64()
        newValue = try reader.lengthPrefixed()
        priorValue = try reader.lengthPrefixed()
        let count = try reader.int32()
        guard count >= 0 else { throw SerdeError("A suppression buffer entry has a negative header count.") }
        headers = try (0..<count).map { _ in
            let key = try reader.lengthPrefixed() ?? []
            return RecordHeader(key: String(decoding: key, as: UTF8.self), value: try reader.lengthPrefixed().map { ByteBuffer(bytes: $0) })
        }
    }

    /// The in-memory size Kafka's buffer bounds (`maxBytes`): key plus values plus the fixed fields.
    func sizeInBytes(keyCount: Int) -> Int {
        keyCount + (newValue?.count ?? 0) + (priorValue?.count ?? 0) + 16
    }

    private static func append(_ bytes: [UInt8]?, to out: inout [UInt8]) {
        guard let bytes else { return out += Serdes.bigEndianBytes(Int32(-1)) }
        out += Serdes.bigEndianBytes(Int32(bytes.count)) + bytes
    }

    private struct Reader {
        let bytes: [UInt8]
        var at = 0
        mutating func take(_ n: Int) throws -> [UInt8] {
            guard n >= 0, at + n <= bytes.count else {
                throw SerdeError("A suppression buffer entry is truncated at byte \(at) of \(bytes.count).")
            }
            defer { at += n }
            return Array(bytes[at..<(at + n)])
        }
        mutating func int64() throws -> Int64 { try Serdes.fromBigEndian(take(8), as: Int64.self, serde: "SuppressBuffer") }
        mutating func int32() throws -> Int32 { try Serdes.fromBigEndian(take(4), as: Int32.self, serde: "SuppressBuffer") }
        mutating func lengthPrefixed() throws -> [UInt8]? {
            let n = try int32()
            return n < 0 ? nil : try take(Int(n))
        }
    }
}
