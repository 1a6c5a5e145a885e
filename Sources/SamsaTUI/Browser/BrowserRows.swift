import Foundation

/// The browser's table, as pure functions: the column widths for a screen width and one row's cells.
enum BrowserRows {
    struct Columns: Equatable {
        let partition: Int
        let offset: Int
        let timestamp: Int
        let key: Int
        let headers: Int
        let size: Int
        let marks: Int
        let value: Int
    }

    /// Widths for `width` columns: the partition column only for a topic; the value takes the rest.
    static func columns(width: Int, showsPartition: Bool, maxOffset: Int64) -> Columns {
        let partition = showsPartition ? 3 : 0
        let offset = max(6, String(maxOffset).count)
        let timestamp = width >= 110 ? 23 : 14
        let key = width >= 110 ? 16 : 10
        let fixed = (showsPartition ? partition + 1 : 0) + offset + 1 + timestamp + 1 + key + 1 + 3 + 1 + 6 + 1 + 2 + 1
        return Columns(partition: partition, offset: offset, timestamp: timestamp, key: key, headers: 3, size: 6, marks: 2,
                       value: max(4, width - fixed))
    }

    /// `2026-11-30 10:00:00.123` in 23 columns, `11-30 10:00:00` in 14 (UTC, as the detail shows it).
    static func timestamp(_ millis: Int64, width: Int) -> String {
        let iso = RecordDetail.timestamp(millis)
        guard millis >= 0, iso.count >= 23 else { return iso }
        let full = iso.prefix(23).replacingOccurrences(of: "T", with: " ")
        return width >= 23 ? full : String(full.dropFirst(5).prefix(14))
    }

    /// "A" for a record of an aborted transaction, "T" for one in a transaction, else blank.
    static func marks(_ record: BrowsedRecord) -> String {
        record.isAborted ? "A" : record.isTransactional ? "T" : ""
    }

    static func cells(_ record: BrowsedRecord, _ c: Columns) -> [(String, Int, Style, Bool)] {
        var cells: [(String, Int, Style, Bool)] = []
        if c.partition > 0 { cells.append((String(record.partition), c.partition, Style(.inactiveFg), true)) }
        let dim = record.isAborted ? Style(.inactiveFg) : Style(.mainFg)
        cells += [
            (String(record.offset), c.offset, Style(.title), true),
            (timestamp(record.timestamp, width: c.timestamp), c.timestamp, Style(.inactiveFg), false),
            (RecordPreview.text(record.key, width: c.key), c.key, Style(.jsonKey), false),
            (record.headers.isEmpty ? "" : String(record.headers.count), c.headers, Style(.inactiveFg), true),
            (size(record.sizeInBytes), c.size, Style(.inactiveFg), true),
            (marks(record), c.marks, record.isAborted ? Style(.error, on: .mainBg, [.bold]) : Style(.warning), false),
            (RecordPreview.text(record.value, width: c.value), 0, dim, false),
        ]
        return cells
    }

    static func header(_ c: Columns) -> [(String, Int, Style, Bool)] {
        let style = Style(.inactiveFg, on: .mainBg, [.bold])
        var cells: [(String, Int, Style, Bool)] = []
        if c.partition > 0 { cells.append(("P", c.partition, style, true)) }
        cells += [("OFFSET", c.offset, style, true), ("TIMESTAMP (UTC)", c.timestamp, style, false), ("KEY", c.key, style, false),
                  ("HDR", c.headers, style, true), ("SIZE", c.size, style, true), ("TX", c.marks, style, false), ("VALUE", 0, style, false)]
        return cells
    }

    /// `312B`, `4.1K`, `2.0M`: a record's size in six columns.
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes)B" }
        if bytes < 1024 * 1024 { return String(format: "%.1fK", Double(bytes) / 1024) }
        return String(format: "%.1fM", Double(bytes) / 1_048_576)
    }
}
