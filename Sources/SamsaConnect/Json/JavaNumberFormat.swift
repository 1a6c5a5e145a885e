import Foundation

/// Java's `Double.toString` / `Float.toString` text (what Jackson writes for DoubleNode/FloatNode): the
/// shortest digits that read back to the same value (as JDK 19+ prints them), in plain notation with at
/// least one fraction digit for 10^-3 ≤ |x| < 10^7 (`1.0`, `0.001`, `1234567.0`) and computerized scientific
/// notation otherwise (`1.0E7`, `1.5E-5`, `-4.9E-324`); `NaN`, `Infinity`, `-Infinity`.
public enum JavaNumberFormat {
    public static func string(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return format(shortest: shortestDigits(value.description, Double(value)), isZero: value == 0, negative: value.sign == .minus)
    }

    public static func string(_ value: Float) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return format(shortest: shortestDigits(value.description, Double(value)), isZero: value == 0, negative: value.sign == .minus)
    }

    /// Java never prints a single significant digit: when the shortest form has one (`5e-324`), it takes the
    /// two-digit decimal closest to the value (`4.9E-324`, `1.4E-45` for Float.MIN_VALUE, `1.0` for 1).
    private static func shortestDigits(_ swift: String, _ exact: Double) -> String {
        let mantissa = swift.prefix { $0 != "e" && $0 != "E" }
        guard mantissa.filter({ $0.isNumber && $0 != "0" }).count == 1,
              mantissa.filter(\.isNumber).drop(while: { $0 == "0" }).dropFirst().allSatisfy({ $0 == "0" }) else { return swift }
        // printf rounds the exact binary value correctly to two significant digits.
        return String(format: "%.1e", exact)
    }

    /// Reformats Swift's shortest round-trip description (`1e-05`, `123.45`, `1.7976931348623157e+308`).
    private static func format(shortest: String, isZero: Bool, negative: Bool) -> String {
        let sign = negative ? "-" : ""
        if isZero { return sign + "0.0" }
        var text = Substring(shortest)
        if text.hasPrefix("-") { text = text.dropFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = text[..<e]
        }
        // Digits d1 d2 … with the value = 0.d1d2… × 10^pointPos.
        var digits = ""
        var pointPos = 0
        if let dot = text.firstIndex(of: ".") {
            let intPart = text[..<dot]
            digits = String(intPart) + text[text.index(after: dot)...]
            pointPos = intPart.count
        } else {
            digits = String(text)
            pointPos = digits.count
        }
        pointPos += exponent
        let leadingZeros = digits.prefix { $0 == "0" }.count
        digits.removeFirst(leadingZeros)
        pointPos -= leadingZeros
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        if digits.isEmpty { return sign + "0.0" }

        // Java decides on the decimal exponent of those digits: plain for 10^-3 ≤ |x| < 10^7.
        if pointPos > -3 && pointPos <= 7 {
            if pointPos <= 0 {
                return sign + "0." + String(repeating: "0", count: -pointPos) + digits
            }
            if digits.count <= pointPos {
                return sign + digits + String(repeating: "0", count: pointPos - digits.count) + ".0"
            }
            let cut = digits.index(digits.startIndex, offsetBy: pointPos)
            return sign + digits[..<cut] + "." + digits[cut...]
        }
        let first = digits.prefix(1)
        let rest = digits.dropFirst()
        return sign + first + "." + (rest.isEmpty ? "0" : rest) + "E" + String(pointPos - 1)
    }
}
