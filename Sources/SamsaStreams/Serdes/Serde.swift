import Foundation

/// Turns values of one type into bytes and back, as Kafka's `Serde<T>`. A null record key or value never
/// reaches a serde: absent bytes are `nil` on both sides.
public struct Serde<T>: Sendable {
    /// Kafka's name for the format (`String`, `Long`, …), shown in errors and the topology description.
    public let name: String
    public let serialize: @Sendable (T) throws -> [UInt8]
    public let deserialize: @Sendable ([UInt8]) throws -> T

    public init(name: String, serialize: @escaping @Sendable (T) throws -> [UInt8],
                deserialize: @escaping @Sendable ([UInt8]) throws -> T) {
        self.name = name
        self.serialize = serialize
        self.deserialize = deserialize
    }
}

/// Bytes that do not hold what a serde expects: one sentence naming the serde and the length.
public struct SerdeError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The serdes Kafka ships, with Kafka's byte formats (big-endian numbers, UTF-8 strings, JSON text).
public enum Serdes {
    public static let string = Serde<String>(name: "String", serialize: { Array($0.utf8) },
                                             deserialize: { String(decoding: $0, as: UTF8.self) })

    /// Kafka's LongSerializer: 8 bytes, big-endian, two's complement.
    public static let long = Serde<Int64>(name: "Long", serialize: { bigEndianBytes($0) },
                                          deserialize: { try fromBigEndian($0, as: Int64.self, serde: "Long") })

    /// Kafka's IntegerSerializer: 4 bytes, big-endian.
    public static let int = Serde<Int32>(name: "Integer", serialize: { bigEndianBytes($0) },
                                         deserialize: { try fromBigEndian($0, as: Int32.self, serde: "Integer") })

    /// Kafka's DoubleSerializer: the IEEE 754 bits, 8 bytes, big-endian.
    public static let double = Serde<Double>(name: "Double", serialize: { bigEndianBytes($0.bitPattern) },
                                             deserialize: { Double(bitPattern: try fromBigEndian($0, as: UInt64.self, serde: "Double")) })

    public static let bytes = Serde<[UInt8]>(name: "ByteArray", serialize: { $0 }, deserialize: { $0 })

    /// JSON text of a Codable value (Kafka's JsonSerializer, as Connect and ksqlDB write it).
    public static func json<T: Codable & Sendable>(_ type: T.Type = T.self) -> Serde<T> {
        Serde<T>(name: "Json<\(T.self)>", serialize: { value in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return Array(try encoder.encode(value))
        }, deserialize: { bytes in
            do {
                return try JSONDecoder().decode(T.self, from: Data(bytes))
            } catch {
                throw SerdeError("Json serde could not read \(bytes.count) bytes as \(T.self): \(error).")
            }
        })
    }

    static func bigEndianBytes<I: FixedWidthInteger>(_ value: I) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    static func fromBigEndian<I: FixedWidthInteger>(_ bytes: [UInt8], as: I.Type, serde: String) throws -> I {
        guard bytes.count == MemoryLayout<I>.size else {
            throw SerdeError("\(serde) serde expects \(MemoryLayout<I>.size) bytes, got \(bytes.count).")
        }
        return bytes.reduce(I.zero) { ($0 << 8) | I(truncatingIfNeeded: $1) }
    }
}
