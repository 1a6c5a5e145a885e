import Foundation

/// Kafka's `MaskField$Key` / `MaskField$Value`: replaces the listed fields with their type's "null" value
/// (0, false, "", empty array or map, the epoch for Date/Time/Timestamp, zero for Decimal), or with
/// `replacement` converted to a numeric, string or Decimal field's type.
public final class MaskField: Transformation {
    static let purpose = "mask fields"
    static let definition = ConfigDef([
        .smt("fields", .list, nil, .high, "Names of fields to mask.", validator: TransformConfig.nonEmptyList("fields")),
        .smt("replacement", .string, TransformConfig.nullDefault, .low,
             "Custom value replacement, that will be applied to all 'fields' values (numeric or non-empty string values only)."),
    ])

    private let part: RecordPart
    private var fields: [String] = []
    private var replacement: String?

    public init(part: RecordPart) { self.part = part }

    public var configDef: ConfigDef { Self.definition }

    public func configure(_ configs: [String: String]) throws {
        let config = try TransformConfig(Self.definition, configs)
        // Kafka's NonEmptyString validator: an explicit empty replacement is an error, an absent one is not.
        if let r = config.string("replacement"), r.isEmpty {
            throw ConnectError.config(TransformConfig.invalid("replacement", "", "String must be non-empty"))
        }
        fields = config.list("fields")
        replacement = config.string("replacement")
    }

    public func apply(_ record: ConnectRecord) throws -> ConnectRecord? {
        let value = part.value(record)
        guard let schema = part.schema(record) else {
            var map = try TransformRequirements.requireMap(value, Self.purpose)
            let original = map
            for field in fields { map.put(field, try masked(original[field: field] ?? .null, schema: nil)) }
            return part.updating(record, schema: nil, value: .map(map))
        }
        let original = try TransformRequirements.requireStruct(value, Self.purpose)
        let values = try original.schema.fields.map { field in
            fields.contains(field.name) ? try masked(original.values[field.index], schema: field.schema) : original.values[field.index]
        }
        return part.updating(record, schema: schema, value: .structure(ConnectStruct(schema: original.schema, values: values)))
    }

    private func masked(_ value: ConnectValue, schema: ConnectSchema?) throws -> ConnectValue {
        if value.isNull { return .null }
        let logical = schema?.name
        let isDate = [ConnectSchema.Logical.date, ConnectSchema.Logical.time, ConnectSchema.Logical.timestamp].contains(logical)
        let isDecimal = logical == ConnectSchema.Logical.decimal
        guard let replacement else {
            if isDecimal { return .bytes([0]) }
            switch value {
            case .boolean: return .boolean(false)
            case .int8: return .int8(0)
            case .int16: return .int16(0)
            case .int32: return .int32(0)
            case .int64: return .int64(0)
            case .float32: return .float32(0)
            case .float64: return .float64(0)
            case .string: return .string("")
            case .array: return .array([])
            case .map: return .map([])
            default: throw ConnectError.dataException("Cannot mask value of type: \(TransformRequirements.javaClass(value))")
            }
        }
        let javaClass = isDate ? "class java.util.Date" : isDecimal ? "class java.math.BigDecimal" : TransformRequirements.javaClass(value)
        func number() throws -> JavaNumber {
            guard let n = JavaNumber(decimalText: replacement) else {
                throw ConnectError.dataException("Unable to convert \(replacement) (class java.lang.String) to a number")
            }
            return n
        }
        if isDecimal {
            guard let (unscaled, scale) = Self.decimal(replacement) else {
                throw ConnectError.dataException("Unable to convert \(replacement) (class java.lang.String) to number")
            }
            // Kafka keeps the BigDecimal's own scale; its converters then reject a scale the schema does not have.
            guard String(scale) == (schema?.parameters?["scale"] ?? "0") else {
                throw ConnectError.dataException("BigDecimal has mismatching scale value for given Decimal schema")
            }
            return .bytes(Self.twosComplement(unscaled))
        }
        if isDate { throw ConnectError.dataException("Cannot mask value of type \(javaClass) with custom replacement.") }
        switch value {
        case .int8: return .int8(Int8(truncatingIfNeeded: try number().int64))
        case .int16: return .int16(Int16(truncatingIfNeeded: try number().int64))
        case .int32: return .int32(Int32(truncatingIfNeeded: try number().int64))
        case .int64: return .int64(try number().int64)
        case .float32: return .float32(Float(try number().double))
        case .float64: return .float64(try number().double)
        case .string: return .string(replacement)
        default: throw ConnectError.dataException("Cannot mask value of type \(javaClass) with custom replacement.")
        }
    }
}

extension MaskField {
    /// `new BigDecimal(text)` for plain decimals (`-12.50`): the unscaled value and the scale.
    static func decimal(_ text: String) -> (Int64, Int)? {
        var t = Substring(text)
        let negative = t.hasPrefix("-")
        if t.hasPrefix("-") || t.hasPrefix("+") { t = t.dropFirst() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let digits = Int64(parts.joined()), !parts.joined().isEmpty else { return nil }
        return (negative ? -digits : digits, parts.count == 2 ? parts[1].count : 0)
    }

    /// `BigInteger.toByteArray()`: the shortest big-endian two's-complement bytes (a Decimal's payload).
    static func twosComplement(_ v: Int64) -> [UInt8] {
        var bytes = withUnsafeBytes(of: v.bigEndian, Array.init)
        while bytes.count > 1, (bytes[0] == 0 && bytes[1] < 0x80) || (bytes[0] == 0xFF && bytes[1] >= 0x80) { bytes.removeFirst() }
        return bytes
    }
}

/// A number written as Java's `BigDecimal(String)` reads it (sign, digits, optional fraction and exponent),
/// narrowed as `BigDecimal.longValue()` / `doubleValue()` narrow.
struct JavaNumber {
    var int64: Int64
    var double: Double

    init?(decimalText text: String) {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        if i < scalars.count, scalars[i] == "+" || scalars[i] == "-" { i += 1 }
        var digits = 0
        while i < scalars.count, ("0"..."9").contains(scalars[i]) { i += 1; digits += 1 }
        if i < scalars.count, scalars[i] == "." {
            i += 1
            while i < scalars.count, ("0"..."9").contains(scalars[i]) { i += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        if i < scalars.count, scalars[i] == "e" || scalars[i] == "E" {
            i += 1
            if i < scalars.count, scalars[i] == "+" || scalars[i] == "-" { i += 1 }
            let start = i
            while i < scalars.count, ("0"..."9").contains(scalars[i]) { i += 1 }
            guard i > start else { return nil }
        }
        guard i == scalars.count, let d = Double(text) else { return nil }
        double = d
        int64 = Int64(text) ?? JavaNumber.javaLong(d)
    }

    /// Java's `(long) d`: NaN is 0, out-of-range values saturate, the rest truncate toward zero.
    static func javaLong(_ d: Double) -> Int64 {
        if d.isNaN { return 0 }
        if d >= 9.223372036854775807e18 { return .max }
        if d <= -9.223372036854775808e18 { return .min }
        return Int64(d.rounded(.towardZero))
    }

    /// Java's `(int) d`.
    static func javaInt(_ d: Double) -> Int32 {
        if d.isNaN { return 0 }
        if d >= 2147483647 { return .max }
        if d <= -2147483648 { return .min }
        return Int32(d.rounded(.towardZero))
    }
}
