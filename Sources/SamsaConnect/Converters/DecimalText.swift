/// Connect's Decimal logical type is the unscaled value as Java's `BigInteger.toByteArray()` (big-endian two's
/// complement, minimal length) with the scale in the schema's `scale` parameter. These helpers turn it into
/// `BigDecimal.toString()` text (what JsonConverter writes with `decimal.format=NUMERIC`) and back.
public enum DecimalText {
    /// `BigDecimal.toString()`: plain when the scale is ≥ 0 and the adjusted exponent ≥ -6, else scientific
    /// (`1.56`, `0.000001`, `1E-7`, `1.23E+5` for a negative scale).
    public static func string(unscaled: [UInt8], scale: Int) -> String {
        let (negative, magnitude) = magnitudeOf(unscaled)
        let coefficient = decimalDigits(magnitude)
        let sign = negative ? "-" : ""
        let adjusted = -scale + (coefficient.count - 1)
        if scale >= 0 && adjusted >= -6 {
            if scale == 0 { return sign + coefficient }
            if coefficient.count > scale {
                let cut = coefficient.index(coefficient.endIndex, offsetBy: -scale)
                return sign + coefficient[..<cut] + "." + coefficient[cut...]
            }
            return sign + "0." + String(repeating: "0", count: scale - coefficient.count) + coefficient
        }
        var text = sign + coefficient.prefix(1)
        if coefficient.count > 1 { text += "." + coefficient.dropFirst() }
        return text + "E" + (adjusted >= 0 ? "+" : "") + String(adjusted)
    }

    /// The unscaled two's-complement bytes of a JSON number's text at exactly `scale` digits after the point:
    /// fewer digits are padded, extra digits must be zeros (else Kafka's mismatching-scale DataException).
    public static func unscaled(fromText text: String, scale: Int) throws -> [UInt8] {
        var body = Substring(text)
        var negative = false
        if body.hasPrefix("-") { negative = true; body = body.dropFirst() } else if body.hasPrefix("+") { body = body.dropFirst() }
        var exponent = 0
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let x = Int(body[body.index(after: e)...]) else { throw bad(text) }
            exponent = x
            body = body[..<e]
        }
        var digits = String(body)
        var textScale = 0
        if let dot = digits.firstIndex(of: ".") {
            textScale = digits.distance(from: dot, to: digits.endIndex) - 1
            digits.remove(at: dot)
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw bad(text) }
        textScale -= exponent
        if textScale < scale {
            digits += String(repeating: "0", count: scale - textScale)
        } else if textScale > scale {
            let extra = digits.suffix(textScale - scale)
            guard extra.count == textScale - scale, extra.allSatisfy({ $0 == "0" }) else {
                throw ConnectError.dataException("BigDecimal has mismatching scale value for given Decimal schema")
            }
            digits.removeLast(extra.count)
        }
        return twosComplement(negative: negative, magnitude: magnitudeFromDigits(digits))
    }

    private static func bad(_ text: String) -> ConnectError {
        ConnectError.dataException("Invalid type for Decimal, underlying representation should be numeric or bytes but was \(text)")
    }

    /// Sign and big-endian magnitude of a two's-complement value.
    static func magnitudeOf(_ bytes: [UInt8]) -> (Bool, [UInt8]) {
        guard let first = bytes.first, first & 0x80 != 0 else { return (false, bytes) }
        var out = bytes.map { ~$0 }
        if incrementOverflows(&out) { out.insert(1, at: 0) }
        return (true, out)
    }

    static func decimalDigits(_ magnitude: [UInt8]) -> String {
        var number = Array(magnitude.drop { $0 == 0 })
        if number.isEmpty { return "0" }
        var digits: [UInt8] = []
        while !number.isEmpty {
            var remainder: UInt32 = 0
            var quotient: [UInt8] = []
            quotient.reserveCapacity(number.count)
            for byte in number {
                let current = remainder << 8 | UInt32(byte)
                let q = UInt8(current / 10)
                remainder = current % 10
                if !quotient.isEmpty || q != 0 { quotient.append(q) }
            }
            digits.append(UInt8(ascii: "0") + UInt8(remainder))
            number = quotient
        }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }

    static func magnitudeFromDigits(_ digits: String) -> [UInt8] {
        var number: [UInt8] = []
        for d in digits.utf8 {
            var carry = UInt32(d - UInt8(ascii: "0"))
            for i in stride(from: number.count - 1, through: 0, by: -1) {
                let v = UInt32(number[i]) * 10 + carry
                number[i] = UInt8(v & 0xFF)
                carry = v >> 8
            }
            while carry > 0 { number.insert(UInt8(carry & 0xFF), at: 0); carry >>= 8 }
        }
        return number
    }

    /// Java's `BigInteger.toByteArray()` for a sign and magnitude.
    static func twosComplement(negative: Bool, magnitude: [UInt8]) -> [UInt8] {
        var mag = Array(magnitude.drop { $0 == 0 })
        if mag.isEmpty { return [0] }
        if !negative {
            if mag[0] & 0x80 != 0 { mag.insert(0, at: 0) }
            return mag
        }
        mag.insert(0, at: 0)
        var out = mag.map { ~$0 }
        _ = incrementOverflows(&out)
        while out.count > 1, out[0] == 0xFF, out[1] & 0x80 != 0 { out.removeFirst() }
        return out
    }

    /// Adds one to a big-endian number in place; true when it carried out of the top byte.
    private static func incrementOverflows(_ bytes: inout [UInt8]) -> Bool {
        for i in stride(from: bytes.count - 1, through: 0, by: -1) {
            let (sum, carry) = bytes[i].addingReportingOverflow(1)
            bytes[i] = sum
            if !carry { return false }
        }
        return true
    }
}
