/// The detail lines of the record on screen, kept between frames: the renderer draws every frame, and
/// laying out a large value (a megabyte of JSON) takes long enough to drop frames. Keep one in the view's
/// state and ask it for the lines; it lays them out again only when the record or the width changes.
struct RecordDetailCache: Sendable {
    private var record: BrowsedRecord?
    private var width = 0
    private var cached: [[Span]] = []

    init() {}

    /// `RecordDetail.lines(record, width:)`, from the cache when it holds this record at this width.
    /// Comparing records is cheap when they share storage (arrays compare their buffers first).
    mutating func lines(_ record: BrowsedRecord, width: Int) -> [[Span]] {
        if let cachedRecord = self.record, self.width == width, cachedRecord == record { return cached }
        cached = RecordDetail.lines(record, width: width)
        self.record = record
        self.width = width
        return cached
    }

    /// Whether the next `lines` call for this record and width will be answered from the cache.
    func holds(_ record: BrowsedRecord, width: Int) -> Bool { self.record == record && self.width == width }
}
