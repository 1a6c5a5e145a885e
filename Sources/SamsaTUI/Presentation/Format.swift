import Foundation

/// Small text formatters shared by the panes. Fast paths matter: they run for every visible row.
enum Format {
    /// 1234567 → "1,234,567".
    static func count(_ value: Int64) -> String {
        if value > -1000 && value < 1000 { return String(value) }
        let digits = String(value.magnitude)
        var result = value < 0 ? "-" : ""
        result.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }

    static func count(_ value: Int) -> String { count(Int64(value)) }

    /// 1, "topic" → "1 topic"; 2, "topic" → "2 topics".
    static func counted(_ value: Int, _ noun: String) -> String { "\(count(value)) \(noun)\(value == 1 ? "" : "s")" }

    /// 1234 → "1.2k", 5_600_000 → "5.6M": for tight columns.
    static func compact(_ value: Int64) -> String {
        let magnitude = Double(value.magnitude)
        let sign = value < 0 ? "-" : ""
        switch magnitude {
        case ..<1000: return String(value)
        case ..<999_950: return sign + String(format: "%.1fk", magnitude / 1000)
        case ..<999_950_000: return sign + String(format: "%.1fM", magnitude / 1_000_000)
        default: return sign + String(format: "%.1fG", magnitude / 1_000_000_000)
        }
    }

    /// Local wall-clock time "HH:mm:ss" (or with milliseconds), without a DateFormatter per row.
    static func clock(_ date: Date, milliseconds: Bool = false, timeZone: TimeZone = .current) -> String {
        let seconds = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        let whole = Int64(seconds.rounded(.down))
        let daySeconds = ((whole % 86_400) + 86_400) % 86_400
        let h = daySeconds / 3600, m = (daySeconds / 60) % 60, s = daySeconds % 60
        var text = two(h) + ":" + two(m) + ":" + two(s)
        if milliseconds {
            let ms = Int64((seconds - Double(whole)) * 1000) % 1000
            text += "." + (ms < 100 ? (ms < 10 ? "00" : "0") : "") + String(ms)
        }
        return text
    }

    private static func two(_ value: Int64) -> String { value < 10 ? "0" + String(value) : String(value) }
}
