import Foundation

/// The record browser open over the workbench (`b`): the model of loaded rows, what is typed or open on
/// top of the rows (a filter, a form, one record whole), and the search's matches.
struct RecordBrowser {
    enum Mode: Equatable {
        case rows
        /// One record whole, scrolled this many lines.
        case detail(scroll: Int)
        case filter(String)
        case form(BrowserForm)
    }

    var model: BrowserModel
    var mode: Mode = .rows
    var filter: RecordFilter?
    /// First row of `model.rows` on screen.
    var top = 0
    /// Rows on screen (set by the renderer; paging moves by it).
    var height = 20
    /// Counts the workbench's ticks (follow polling and retries are measured in them).
    var tick: UInt64 = 0
    /// The open record's lines, kept between frames.
    var detailCache = RecordDetailCache()
    /// The partition narrowed to from the topic, if any (the title says so).
    var title: String {
        model.isTopic ? "Records of \(model.topic) (\(Format.counted(model.partitions.count, "partition")), by time)"
            : "Records of \(model.topic)-\(model.partitions.first ?? 0)"
    }
    private var matchCache: (revision: Int, filter: String, shown: Range<Int>, indexes: [Int])?

    init(topic: String, partitions: [Int32], isTopic: Bool, seek: BrowserSeek = .earliest, pageSize: Int = 100,
         capacity: Int = 1000) {
        model = BrowserModel(topic: topic, partitions: partitions, isTopic: isTopic, pageSize: pageSize, capacity: capacity)
        model.seek(seek)
    }

    /// Indexes into `model.rows` of shown rows the filter matches, cached per rows revision and filter.
    mutating func matches() -> [Int] {
        guard let filter else { return [] }
        if let cache = matchCache, cache.revision == model.revision, cache.filter == filter.source, cache.shown == model.shown {
            return cache.indexes
        }
        let indexes = model.shown.filter { filter.matches(model.rows[$0]) }
        matchCache = (model.revision, filter.source, model.shown, indexes)
        return indexes
    }

    /// "match 3 of 17 in the loaded range" on a match, "17 matches in the loaded range" elsewhere.
    mutating func matchSummary() -> String? {
        guard let filter else { return nil }
        let found = matches()
        guard !found.isEmpty else { return "no match for \(filter.source) in the loaded range" }
        if let cursor = model.cursor, let index = found.firstIndex(of: cursor) {
            return "match \(index + 1) of \(found.count) in the loaded range"
        }
        return "\(Format.count(found.count)) \(found.count == 1 ? "match" : "matches") in the loaded range"
    }

    /// Moves to the next (or previous) match after the cursor, wrapping around the loaded range.
    mutating func jumpToMatch(forward: Bool) -> Bool {
        let found = matches()
        guard !found.isEmpty else { return false }
        let cursor = model.cursor ?? (forward ? -1 : Int.max)
        let target = forward ? (found.first { $0 > cursor } ?? found[0]) : (found.last { $0 < cursor } ?? found[found.count - 1])
        model.select(target)
        return true
    }

    /// The rows the `W` key writes: the filter's matches in the loaded range, or every loaded row.
    mutating func rangeToWrite() -> [BrowsedRecord] {
        filter == nil ? Array(model.shownRows) : matches().map { model.rows[$0] }
    }
}
