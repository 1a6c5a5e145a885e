import Foundation

extension JavaDateFormat {
    /// `SimpleDateFormat.parse` in UTC (lenient, as Java's default): epoch milliseconds, or nil where Java
    /// throws `ParseException`. Text after the pattern is ignored, as `DateFormat.parse(String)` ignores it.
    func parse(_ text: String) -> Int64? {
        let s = Array(text)
        var i = 0
        var year = 1970, month = 1, day = 1, dayOfYear: Int?
        var hour24: Int?, hour12: Int?, pm: Bool?
        var minute = 0, second = 0, milli = 0, offsetMinutes = 0
        var bc = false

        func number(maxWidth: Int?) -> (value: Int, digits: Int)? {
            var j = i, v = 0
            var negative = false
            if j < s.count, s[j] == "-" { negative = true; j += 1 }
            let start = j
            while j < s.count, let d = s[j].wholeNumberValue, s[j].isASCII, maxWidth.map({ j - start < $0 }) ?? true {
                v = v * 10 + d; j += 1
            }
            guard j > start else { return nil }
            let digits = j - start
            i = j
            return (negative ? -v : v, digits)
        }
        func word(_ options: [String]) -> Int? {
            // Longest match first, case-insensitive, as Java's DateFormatSymbols matching.
            let sorted = options.enumerated().sorted { $0.element.count > $1.element.count }
            for (index, option) in sorted where i + option.count <= s.count {
                if String(s[i..<(i + option.count)]).lowercased() == option.lowercased() { i += option.count; return index }
            }
            return nil
        }
        func offset() -> Int? {
            if i < s.count, s[i] == "Z" { i += 1; return 0 }
            if word(["UTC", "GMT"]) != nil, !(i < s.count && (s[i] == "+" || s[i] == "-")) { return 0 }
            guard i < s.count, s[i] == "+" || s[i] == "-" else { return nil }
            let sign = s[i] == "-" ? -1 : 1
            i += 1
            guard let h = number(maxWidth: 2) else { return nil }
            if i < s.count, s[i] == ":" { i += 1 }
            let m = number(maxWidth: 2)?.value ?? 0
            return sign * (h.value * 60 + m)
        }

        for (index, token) in tokens.enumerated() {
            switch token {
            case .literal(let lit):
                let l = Array(lit)
                guard i + l.count <= s.count, Array(s[i..<(i + l.count)]) == l else { return nil }
                i += l.count
            case .field(let c, let n):
                // Abutting numeric fields (yyyyMMdd) take exactly their pattern width.
                var abutting = false
                if index + 1 < tokens.count, case .field(let next, let nn) = tokens[index + 1] {
                    abutting = !(("ML".contains(next) && nn >= 3) || "EaGzZX".contains(next))
                }
                let width: Int? = abutting ? n : nil
                switch c {
                case "y", "Y":
                    guard let v = number(maxWidth: width) else { return nil }
                    if n <= 2, v.digits == 2, v.value >= 0 {
                        // Java puts a two-digit year within 80 years before and 20 after now.
                        let now = CivilTime(millis: Int64(Date().timeIntervalSince1970 * 1000)).year
                        var y = (now - 80) / 100 * 100 + v.value
                        if y < now - 80 { y += 100 }
                        year = y
                    } else { year = v.value }
                case "M", "L":
                    if n >= 3 {
                        guard let m = word(Self.months + Self.months.map { String($0.prefix(3)) }) else { return nil }
                        month = m % 12 + 1
                    } else {
                        guard let v = number(maxWidth: width) else { return nil }
                        month = v.value
                    }
                case "d": guard let v = number(maxWidth: width) else { return nil }; day = v.value
                case "D": guard let v = number(maxWidth: width) else { return nil }; dayOfYear = v.value
                case "H": guard let v = number(maxWidth: width) else { return nil }; hour24 = v.value
                case "k": guard let v = number(maxWidth: width) else { return nil }; hour24 = v.value == 24 ? 0 : v.value
                case "h": guard let v = number(maxWidth: width) else { return nil }; hour12 = v.value == 12 ? 0 : v.value
                case "K": guard let v = number(maxWidth: width) else { return nil }; hour12 = v.value
                case "m": guard let v = number(maxWidth: width) else { return nil }; minute = v.value
                case "s": guard let v = number(maxWidth: width) else { return nil }; second = v.value
                case "S": guard let v = number(maxWidth: width) else { return nil }; milli = v.value
                case "a": guard let v = word(["AM", "PM"]) else { return nil }; pm = v == 1
                case "E": guard word(Self.weekdays + Self.weekdays.map { String($0.prefix(3)) }) != nil else { return nil }
                case "G": guard let v = word(["AD", "BC"]) else { return nil }; bc = v == 1
                case "z", "Z", "X": guard let o = offset() else { return nil }; offsetMinutes = o
                default: guard number(maxWidth: width) != nil else { return nil } // u, F, w, W: read, not used
                }
            }
        }
        if bc { year = 1 - year }
        let hour = hour24 ?? ((hour12 ?? 0) + (pm == true ? 12 : 0))
        let days = dayOfYear.map { CivilTime.days(year: year, month: 1, day: 1) + $0 - 1 } ?? CivilTime.days(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour) * 3600 + Int64(minute - offsetMinutes) * 60 + Int64(second)
        return seconds * 1000 + Int64(milli)
    }
}
