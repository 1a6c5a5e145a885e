import Foundation

/// One record whole, as lines of spans for a given width: a header block (where it is, when, how big, who
/// wrote it), every header, then the key and the value — JSON pretty-printed and coloured, other text
/// wrapped, anything else as an `xxd` hex dump. A Confluent-framed value (magic byte 0, four-byte schema
/// id) is named as Avro/Protobuf and shown as bytes: decoding it needs a schema registry (deferred).
///
///     orders-3@1042
///     timestamp  2026-11-30T10:00:00.123Z (CreateTime)
///     size       312 bytes
///     producer   4001 · transactional
///     headers    1
///       trace-id = abc
///     key        8 bytes, text
///       order-42
///     value      38 bytes, JSON
///       {
///         "id": 42,
enum RecordDetail {
    /// Text, JSON and hex beyond this are cut, with a line saying so: a detail view is for reading, and a
    /// megabyte of hex would be 65,536 lines. (A value is still checked whole to be called JSON.)
    static let maxShownBytes = 64 * 1024
    static let labelWidth = 11
    static let indent = 2

    /// The lines for `width` columns (at least 20). Laying out a large value takes a while: draw from a
    /// `RecordDetailCache` rather than calling this every frame.
    static func lines(_ record: BrowsedRecord, width: Int) -> [[Span]] {
        let width = max(width, 20)
        var lines = wrap([Span("\(record.topic)-\(record.partition)@\(record.offset)", heading)], width: width, continuation: 0)
        let fields = [
            field("timestamp", [Span(timestamp(record.timestamp), Style(.mainFg)),
                                Span(" (\(record.isLogAppendTime ? "LogAppendTime" : "CreateTime"))", Style(.inactiveFg))]),
            field("size", [Span(Format.counted(record.sizeInBytes, "byte"), Style(.mainFg))]),
            field("producer", producer(record)),
            field("headers", [Span(record.headers.isEmpty ? "none" : Format.count(record.headers.count), Style(.mainFg))]),
        ]
        for line in fields { lines += wrap(line, width: width, continuation: labelWidth) }
        for header in record.headers {
            let name = DisplayWidth.sanitize(header.key)
            let room = max(4, width - indent - DisplayWidth.of(name) - 3)
            lines += wrap([Span(String(repeating: " ", count: indent)), Span(name, Style(.jsonKey)), Span(" = ", Style(.inactiveFg)),
                           RecordPreview.span(header.value, width: room)], width: width, continuation: indent + 2)
        }
        lines += section("key", record.key, width: width)
        lines += section("value", record.value, width: width)
        return lines
    }

    static let heading = Style(.title, on: .mainBg, [.bold])

    /// ISO-8601 in UTC with milliseconds, `2026-11-30T10:00:00.123Z`; Kafka's -1 (no timestamp) as "none".
    static func timestamp(_ millis: Int64) -> String {
        if millis < 0 { return "none (\(millis))" }
        let seconds = millis / 1000, ms = millis % 1000
        let days = seconds / 86_400, daySeconds = seconds % 86_400
        let (y, m, d) = civil(days)
        func pad(_ v: Int64, _ n: Int) -> String { String(repeating: "0", count: max(0, n - String(v).count)) + String(v) }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(daySeconds / 3600, 2)):\(pad(daySeconds / 60 % 60, 2)):\(pad(daySeconds % 60, 2)).\(pad(ms, 3))Z"
    }

    /// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's civil_from_days).
    static func civil(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func producer(_ record: BrowsedRecord) -> [Span] {
        var spans = [Span(record.producerId < 0 ? "none" : String(record.producerId), Style(.mainFg))]
        if record.isTransactional { spans.append(Span(" · transactional", Style(.mainFg))) }
        if record.isAborted { spans.append(Span(" · aborted", Style(.warning, on: .mainBg, [.bold]))) }
        return spans
    }

    private static func field(_ label: String, _ value: [Span]) -> [Span] {
        [Span(label.padding(toLength: labelWidth, withPad: " ", startingAt: 0), Style(.inactiveFg))] + value
    }
}
