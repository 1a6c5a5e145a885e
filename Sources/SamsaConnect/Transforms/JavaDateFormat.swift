import Foundation

/// Java's `SimpleDateFormat` in UTC, as TimestampRouter and TimestampConverter use it: pattern letters
/// G y Y M L d D E u F w W a H k K h m s S z Z X, quoted text (`'T'`, `''`), and Java's errors for an
/// unknown letter or an unterminated quote. Parsing is lenient like Java's default and ignores trailing text.
struct JavaDateFormat: Sendable {
    enum Token: Sendable, Equatable { case literal(String), field(Character, Int) }

    static let allJavaLetters = Set("GyMdkHmsSEDFwWahKzZYuXL")
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    let pattern: String
    let tokens: [Token]

    /// Throws Java's `IllegalArgumentException` message for a bad pattern.
    init(_ pattern: String) throws {
        self.pattern = pattern
        var tokens: [Token] = []
        let chars = Array(pattern)
        var i = 0
        func appendLiteral(_ s: String) {
            if case .literal(let prev)? = tokens.last { tokens[tokens.count - 1] = .literal(prev + s) } else { tokens.append(.literal(s)) }
        }
        while i < chars.count {
            let c = chars[i]
            if c == "'" {
                if i + 1 < chars.count, chars[i + 1] == "'" { appendLiteral("'"); i += 2; continue }
                var text = ""
                i += 1
                while true {
                    guard i < chars.count else { throw JavaDateFormatError.badPattern("Unterminated quote") }
                    if chars[i] == "'" {
                        if i + 1 < chars.count, chars[i + 1] == "'" { text.append("'"); i += 2; continue }
                        i += 1
                        break
                    }
                    text.append(chars[i]); i += 1
                }
                appendLiteral(text)
            } else if c.isASCII, c.isLetter {
                guard Self.allJavaLetters.contains(c) else { throw JavaDateFormatError.badPattern("Illegal pattern character '\(c)'") }
                var n = 1
                while i + n < chars.count, chars[i + n] == c { n += 1 }
                tokens.append(.field(c, n))
                i += n
            } else {
                appendLiteral(String(c)); i += 1
            }
        }
        self.tokens = tokens
    }

    /// Kafka's `Values.dateFormatFor`: a time of day, a date, or a full timestamp (formatted in UTC).
    static func isoFormat(forMillis ms: Int64) -> JavaDateFormat {
        let day: Int64 = 86_400_000
        if ms < day { return isoTime }
        return ms % day == 0 ? isoDate : isoTimestamp
    }

    // Kafka's Values patterns: constants that compile.
    private static let isoTime = try! JavaDateFormat("HH:mm:ss.SSS'Z'")
    private static let isoDate = try! JavaDateFormat("yyyy-MM-dd")
    private static let isoTimestamp = try! JavaDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")

    func format(millis: Int64) -> String {
        let f = CivilTime(millis: millis)
        var out = ""
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v.magnitude)
            return (v < 0 ? "-" : "") + String(repeating: "0", count: max(0, n - s.count)) + s
        }
        for token in tokens {
            guard case .field(let c, let n) = token else {
                if case .literal(let s) = token { out += s }
                continue
            }
            switch c {
            case "G": out += f.year > 0 ? "AD" : "BC"
            case "y", "Y":
                let year = c == "Y" ? f.weekYear : f.year
                out += n == 2 ? pad(year % 100, 2) : pad(year, n)
            case "M", "L":
                out += n >= 4 ? Self.months[f.month - 1] : n == 3 ? String(Self.months[f.month - 1].prefix(3)) : pad(f.month, n)
            case "d": out += pad(f.day, n)
            case "D": out += pad(f.dayOfYear, n)
            case "E": out += n >= 4 ? Self.weekdays[f.weekday] : String(Self.weekdays[f.weekday].prefix(3))
            case "u": out += pad(f.weekday == 0 ? 7 : f.weekday, n)
            case "F": out += pad((f.day - 1) / 7 + 1, n)
            case "w": out += pad(f.weekOfYear, n)
            case "W": out += pad(f.weekOfMonth, n)
            case "a": out += f.hour < 12 ? "AM" : "PM"
            case "H": out += pad(f.hour, n)
            case "k": out += pad(f.hour == 0 ? 24 : f.hour, n)
            case "K": out += pad(f.hour % 12, n)
            case "h": out += pad(f.hour % 12 == 0 ? 12 : f.hour % 12, n)
            case "m": out += pad(f.minute, n)
            case "s": out += pad(f.second, n)
            case "S": out += pad(f.millisecond, n)
            case "z": out += n >= 4 ? "Coordinated Universal Time" : "UTC"
            case "Z": out += "+0000"
            case "X": out += "Z"
            default: break
            }
        }
        return out
    }
}

enum JavaDateFormatError: Error, Equatable {
    case badPattern(String)
}

/// A UTC instant broken into calendar fields (proleptic Gregorian, as Java's for modern dates).
struct CivilTime {
    var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int
    /// Days since 1970-01-01.
    var epochDay: Int

    init(millis: Int64) {
        let dayMillis: Int64 = 86_400_000
        var days = millis / dayMillis
        var rem = millis % dayMillis
        if rem < 0 { rem += dayMillis; days -= 1 }
        epochDay = Int(days)
        (year, month, day) = Self.civil(fromDays: Int(days))
        hour = Int(rem / 3_600_000)
        minute = Int(rem / 60_000 % 60)
        second = Int(rem / 1000 % 60)
        millisecond = Int(rem % 1000)
    }

    /// Howard Hinnant's days-to-civil.
    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Civil-to-days; months and days outside their range roll over (Java's lenient calendar).
    static func days(year y0: Int, month m0: Int, day: Int) -> Int {
        var y = y0 + (m0 - 1).floorDiv(12)
        let m = (m0 - 1).floorMod(12) + 1
        y -= m <= 2 ? 1 : 0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468 + day - 1
    }

    /// 0 = Sunday.
    var weekday: Int { (epochDay + 4).floorMod(7) }
    var dayOfYear: Int { epochDay - Self.days(year: year, month: 1, day: 1) + 1 }

    /// Java's US-locale week numbering: weeks start on Sunday, week 1 holds January 1st.
    var weekOfYear: Int {
        let weekStart = epochDay - weekday
        if weekStart + 6 >= Self.days(year: year + 1, month: 1, day: 1) { return 1 }
        let jan1 = Self.days(year: year, month: 1, day: 1)
        return (weekStart - (jan1 - (jan1 + 4).floorMod(7))) / 7 + 1
    }

    var weekYear: Int { month == 12 && weekOfYear == 1 ? year + 1 : year }

    var weekOfMonth: Int {
        let first = Self.days(year: year, month: month, day: 1)
        return (day - 1 + (first + 4).floorMod(7)) / 7 + 1
    }
}

extension Int {
    func floorDiv(_ d: Int) -> Int { (self >= 0 ? self : self - d + 1) / d }
    func floorMod(_ d: Int) -> Int { ((self % d) + d) % d }
}
