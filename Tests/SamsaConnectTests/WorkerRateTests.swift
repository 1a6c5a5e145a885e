@testable import SamsaConnect
import Synchronization
import Testing

/// The workbench's records/s: a sliding window over the last ~5 s, fed as records are counted, read as
/// often as the view likes without changing it. Checked with a clock the test moves, never real time.
@Suite struct WorkerRateTests {
    /// A clock the test sets.
    final class TestClock: Sendable {
        let start = ContinuousClock.now
        private let offset = Mutex<Duration>(.zero)
        func set(_ d: Duration) { offset.withLock { $0 = d } }
        var now: ContinuousClock.Instant { start + offset.withLock { $0 } }
    }

    static let id = ConnectorTaskId(connector: "c", task: 0)

    @Test func recordsCountedJustBeforeASnapshotShowARate() {
        // The old rate came from the delta between two snapshot calls at least 1 s apart: the first reading
        // (and any reading of a burst) was 0/s although records had moved.
        let control = TaskControl(id: Self.id, target: .started)
        control.countIn(10)
        control.countOut(10)
        let entry = control.metrics(workerId: "w")
        #expect(entry.recordsIn == 10)
        #expect(entry.recordsInPerSecond > 0)
        #expect(entry.recordsOutPerSecond > 0)
    }

    @Test func rateIsTheLastFiveSecondsWhateverHowOftenItIsRead() {
        let clock = TestClock()
        let control = TaskControl(id: Self.id, target: .started, clock: { clock.now })
        // 10 records in each of seconds 0..9 (at x.5 s); read many times, close together.
        for second in 0..<10 {
            clock.set(.milliseconds(second * 1000 + 500))
            control.countIn(10)
            control.countOut(5)
            _ = control.metrics(workerId: "w")
            _ = control.metrics(workerId: "w")
        }
        // At 10.0 s the window is seconds 6..10: 40 records over 4 s.
        clock.set(.seconds(10))
        let entry = control.metrics(workerId: "w")
        #expect(entry.recordsInPerSecond == 10)
        #expect(entry.recordsOutPerSecond == 5)
        #expect(control.metrics(workerId: "w").recordsInPerSecond == 10)
        // A quiet spell empties the window.
        clock.set(.seconds(20))
        #expect(control.metrics(workerId: "w").recordsInPerSecond == 0)
        #expect(control.metrics(workerId: "w").recordsIn == 100)
    }

    @Test func aBurstStaysVisibleForTheWindowThenFades() {
        let clock = TestClock()
        var window = RateWindow(origin: clock.start)
        window.add(30, at: clock.start + .milliseconds(2_100))
        // Read at 3.0 s: window seconds 0..3, 30 records over 3 s.
        #expect(window.perSecond(at: clock.start + .seconds(3)) == 10)
        // At 6.5 s: window seconds 2..6 (4.5 s), still holds the burst.
        #expect(window.perSecond(at: clock.start + .milliseconds(6_500)) == 30 / 4.5)
        // At 7.0 s: window seconds 3..7, the burst has left.
        #expect(window.perSecond(at: clock.start + .seconds(7)) == 0)
        // A task's first half second: divided by one second, not by half a second.
        var fresh = RateWindow(origin: clock.start)
        fresh.add(4, at: clock.start + .milliseconds(100))
        #expect(fresh.perSecond(at: clock.start + .milliseconds(500)) == 4)
    }
}
