/// Windows that slide continuously over event time (Kafka's `SlidingWindows`): two records fall in one window
/// when their timestamps differ by at most `timeDifferenceMs`; windows are `[start, start + difference]`,
/// inclusive at both ends, and exist only where records are.
public struct SlidingWindows: Sendable, Equatable {
    public let timeDifferenceMs: Int64
    public let gracePeriodMs: Int64

    /// Sliding windows of `timeDifference` accepting records up to `grace` after a window ends.
    public static func ofTimeDifferenceAndGrace(_ timeDifference: Duration, grace: Duration) throws -> SlidingWindows {
        let diff = timeDifference.milliseconds, graceMs = grace.milliseconds
        guard diff >= 0 else { throw WindowsError("Window time difference must not be negative.") }
        guard graceMs >= 0 else { throw WindowsError("Window grace period must not be negative.") }
        return SlidingWindows(timeDifferenceMs: diff, gracePeriodMs: graceMs)
    }

    /// Sliding windows of `timeDifference` that close as soon as stream time passes their end.
    public static func ofTimeDifferenceWithNoGrace(_ timeDifference: Duration) throws -> SlidingWindows {
        try ofTimeDifferenceAndGrace(timeDifference, grace: .zero)
    }
}
