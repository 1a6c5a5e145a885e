/// Fixed-size windows by event time (Kafka's `TimeWindows`): tumbling when the advance equals the size,
/// hopping (overlapping) with a smaller advance. A window is `[start, start + size)`, starts are multiples
/// of the advance (epoch aligned); a record belongs to every window containing its timestamp.
public struct TimeWindows: Sendable, Equatable {
    public let sizeMs: Int64
    public let advanceMs: Int64
    /// How long after a window ends (by stream time) out-of-order records are still added to it.
    public let gracePeriodMs: Int64

    private init(sizeMs: Int64, advanceMs: Int64, gracePeriodMs: Int64) {
        self.sizeMs = sizeMs
        self.advanceMs = advanceMs
        self.gracePeriodMs = gracePeriodMs
    }

    /// Tumbling windows of `size` that close as soon as stream time passes their end.
    public static func ofSizeWithNoGrace(_ size: Duration) throws -> TimeWindows {
        try ofSizeAndGrace(size, grace: .zero)
    }

    /// Tumbling windows of `size` accepting records up to `grace` after the window ends.
    public static func ofSizeAndGrace(_ size: Duration, grace: Duration) throws -> TimeWindows {
        let sizeMs = size.milliseconds, graceMs = grace.milliseconds
        guard sizeMs > 0 else { throw WindowsError("Window size (sizeMs) must be larger than zero.") }
        guard graceMs >= 0 else { throw WindowsError("Grace period must not be negative.") }
        return TimeWindows(sizeMs: sizeMs, advanceMs: sizeMs, gracePeriodMs: graceMs)
    }

    /// Hopping windows: a new window every `advance` (0 < advance <= size).
    public func advanceBy(_ advance: Duration) throws -> TimeWindows {
        let advanceMs = advance.milliseconds
        guard advanceMs > 0, advanceMs <= sizeMs else {
            throw WindowsError("Window advancement interval should be more than zero and less than window duration which is \(sizeMs) ms, but given advancement interval is: \(advanceMs) ms")
        }
        return TimeWindows(sizeMs: sizeMs, advanceMs: advanceMs, gracePeriodMs: gracePeriodMs)
    }

    /// The windows containing `timestamp`, by start (Kafka's `windowsFor`; no window starts before 0).
    public func windowsFor(_ timestamp: Int64) -> [Window] {
        var start = max(0, timestamp - sizeMs + advanceMs) / advanceMs * advanceMs
        var windows: [Window] = []
        while start <= timestamp {
            windows.append(Window(start: start, end: start + sizeMs))
            start += advanceMs
        }
        return windows
    }
}
