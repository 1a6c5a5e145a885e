/// The segments overlay (`v` on a partition): the partition's segment files on its leader, and one
/// segment's batches as dump-log prints them. Data arrives through action outcomes; until then it says
/// it is reading.
struct SegmentsView: Equatable {
    let topic: String
    let partition: Int32
    var listing: SegmentListing?
    /// Why the listing or a dump could not be read (one sentence).
    var error: String?
    var selected = 0
    /// The segment shown batch by batch, or nil for the list.
    var batches: SegmentBatches?
    /// A segment being read (its base offset), for the "reading" line.
    var loadingSegment: Int64?
    var scroll = 0

    init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    var title: String { "Segments of \(topic)-\(partition)" }

    var selectedSegment: SegmentLogSummaryRef? {
        guard let listing, listing.segments.indices.contains(selected) else { return nil }
        return SegmentLogSummaryRef(baseOffset: listing.segments[selected].baseOffset, fileName: listing.segments[selected].fileName)
    }

    mutating func moveSelection(by delta: Int) {
        let count = listing?.segments.count ?? 0
        guard count > 0 else { return }
        selected = max(0, min(count - 1, selected.addingReportingOverflow(delta).partialValue))
    }

    mutating func scroll(by delta: Int, page: Int) {
        let count = batches?.lines.count ?? 0
        scroll = max(0, min(max(0, count - page), scroll.addingReportingOverflow(delta).partialValue))
    }
}

/// Which segment a dump is for.
struct SegmentLogSummaryRef: Equatable {
    let baseOffset: Int64
    let fileName: String
}
