import Foundation

/// Where the record browser starts reading each partition.
enum BrowserSeek: Sendable, Equatable {
    case earliest
    /// The end of the log, following new records as they arrive.
    case latest
    case offset(Int64)
    /// The first record at or after this time (ms since the epoch), as ListOffsets finds it.
    case timestamp(Int64)

    /// Parses what the seek form took: `earliest`, `latest`, an offset, an absolute UTC time
    /// (`2026-11-30 10:00`, `2026-11-30T10:00:00`, `2026-11-30`) or a time back from `now` (`-15m`, `-2h`,
    /// `-1d`, `-30s`). Bad text throws one sentence saying what is accepted.
    static func parse(_ typed: String, now: Date) throws(BrowserSeekError) -> BrowserSeek {
        let text = typed.trimmingCharacters(in: .whitespaces).lowercased()
        switch text {
        case "earliest", "beginning", "start", "e": return .earliest
        case "latest", "end", "tail", "l": return .latest
        default: break
        }
        if let offset = Int64(text), offset >= 0 { return .offset(offset) }
        if text.hasPrefix("-"), let unit = text.last, let amount = Int64(text.dropFirst().dropLast()), amount >= 0 {
            let seconds: Int64? = switch unit {
            case "s": amount
            case "m": amount * 60
            case "h": amount * 3600
            case "d": amount * 86_400
            default: nil
            }
            if let seconds {
                return .timestamp(Int64((now.timeIntervalSince1970 * 1000).rounded(.down)) - seconds * 1000)
            }
        }
        if let millis = absoluteTime(text) { return .timestamp(millis) }
        throw BrowserSeekError("Seek to earliest, latest, an offset (1042), a UTC time (2026-11-30 10:00) or a time back from now (-15m, -2h, -1d), not \"\(typed)\".")
    }

    /// `YYYY-MM-DD[( |T)HH:MM[:SS]]` in UTC, to ms since the epoch.
    static func absoluteTime(_ text: String) -> Int64? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "t" }).map(String.init)
        guard (1...2).contains(parts.count) else { return nil }
        let date = parts[0].split(separator: "-").compactMap { Int64($0) }
        guard date.count == 3, (1...12).contains(date[1]), (1...31).contains(date[2]), date[0] >= 1970 else { return nil }
        var clock: [Int64] = [0, 0, 0]
        if parts.count == 2 {
            let fields = parts[1].split(separator: ":").map { Int64($0) }
            guard (2...3).contains(fields.count), fields.allSatisfy({ $0 != nil }) else { return nil }
            for (index, value) in fields.enumerated() { clock[index] = value! }
            guard clock[0] < 24, clock[1] < 60, clock[2] < 60 else { return nil }
        }
        let days = daysFromCivil(date[0], date[1], date[2])
        return ((days * 86_400) + clock[0] * 3600 + clock[1] * 60 + clock[2]) * 1000
    }

    /// Days since 1970-01-01 of a Gregorian date (Howard Hinnant's days_from_civil).
    static func daysFromCivil(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    var label: String {
        switch self {
        case .earliest: "earliest"
        case .latest: "latest (following)"
        case .offset(let offset): "offset \(offset)"
        case .timestamp(let millis): RecordDetail.timestamp(millis)
        }
    }
}

struct BrowserSeekError: Error, Equatable, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
