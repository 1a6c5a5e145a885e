import Foundation

/// The record browser's state, pure: a window of loaded rows around the cursor, per-partition lanes that
/// say which offsets are loaded, and the reads still needed (``requests(tick:)``), whose replies come back
/// through ``apply(_:_:)``. Only `capacity` rows are kept: rows far from the cursor are dropped, and read
/// again when the cursor comes back, so a partition of millions of records costs what a page costs.
///
/// A topic's partitions are merged by timestamp (then partition, offset). A merged view shows only rows no
/// unread record can come before or after: up to the earliest last-loaded timestamp among partitions not
/// read to their end (and back to the latest first-loaded one among partitions not read to their start).
struct BrowserModel {
    let topic: String
    let partitions: [Int32]
    /// Whether the browser shows a whole topic (rows carry their partition) rather than one partition.
    let isTopic: Bool
    /// Rows one read asks for, and the most rows kept.
    let pageSize: Int
    let capacity: Int

    var lanes: [BrowserLane]
    /// Loaded rows in display order.
    var rows: [BrowsedRecord] = []
    /// The rows shown: those in `rows[shown]`.
    var shown: Range<Int> = 0..<0
    /// Index into `rows` of the selected row, when there is one.
    var cursor: Int?
    /// Tail the log: keep the cursor on the newest row and poll for new ones.
    var follow = false
    var seek: BrowserSeek = .earliest
    var generation = 0
    /// Where the cursor goes once the seek's first reads are in.
    var landing: BrowserSeek?
    /// The last read that failed, in one sentence (cleared by the next good read).
    var error: String?
    /// Bumped whenever `rows` change (search results are cached against it).
    var revision = 0
    var inFlight = 0
    /// Rows a move could not go yet because they were still being read: applied when they arrive.
    var pendingMove = 0
    var lastPoll: UInt64 = 0
    /// Ticks between follow-mode polls.
    let pollEvery: UInt64

    init(topic: String, partitions: [Int32], isTopic: Bool, pageSize: Int = 100, capacity: Int = 1000, pollEvery: UInt64 = 20) {
        self.topic = topic
        self.partitions = partitions
        self.isTopic = isTopic
        self.pageSize = max(1, pageSize)
        self.capacity = max(4 * max(1, pageSize), capacity)
        self.pollEvery = pollEvery
        lanes = partitions.map { BrowserLane(partition: $0) }
    }

    var merges: Bool { lanes.count > 1 }
    var selected: BrowsedRecord? { cursor.map { rows[$0] } }
    var shownRows: ArraySlice<BrowsedRecord> { rows[shown] }
    /// Whether reads are still outstanding.
    var isLoading: Bool { inFlight > 0 }
    /// Records in the partitions' logs (high watermark − log start, summed over located partitions).
    var totalRecords: Int64 { lanes.filter(\.located).reduce(0) { $0 + ($1.end - $1.start) } }

    // MARK: seek and movement

    /// Drops what is loaded and reads again from `seek`.
    mutating func seek(_ seek: BrowserSeek) {
        self.seek = seek
        pendingMove = 0
        generation += 1
        inFlight = 0
        rows = []
        revision += 1
        cursor = nil
        shown = 0..<0
        lanes = partitions.map { BrowserLane(partition: $0) }
        landing = seek
        follow = seek == .latest
    }

    /// Moves the cursor by `delta` shown rows (clamped); moving up stops following.
    mutating func move(by delta: Int) {
        guard !shown.isEmpty else { return }
        let current = cursor ?? shown.lowerBound
        let wanted = current.addingReportingOverflow(delta).partialValue
        let target = max(shown.lowerBound, min(shown.upperBound - 1, wanted))
        cursor = target
        // Past what is loaded, where more exists: finish the move once the next page is in.
        let more = wanted > target ? !lanes.allSatisfy(\.atEnd) : wanted < target ? !lanes.allSatisfy(\.atStart) : false
        pendingMove = more ? wanted - target : 0
        if delta < 0 { follow = false }
        if target == shown.upperBound - 1, delta > 0, lanes.allSatisfy(\.atEnd), seek == .latest { follow = true }
    }

    /// Puts the cursor on row `index` of `rows` (a search match).
    mutating func select(_ index: Int) {
        guard shown.contains(index) else { return }
        cursor = index
        follow = false
    }

    // MARK: reads

