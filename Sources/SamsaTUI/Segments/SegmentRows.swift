import Foundation
import SamsaStorage

/// The segments overlay as text: pure functions from the view's data to lines (unit-tested).
enum SegmentRows {
    static let header = "  " + [pad("BASE OFFSET", 12), pad("SIZE", 8, right: true), pad("BATCHES", 8, right: true),
                                pad("RECORDS", 8, right: true), " " + pad("OFFSETS", 15), pad("FIRST–MAX TIME", 18), "CHECK"].joined(separator: " ")

    /// What the overlay says above the table: where the files are, or that they are being read.
    static func summaryLines(_ view: SegmentsView) -> [String] {
        guard let listing = view.listing else {
            return view.error == nil ? ["Reading the segment files of \(view.topic)-\(view.partition)…"] : []
        }
        var lines = ["Broker \(listing.broker) (leader): \(listing.directory)"]
        if listing.segments.isEmpty {
            lines.append("No segment files yet: the partition directory holds no .log file.")
        } else {
            let bytes = listing.segments.reduce(0) { $0 + $1.size }
            let batches = listing.segments.reduce(0) { $0 + $1.batchCount }
            let records = listing.segments.reduce(0) { $0 + $1.recordCount }
            lines.append("\(Format.counted(listing.segments.count, "segment")), \(Format.count(bytes)) bytes, "
                         + "\(Format.count(batches)) batch\(batches == 1 ? "" : "es"), \(Format.counted(records, "record"))")
        }
        if let loading = view.loadingSegment { lines.append("Reading \(SegmentListing.logFileName(loading))…") }
        lines.append("")
        return lines
    }

    /// One segment: base offset, size, batches, records, offset range, time range and its CRC check.
    static func row(_ segment: SegmentLogSummary, timeZone: TimeZone = .current) -> String {
        let offsets = segment.firstOffset.map { "\($0)–\(segment.lastOffset ?? $0)" } ?? "empty"
        let times = segment.firstTimestamp.map { first in
            clock(first, timeZone) + "–" + clock(segment.maxTimestamp ?? first, timeZone)
        } ?? ""
        return [pad(String(segment.baseOffset), 12), pad(Format.count(segment.size), 8, right: true),
                pad(Format.count(segment.batchCount), 8, right: true), pad(Format.count(segment.recordCount), 8, right: true),
                " " + pad(offsets, 15), pad(times, 18), check(segment)].joined(separator: " ")
    }

    /// "crc ok", or the corrupt batches by position and what ended the walk.
    static func check(_ segment: SegmentLogSummary) -> String {
        var parts: [String] = []
        if !segment.corruptPositions.isEmpty {
            let positions = segment.corruptPositions.prefix(3).map(String.init).joined(separator: ",")
            parts.append("CORRUPT at \(positions)\(segment.corruptPositions.count > 3 ? ",…" : "")")
        }
        if let problem = segment.problem { parts.append(problem) }
        return parts.isEmpty ? (segment.batchCount == 0 ? "" : "crc ok") : parts.joined(separator: "; ")
    }

    /// dump-log's long lines wrapped to `width`, continuation lines indented.
    static func wrap(_ lines: [String], width: Int) -> [String] {
        guard width > 4 else { return lines }
        var out: [String] = []
        out.reserveCapacity(lines.count * 2)
        for line in lines {
            let wrapped = TextWrap.wrap(line, width: width)
            guard let first = wrapped.first else {
                out.append("")
                continue
            }
            out.append(first)
            guard wrapped.count > 1 else { continue }
            let rest = wrapped.dropFirst().joined(separator: " ")
            out.append(contentsOf: TextWrap.wrap(rest, width: width - 4).map { "    " + $0 })
        }
        return out
    }

    static func batchesFooter(top: Int, height: Int, total: Int) -> String {
        let last = min(total, top + height)
        return "lines \(total == 0 ? 0 : top + 1)–\(last) of \(total) · j/k PgUp/PgDn scroll · p keys and payloads · Esc back"
    }

    private static func clock(_ millis: Int64, _ timeZone: TimeZone) -> String {
        Format.clock(Date(timeIntervalSince1970: Double(millis) / 1000), timeZone: timeZone)
    }

    private static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let room = width - DisplayWidth.of(text)
        guard room > 0 else { return text }
        return right ? String(repeating: " ", count: room) + text : text + String(repeating: " ", count: room)
    }
}
