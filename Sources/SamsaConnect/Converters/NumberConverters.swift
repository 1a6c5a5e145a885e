/// Kafka's number converters (`org.apache.kafka.connect.converters.LongConverter` …): the value is written
/// with Kafka's serializer for that type — big-endian two's complement integers, IEEE-754 bits for floats —
/// and read back as the optional schema of that type. Errors are Kafka's sentences.
public protocol FixedWidthConverter: Converter, HeaderConverter {
    init()
    /// The name Kafka's messages use ("long", "integer", …).
    static var typeName: String { get }
    /// `Schema.OPTIONAL_*_SCHEMA` of the type.
    static var schema: ConnectSchema { get }
    /// Kafka's deserializer's size error ("Size of data received by LongDeserializer is not 8").
    static var sizeError: String { get }
    static var width: Int { get }
    /// The serializer's bytes; nil when the value is not of this converter's Java type.
    static func encode(_ value: ConnectValue) -> [UInt8]?
    static func decode(bigEndian bits: UInt64) -> ConnectValue
}

extension FixedWidthConverter {
    public init(configs: [String: String], isKey: Bool) throws { self.init() }

    public func fromConnectData(topic: String, headers: [ConnectHeader] = [], schema: ConnectSchema?, value: ConnectValue) throws -> [UInt8]? {
        if value.isNull { return nil }
        guard let bytes = Self.encode(value) else {
            throw ConnectError.dataException("Failed to serialize to \(Self.typeName) (was \(JsonConverter.javaClass(value)))")
        }
        return bytes
    }

    public func toConnectData(topic: String, headers: [ConnectHeader] = [], value: [UInt8]?) throws -> SchemaAndValue {
        guard let value else { return SchemaAndValue(schema: Self.schema, value: .null) }
        guard value.count == Self.width else {
            throw ConnectError.dataException("Failed to deserialize \(Self.typeName): \(Self.sizeError)")
        }
        return SchemaAndValue(schema: Self.schema, value: Self.decode(bigEndian: value.reduce(0) { $0 << 8 | UInt64($1) }))
    }

    static func bigEndian(_ bits: UInt64, width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: bits >> (8 * UInt64(width - 1 - $0))) }
    }
}

public struct LongConverter: FixedWidthConverter {
    public init() {}
    public static let typeName = "long"
    public static let schema = ConnectSchema.optionalInt64
    public static let sizeError = "Size of data received by LongDeserializer is not 8"
    public static let width = 8
    public static func encode(_ value: ConnectValue) -> [UInt8]? {
        guard case .int64(let v) = value else { return nil }
        return bigEndian(UInt64(bitPattern: v), width: width)
    }
    public static func decode(bigEndian bits: UInt64) -> ConnectValue { .int64(Int64(bitPattern: bits)) }
}

public struct IntegerConverter: FixedWidthConverter {
    public init() {}
    public static let typeName = "integer"
    public static let schema = ConnectSchema.optionalInt32
    public static let sizeError = "Size of data received by IntegerDeserializer is not 4"
    public static let width = 4
    public static func encode(_ value: ConnectValue) -> [UInt8]? {
        guard case .int32(let v) = value else { return nil }
        return bigEndian(UInt64(UInt32(bitPattern: v)), width: width)
    }
    public static func decode(bigEndian bits: UInt64) -> ConnectValue { .int32(Int32(bitPattern: UInt32(truncatingIfNeeded: bits))) }
}

public struct ShortConverter: FixedWidthConverter {
    public init() {}
    public static let typeName = "short"
    public static let schema = ConnectSchema.optionalInt16
    public static let sizeError = "Size of data received by ShortDeserializer is not 2"
    public static let width = 2
    public static func encode(_ value: ConnectValue) -> [UInt8]? {
        guard case .int16(let v) = value else { return nil }
        return bigEndian(UInt64(UInt16(bitPattern: v)), width: width)
    }
    public static func decode(bigEndian bits: UInt64) -> ConnectValue { .int16(Int16(bitPattern: UInt16(truncatingIfNeeded: bits))) }
}

public struct FloatConverter: FixedWidthConverter {
    public init() {}
    public static let typeName = "float"
    public static let schema = ConnectSchema.optionalFloat32
    public static let sizeError = "Size of data received by Deserializer is not 4"
    public static let width = 4
    public static func encode(_ value: ConnectValue) -> [UInt8]? {
        guard case .float32(let v) = value else { return nil }
        return bigEndian(UInt64(v.bitPattern), width: width)
    }
    public static func decode(bigEndian bits: UInt64) -> ConnectValue { .float32(Float(bitPattern: UInt32(truncatingIfNeeded: bits))) }
}

public struct DoubleConverter: FixedWidthConverter {
    public init() {}
    public static let typeName = "double"
    public static let schema = ConnectSchema.optionalFloat64
    public static let sizeError = "Size of data received by Deserializer is not 8"
    public static let width = 8
    public static func encode(_ value: ConnectValue) -> [UInt8]? {
        guard case .float64(let v) = value else { return nil }
        return bigEndian(v.bitPattern, width: width)
    }
    public static func decode(bigEndian bits: UInt64) -> ConnectValue { .float64(Double(bitPattern: bits)) }
}
