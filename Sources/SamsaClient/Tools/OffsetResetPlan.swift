import SamsaProtocol

/// Where `consumer-groups --reset-offsets` moves a group's offsets (Kafka's reset scenarios).
public enum OffsetResetScenario: Sendable, Equatable {
    case earliest
    case latest
    /// An absolute offset, clamped into [earliest, latest].
    case offset(Int64)
    /// The first offset at or after this time (epoch ms); the latest offset where there is none.
    case datetime(Int64)
    /// The committed offset moved by this much, clamped into [earliest, latest].
    case shiftBy(Int64)
    /// The committed offset as it is (`--to-current`); the latest offset where the group committed none.
    case current
}

/// The pure half of an offset reset: what to reset (`--topic T[:p,q]`), and each partition's new offset
/// from the log's offsets and the group's commits, as Kafka's GroupOffsetsResetter computes it.
public enum OffsetResetPlan {
    /// The log offsets a plan needs, per partition.
    public struct LogOffsets: Sendable, Equatable {
        public var earliest: [TopicPartition: Int64] = [:]
        public var latest: [TopicPartition: Int64] = [:]
        /// For `.datetime`: the first offset at or after the time, -1 where there is none.
        public var atTime: [TopicPartition: Int64] = [:]
        public init(earliest: [TopicPartition: Int64] = [:], latest: [TopicPartition: Int64] = [:], atTime: [TopicPartition: Int64] = [:]) {
            self.earliest = earliest
            self.latest = latest
            self.atTime = atTime
        }
    }

    /// A `--topic` value: "orders" (every partition) or "orders:0,2".
    public static func parseTopic(_ argument: String) throws -> (topic: String, partitions: [Int32]?) {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard !parts[0].isEmpty, parts.count <= 2 else {
            throw ClientError.invalidArgument("--topic expects a topic or topic:partition,partition, not \"\(argument)\".")
        }
        guard parts.count == 2 else { return (parts[0], nil) }
        var partitions: [Int32] = []
        for item in parts[1].split(separator: ",", omittingEmptySubsequences: false) {
            guard let partition = Int32(String(item).trimmingSpaces), partition >= 0 else {
                throw ClientError.invalidArgument("Invalid partition '\(item)' in --topic \"\(argument)\".")
            }
            partitions.append(partition)
        }
        return (parts[0], partitions)
    }

    /// New offsets for `partitions`. Throws for `.shiftBy` on a partition the group never committed.
    public static func newOffsets(_ scenario: OffsetResetScenario, partitions: [TopicPartition], log: LogOffsets,
                                  committed: [TopicPartition: Int64]) throws -> [TopicPartition: Int64] {
        var result: [TopicPartition: Int64] = [:]
        for tp in partitions {
            let earliest = log.earliest[tp] ?? 0
            let latest = log.latest[tp] ?? earliest
            func clamped(_ offset: Int64) -> Int64 { min(max(offset, earliest), latest) }
            switch scenario {
            case .earliest: result[tp] = earliest
            case .latest: result[tp] = latest
            case .offset(let offset): result[tp] = clamped(offset)
            case .datetime:
                let found = log.atTime[tp] ?? -1
                result[tp] = found >= 0 ? found : latest
            case .shiftBy(let delta):
                guard let current = committed[tp] else {
                    throw ClientError.invalidArgument("Cannot shift offset for partition \(tp) since there is no current committed offset.")
                }
                result[tp] = clamped(current + delta)
            case .current:
                result[tp] = committed[tp] ?? latest
            }
        }
        return result
    }

    /// `--to-datetime`: yyyy-MM-ddTHH:mm:ss.SSS with an optional Z, ±HH, ±HHMM or ±HH:MM zone; no zone
    /// means UTC, as Kafka's `Utils.getDateTime` reads it. Returns epoch milliseconds.
    public static func parseDateTime(_ text: String) throws -> Int64 {
        let bad = ClientError.invalidArgument("--to-datetime expects YYYY-MM-DDTHH:mm:SS.sss (optionally with Z or ±HH:MM), not \"\(text)\".")
        let chars = Array(text.utf8)
        guard chars.count >= 23 else { throw bad }
        func number(_ range: Range<Int>) throws -> Int64 {
            var value: Int64 = 0
            for i in range {
                guard (48...57).contains(chars[i]) else { throw bad }
                value = value * 10 + Int64(chars[i] - 48)
            }
            return value
        }
        let separators: [(Int, UInt8)] = [(4, 45), (7, 45), (10, 84), (13, 58), (16, 58), (19, 46)]
        guard separators.allSatisfy({ chars[$0.0] == $0.1 }) else { throw bad }
        let (year, month, day) = (try number(0..<4), try number(5..<7), try number(8..<10))
        let (hour, minute, second, millis) = (try number(11..<13), try number(14..<16), try number(17..<19), try number(20..<23))
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60, second < 60 else {
            throw bad
        }
        let zone = Array(chars[23...])
        var zoneMinutes: Int64 = 0
        if !(zone.isEmpty || zone == [UInt8(ascii: "Z")]) {
            // +HH, +HHMM or +HH:MM (or -).
            guard zone[0] == UInt8(ascii: "+") || zone[0] == UInt8(ascii: "-") else { throw bad }
            let digits: [UInt8]
            switch zone.count {
            case 3, 5: digits = Array(zone.dropFirst())
            case 6 where zone[3] == UInt8(ascii: ":"): digits = Array(zone[1...2] + zone[4...5])
            default: throw bad
            }
            guard digits.allSatisfy({ (48...57).contains($0) }) else { throw bad }
            let values = digits.map { Int64($0 - 48) }
            let hours = values[0] * 10 + values[1]
            let minutes = values.count == 4 ? values[2] * 10 + values[3] : 0
            guard hours < 24, minutes < 60 else { throw bad }
            zoneMinutes = (zone[0] == UInt8(ascii: "-") ? -1 : 1) * (hours * 60 + minutes)
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        return ((days * 24 + hour) * 60 + minute - zoneMinutes) * 60_000 + second * 1000 + millis
    }

    /// `--by-duration`: an ISO-8601 duration as Java's `Duration.parse` reads it (`PT15M`, `P1DT2H`, `PT0.5S`;
    /// days, hours, minutes, seconds). Returns milliseconds.
    public static func parseDuration(_ text: String) throws -> Int64 {
        let bad = ClientError.invalidArgument("--by-duration expects an ISO-8601 duration such as PT15M, PT1H30M or P2D, not \"\(text)\".")
        var chars = Substring(text.uppercased())
        guard chars.popFirst() == "P", !chars.isEmpty else { throw bad }
        var total: Int64 = 0
        var inTime = false
        var sawUnit = false
        var number = ""
        let units: [Character: Int64] = ["D": 86_400_000, "H": 3_600_000, "M": 60_000, "S": 1000]
        for char in chars {
            if char == "T" {
                guard !inTime, number.isEmpty else { throw bad }
                inTime = true
            } else if char.isASCII && (char.isNumber || char == ".") {
                number.append(char)
            } else if let unit = units[char], !number.isEmpty, inTime == (char != "D") {
                guard let value = Double(number), value.isFinite, char == "S" || !number.contains(".") else { throw bad }
                let millis = value * Double(unit)
                guard millis < 9e15 else { throw bad }
                total += Int64(millis.rounded())
                number = ""
                sawUnit = true
            } else {
                throw bad
            }
        }
        guard sawUnit, number.isEmpty else { throw bad }
        return total
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
