/// Java's `Double.toString` / `Float.toString`, which Kafka's console consumer prints a DoubleDeserializer's value
/// with: the shortest digits that read back to the same number, plain between 10⁻³ and 10⁷ ("3.0", "0.001"),
/// otherwise "1.0E7" / "1.25E-5"; "NaN", "Infinity", "-0.0".
enum JavaFloatingPoint {
    static func text<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        let sign = value.sign == .minus ? "-" : ""
        if value.isZero { return sign + "0.0" }
        // Swift's description already has the shortest round-tripping digits; only the layout differs.
        var (digits, point) = decimalDigits(value.magnitude.description)
        if value.magnitude >= 1e-3 && value.magnitude < 1e7 {
            if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
            if point >= digits.count { return sign + digits + String(repeating: "0", count: point - digits.count) + ".0" }
            digits.insert(".", at: digits.index(digits.startIndex, offsetBy: point))
            return sign + digits
        }
        let first = digits.removeFirst()
        return sign + String(first) + "." + (digits.isEmpty ? "0" : digits) + "E" + String(point - 1)
    }

    /// "123.45e-3" → ("12345", 0): the significant digits and where the decimal point falls among them.
    static func decimalDigits(_ text: String) -> (String, Int) {
        let parts = text.lowercased().split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        var digits = mantissa.filter { $0 != "." }
        var point = (mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count) + exponent
        while digits.first == "0" && digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" && digits.count > 1 { digits.removeLast() }
        return (String(digits), point)
    }
}