    /// The reads to start now (each marked in flight). `tick` counts the workbench's ticks: follow mode
    /// polls every `pollEvery` of them, and a failed read waits a few before it is asked for again.
    mutating func requests(tick: UInt64) -> [BrowserRequest] {
        var out: [BrowserRequest] = []
        func request(_ index: Int, _ kind: BrowserRequest.Kind, count: Int? = nil) {
            out.append(BrowserRequest(generation: generation, topic: topic, partition: lanes[index].partition, kind: kind,
                                      count: count ?? pageSize))
            inFlight += 1
        }
        for index in lanes.indices where !lanes[index].located && !lanes[index].locating && lanes[index].retryAt <= tick {
            lanes[index].locating = true
            request(index, .locate(seek))
        }
        guard lanes.allSatisfy(\.located) else { return out }
        let margin = pageSize
        let position = cursor ?? (landing == .latest ? shown.upperBound : shown.lowerBound)
        if shown.upperBound - position <= margin {
            let open = lanes.indices.filter { !lanes[$0].atEnd }
            let limit = open.map { lanes[$0].frontLimit }.min()
            for index in open where lanes[index].frontLimit == limit && !lanes[index].loadingFront && lanes[index].retryAt <= tick {
                lanes[index].loadingFront = true
                request(index, .forward(from: lanes[index].high))
            }
        }
        if position - shown.lowerBound <= margin {
            let open = lanes.indices.filter { !lanes[$0].atStart }
            let limit = open.map { lanes[$0].backLimit }.max()
            for index in open where lanes[index].backLimit == limit && !lanes[index].loadingBack && lanes[index].retryAt <= tick {
                lanes[index].loadingBack = true
                let from = max(lanes[index].start, lanes[index].low - Int64(pageSize))
                request(index, .backward(from: from, until: lanes[index].low))
            }
        }
        if follow, tick >= lastPoll + pollEvery {
            lastPoll = tick
            for index in lanes.indices where lanes[index].atEnd && !lanes[index].loadingFront {
                lanes[index].loadingFront = true
                request(index, .forward(from: lanes[index].high))
            }
        }
        return out
    }

    /// Takes the reply to `request`; replies to an earlier seek are ignored.
    mutating func apply(_ request: BrowserRequest, _ reply: BrowserReply, tick: UInt64 = 0) {
        guard request.generation == generation, let index = lanes.firstIndex(where: { $0.partition == request.partition }) else { return }
        inFlight = max(0, inFlight - 1)
        let key = selected.map(RowKey.init)
        switch (request.kind, reply) {
        case (_, .failed(let message)):
            error = message
            lanes[index].locating = false
            lanes[index].loadingBack = false
            lanes[index].loadingFront = false
            lanes[index].retryAt = tick + 20
        case (.locate(let seek), .located(let offset, let bounds)):
            error = nil
            lanes[index].locating = false
            lanes[index].located = true
            lanes[index].start = bounds.start
            lanes[index].end = bounds.end
            lanes[index].low = offset
            lanes[index].high = offset
            if case .timestamp(let millis) = seek, offset > bounds.start { lanes[index].floorTimestamp = millis }
        case (.forward, .page(let page)):
            error = nil
            lanes[index].loadingFront = false
            absorb(page, into: index)
            let fresh = page.records.filter { $0.offset >= lanes[index].high }
            lanes[index].high = max(lanes[index].high, page.nextOffset, (fresh.last?.offset ?? -1) + 1)
            add(fresh)
        case (.backward(let from, let until), .page(let page)):
            error = nil
            lanes[index].loadingBack = false
            absorb(page, into: index)
            let fresh = page.records.filter { $0.offset < lanes[index].low && $0.offset < until }
            lanes[index].low = min(lanes[index].low, max(from, lanes[index].start))
            lanes[index].floorTimestamp = nil
            add(fresh)
        default:
            return
        }
        trim()
        refresh(keeping: key)
        if inFlight == 0, let landing { land(landing) }
        if pendingMove != 0, landing == nil {
            let delta = pendingMove
            move(by: delta)
        }
    }

    private mutating func absorb(_ page: BrowsePage, into index: Int) {
        lanes[index].start = page.bounds.start
        lanes[index].end = max(page.bounds.end, lanes[index].end)
        if lanes[index].low < page.bounds.start {
            // Records before the new log start were deleted (retention, delete-records).
            let partition = lanes[index].partition
            rows.removeAll { $0.partition == partition && $0.offset < page.bounds.start }
            lanes[index].low = page.bounds.start
            lanes[index].high = max(lanes[index].high, page.bounds.start)
        }
    }

    private mutating func add(_ fresh: [BrowsedRecord]) {
        guard !fresh.isEmpty else { return }
        rows.append(contentsOf: fresh)
        if merges {
            rows.sort { ($0.timestamp, $0.partition, $0.offset) < ($1.timestamp, $1.partition, $1.offset) }
        } else {
            rows.sort { $0.offset < $1.offset }
        }
        revision += 1
    }

    struct RowKey: Equatable {
        let partition: Int32
        let offset: Int64
        init(_ record: BrowsedRecord) {
            partition = record.partition
            offset = record.offset
        }
    }
}
