/// How close two records' timestamps must be for a stream-stream join (Kafka's `JoinWindows`): a left record at
/// `t` joins right records in `[t - before, t + after]`. Left/outer joins emit a record with no partner only
/// once its window closed (stream time > t + after + grace), never a spurious early null result.
public struct JoinWindows: Sendable, Equatable {
    public let beforeMs: Int64
    public let afterMs: Int64
    public let gracePeriodMs: Int64

    /// Records join when their timestamps differ by at most `timeDifference`; no grace.
    public static func ofTimeDifferenceWithNoGrace(_ timeDifference: Duration) throws -> JoinWindows {
        try ofTimeDifferenceAndGrace(timeDifference, grace: .zero)
    }

    public static func ofTimeDifferenceAndGrace(_ timeDifference: Duration, grace: Duration) throws -> JoinWindows {
        let diff = timeDifference.milliseconds, graceMs = grace.milliseconds
        guard graceMs >= 0 else { throw WindowsError("Grace period must not be negative.") }
        return try JoinWindows(beforeMs: diff, afterMs: diff, gracePeriodMs: graceMs).validated()
    }

    /// Changes how far before a left record right records may be.
    public func before(_ timeDifference: Duration) throws -> JoinWindows {
        try JoinWindows(beforeMs: timeDifference.milliseconds, afterMs: afterMs, gracePeriodMs: gracePeriodMs).validated()
    }

    /// Changes how far after a left record right records may be.
    public func after(_ timeDifference: Duration) throws -> JoinWindows {
        try JoinWindows(beforeMs: beforeMs, afterMs: timeDifference.milliseconds, gracePeriodMs: gracePeriodMs).validated()
    }

    /// The span a join window store keeps a record for (Kafka's `size()`).
    public var sizeMs: Int64 { beforeMs + afterMs }

    private func validated() throws -> JoinWindows {
        guard beforeMs + afterMs >= 0 else {
            throw WindowsError("Window interval (ie, beforeMs+afterMs) must not be negative.")
        }
        return self
    }
}
