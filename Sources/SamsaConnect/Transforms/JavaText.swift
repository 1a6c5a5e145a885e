/// How Java prints numbers (`Double.toString`, `Float.toString`), which is what Kafka's Cast writes when a
/// number becomes a string: plain between 10^-3 and 10^7 with at least one fraction digit, otherwise
/// `d.dddE±n`.
enum JavaText {
    static func double(_ d: Double) -> String { format(d.isNaN, d.isInfinite, d < 0 || (d == 0 && d.sign == .minus), "\(d.magnitude)", d.magnitude) }

    static func float(_ f: Float) -> String {
        format(f.isNaN, f.isInfinite, f < 0 || (f == 0 && f.sign == .minus), "\(f.magnitude)", Double(f.magnitude))
    }

    /// `shortest` is Swift's shortest round-trip text of the magnitude (`1e-05`, `123.25`, `1e+16`).
    private static func format(_ nan: Bool, _ infinite: Bool, _ negative: Bool, _ shortest: String, _ magnitude: Double) -> String {
        if nan { return "NaN" }
        let sign = negative ? "-" : ""
        if infinite { return sign + "Infinity" }
        if magnitude == 0 { return sign + "0.0" }
        // Digits without leading/trailing zeros, and the exponent of the first digit.
        let parts = shortest.lowercased().split(separator: "e")
        let mantissa = String(parts[0])
        let exp10 = parts.count > 1 ? Int(parts[1].replacingOccurrences(of: "+", with: ""))! : 0
        let pieces = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(pieces[0]), fracPart = pieces.count > 1 ? String(pieces[1]) : ""
        var digits = intPart + fracPart
        var pointAt = intPart.count + exp10 // digits before the decimal point
        while digits.hasPrefix("0") { digits.removeFirst(); pointAt -= 1 }
        while digits.count > 1, digits.hasSuffix("0") { digits.removeLast() }
        let firstExp = pointAt - 1
        if magnitude >= 1e-3 && magnitude < 1e7 {
            if pointAt <= 0 { return sign + "0." + String(repeating: "0", count: -pointAt) + digits }
            if pointAt >= digits.count { return sign + digits + String(repeating: "0", count: pointAt - digits.count) + ".0" }
            return sign + digits.prefix(pointAt) + "." + digits.dropFirst(pointAt)
        }
        let rest = digits.dropFirst()
        return sign + digits.prefix(1) + "." + (rest.isEmpty ? "0" : rest) + "E\(firstExp)"
    }
}
