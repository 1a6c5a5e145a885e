import Foundation

/// Kafka's `Cast.castValueToType`: one value to one target type, with Java's narrowing and parsing rules
/// and Cast's `DataException` sentences.
enum CastValue {
    /// A value as the Java object Cast sees (logical types already in their physical form, except as noted).
    private enum Source {
        case integer(Int64, String), floating(Double, isFloat: Bool), decimal(unscaled: [UInt8], scale: Int)
        case boolean(Bool), string(String), bytes([UInt8]), date(millis: Int64)
    }

    static func cast(_ value: ConnectValue, schema: ConnectSchema?, to target: ConnectSchema.SchemaType) throws -> ConnectValue {
        if value.isNull { return .null }
        let inferred = schema?.type ?? inferredType(value)
        guard Cast.inputTypes.contains(inferred) else {
            throw ConnectError.dataException("Cast transformation does not support casting from \(inferred.rawValue.uppercased()); supported types are \(Cast.javaTypeList(Cast.inputTypes))")
        }
        let source = try self.source(value, schema: schema, forString: target == .string)
        switch target {
        case .int8: return .int8(Int8(truncatingIfNeeded: try integer(source, value, int32Narrowing: true, parse: { Int8($0).map(Int64.init) })))
        case .int16: return .int16(Int16(truncatingIfNeeded: try integer(source, value, int32Narrowing: true, parse: { Int16($0).map(Int64.init) })))
        case .int32: return .int32(Int32(truncatingIfNeeded: try integer(source, value, int32Narrowing: true, parse: { Int32($0).map(Int64.init) })))
        case .int64: return .int64(try integer(source, value, int32Narrowing: false, parse: { Int64($0) }))
        case .float32:
            if case .floating(let d, true) = source { return .float32(Float(d)) }
            return .float32(Float(try floating(source, value)))
        case .float64: return .float64(try floating(source, value))
        case .boolean:
            switch source {
            case .boolean(let b): return .boolean(b)
            case .string(let s): return .boolean(s.lowercased() == "true")
            case .bytes: throw unexpected(value)
            default: return .boolean(try integer(source, value, int32Narrowing: false, parse: { _ in nil }) != 0)
            }
        case .string: return .string(string(source))
        default: throw ConnectError.dataException("\(target.rawValue.uppercased()) is not supported in the Cast transformation.")
        }
    }

    static func inferredType(_ value: ConnectValue) -> ConnectSchema.SchemaType {
        switch value {
        case .int8: .int8
        case .int16: .int16
        case .int32: .int32
        case .int64: .int64
        case .float32: .float32
        case .float64: .float64
        case .boolean: .boolean
        case .string: .string
        case .bytes: .bytes
        case .array: .array
        case .map: .map
        case .structure, .null: .struct
        }
    }

    private static func source(_ value: ConnectValue, schema: ConnectSchema?, forString: Bool) throws -> Source {
        switch (schema?.name, value) {
        case (ConnectSchema.Logical.decimal?, .bytes(let b)):
            return .decimal(unscaled: b, scale: Int(schema?.parameters?["scale"] ?? "0") ?? 0)
        case (ConnectSchema.Logical.date?, let v) where forString: return .date(millis: (v.integerValue ?? 0) * 86_400_000)
        case (ConnectSchema.Logical.time?, let v) where forString: return .date(millis: v.integerValue ?? 0)
        case (ConnectSchema.Logical.timestamp?, let v) where forString: return .date(millis: v.integerValue ?? 0)
        default: break
        }
        switch value {
        case .int8(let v): return .integer(Int64(v), "\(v)")
        case .int16(let v): return .integer(Int64(v), "\(v)")
        case .int32(let v): return .integer(Int64(v), "\(v)")
        case .int64(let v): return .integer(v, "\(v)")
        case .float32(let v): return .floating(Double(v), isFloat: true)
        case .float64(let v): return .floating(v, isFloat: false)
        case .boolean(let v): return .boolean(v)
        case .string(let v): return .string(v)
        case .bytes(let v): return .bytes(v)
        default: throw unexpected(value)
        }
    }

    private static func unexpected(_ value: ConnectValue) -> ConnectError {
        .dataException("Unexpected type in Cast transformation: \(TransformRequirements.javaClass(value))")
    }

