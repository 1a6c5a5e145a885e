/// Sessions of activity per key (Kafka's `SessionWindows`): records closer than the inactivity gap fall in one
/// session `[first, last]`; a record bridging two sessions merges them.
public struct SessionWindows: Sendable, Equatable {
    public let inactivityGapMs: Int64
    public let gracePeriodMs: Int64

    public static func ofInactivityGapAndGrace(_ gap: Duration, grace: Duration) throws -> SessionWindows {
        let gapMs = gap.milliseconds, graceMs = grace.milliseconds
        guard gapMs > 0 else { throw WindowsError("Gap time cannot be zero or negative.") }
        guard graceMs >= 0 else { throw WindowsError("Grace period must not be negative.") }
        return SessionWindows(inactivityGapMs: gapMs, gracePeriodMs: graceMs)
    }

    public static func ofInactivityGapWithNoGrace(_ gap: Duration) throws -> SessionWindows {
        try ofInactivityGapAndGrace(gap, grace: .zero)
    }
}
