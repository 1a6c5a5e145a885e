/// One partition as the browser holds it: its bounds and the contiguous offsets `low..<high` loaded.
struct BrowserLane: Sendable, Equatable {
    let partition: Int32
    var start: Int64 = 0
    var end: Int64 = 0
    var low: Int64 = 0
    var high: Int64 = 0
    var located = false
    var locating = false
    var loadingBack = false
    var loadingFront = false
    /// After a timestamp seek: every record before `low` is older than this, so rows from other partitions
    /// at or after it may be shown before this partition is read backwards.
    var floorTimestamp: Int64?
    /// The oldest and newest timestamps loaded (nil when nothing is).
    var firstTimestamp: Int64?
    var lastTimestamp: Int64?
    /// No new request before this tick (a read failed).
    var retryAt: UInt64 = 0

    init(partition: Int32) {
        self.partition = partition
    }

    var atStart: Bool { located && low <= start }
    var atEnd: Bool { located && high >= end }
    var hasRows: Bool { firstTimestamp != nil }

    /// Up to where this partition lets a merged view show rows: nothing unread of it can come before.
    var frontLimit: Int64 {
        if atEnd { return .max }
        return lastTimestamp ?? .min
    }

    /// From where this partition lets a merged view show rows: nothing unread of it can come after.
    var backLimit: Int64 {
        if atStart { return .min }
        if let floorTimestamp { return floorTimestamp }
        return firstTimestamp ?? .max
    }
}
