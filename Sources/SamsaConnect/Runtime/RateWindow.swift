/// Records per second over a sliding window (the last `seconds` whole seconds plus the current one), fed as
/// records are counted, so the rate does not depend on how often, or how close together, it is read. Five
/// one-second buckets: a burst stays visible for about five seconds, then the rate falls back to zero.
struct RateWindow: Sendable {
    static let seconds: Int64 = 5
    /// Counts per second since `origin`, the last `seconds` of them (index = second % seconds).
    private var buckets = [(second: Int64, count: Int64)](repeating: (-1, 0), count: Int(Self.seconds))
    private let origin: ContinuousClock.Instant

    init(origin: ContinuousClock.Instant) { self.origin = origin }

    private func millis(_ at: ContinuousClock.Instant) -> Int64 {
        let c = (at - origin).components
        return max(0, c.seconds * 1000 + c.attoseconds / 1_000_000_000_000_000)
    }

    mutating func add(_ n: Int64, at: ContinuousClock.Instant) {
        let second = millis(at) / 1000
        let slot = Int(second % Self.seconds)
        if buckets[slot].second != second { buckets[slot] = (second, 0) }
        buckets[slot].count += n
    }

    /// Records counted in the window ending at `at`, divided by the window's length (at least one second,
    /// and no longer than the time since `origin`, so a task's first seconds are not diluted).
    func perSecond(at: ContinuousClock.Instant) -> Double {
        let now = millis(at)
        let current = now / 1000
        let first = max(0, current - Self.seconds + 1)
        let total = buckets.filter { $0.second >= first && $0.second <= current }.reduce(Int64(0)) { $0 + $1.count }
        let span = max(1000, now - first * 1000)
        return Double(total) * 1000 / Double(span)
    }
}