    private static func outOfRange(_ text: String) -> ConnectError {
        .dataException("Value (\(text)) was out of range for requested data type")
    }

    /// `Number.longValue()` (or `intValue()` before a narrower cast), booleans as 0/1, strings parsed strictly.
    private static func integer(_ source: Source, _ value: ConnectValue, int32Narrowing: Bool, parse: (String) -> Int64?) throws -> Int64 {
        switch source {
        case .integer(let i, _): return i
        case .floating(let d, _): return int32Narrowing ? Int64(JavaNumber.javaInt(d)) : JavaNumber.javaLong(d)
        case .decimal(let unscaled, let scale): return decimalIntegerPart(unscaled, scale)
        case .boolean(let b): return b ? 1 : 0
        case .string(let s):
            guard let v = parse(s) else { throw outOfRange(s) }
            return v
        case .bytes, .date: throw unexpected(value)
        }
    }

    private static func floating(_ source: Source, _ value: ConnectValue) throws -> Double {
        switch source {
        case .integer(let i, _): return Double(i)
        case .floating(let d, _): return d
        case .decimal(let unscaled, let scale): return decimalDouble(unscaled, scale)
        case .boolean(let b): return b ? 1 : 0
        case .string(let s):
            // Float.parseFloat/Double.parseDouble trim whitespace and accept a trailing f/d.
            var t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            if let last = t.last, "fFdD".contains(last), t.count > 1 { t.removeLast() }
            // Java spells the specials NaN and Infinity only; Swift also takes nan, inf, infinity.
            let body = t.hasPrefix("-") || t.hasPrefix("+") ? String(t.dropFirst()) : t
            if let c = body.first, c.isLetter, body != "NaN", body != "Infinity" { throw outOfRange(s) }
            guard let d = Double(t) else { throw outOfRange(s) }
            return d
        case .bytes, .date: throw unexpected(value)
        }
    }

    private static func string(_ source: Source) -> String {
        switch source {
        case .integer(_, let text): text
        case .floating(let d, let isFloat): isFloat ? JavaText.float(Float(d)) : JavaText.double(d)
        case .decimal(let unscaled, let scale): decimalString(unscaled, scale)
        case .boolean(let b): b ? "true" : "false"
        case .string(let s): s
        case .bytes(let b): Data(b).base64EncodedString()
        case .date(let ms): JavaDateFormat.isoFormat(forMillis: ms).format(millis: ms)
        }
    }

    /// A Decimal's unscaled two's-complement bytes as an integer (low 64 bits, as `BigInteger.longValue`).
    private static func unscaledInt(_ bytes: [UInt8]) -> Int64 {
        guard let first = bytes.first else { return 0 }
        var v: Int64 = first >= 0x80 ? -1 : 0
        for b in bytes { v = (v << 8) | Int64(b) }
        return v
    }

    private static func decimalIntegerPart(_ bytes: [UInt8], _ scale: Int) -> Int64 {
        var v = unscaledInt(bytes)
        if scale > 0 { for _ in 0..<scale { v /= 10 } } else if scale < 0 { for _ in 0 ..< -scale { v &*= 10 } }
        return v
    }

    private static func decimalDouble(_ bytes: [UInt8], _ scale: Int) -> Double {
        Double(unscaledInt(bytes)) / pow(10, Double(scale))
    }

    /// `BigDecimal.toString()` for the usual case (scale ≥ 0, not tiny); otherwise its `E` notation.
    private static func decimalString(_ bytes: [UInt8], _ scale: Int) -> String {
        let v = unscaledInt(bytes)
        let digits = String(v.magnitude), sign = v < 0 ? "-" : ""
        let adjusted = digits.count - 1 - scale
        if scale == 0 { return sign + digits }
        if scale > 0 && adjusted >= -6 {
            if digits.count > scale { return sign + digits.dropLast(scale) + "." + digits.suffix(scale) }
            return sign + "0." + String(repeating: "0", count: scale - digits.count) + digits
        }
        let mantissa = digits.count > 1 ? digits.prefix(1) + "." + digits.dropFirst() : Substring(digits)
        return sign + mantissa + "E" + (adjusted >= 0 ? "+" : "") + "\(adjusted)"
    }
}
