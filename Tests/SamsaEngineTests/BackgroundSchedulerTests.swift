import Dispatch
import Foundation
import Synchronization
import Testing
@testable import SamsaEngine

/// The cluster's timers: owned, so shutdown leaves nothing behind to run against closed logs.
@Suite struct BackgroundSchedulerTests {
    @Test func shutdownDropsWhatHasNotStartedAndWaitsForWhatRuns() {
        let scheduler = BackgroundScheduler()
        let ran = Atomic<Int>(0)
        let started = DispatchSemaphore(value: 0)
        let finished = Atomic<Bool>(false)
        scheduler.schedule(afterMs: 0) {
            started.signal()
            Thread.sleep(forTimeInterval: 0.2)
            finished.store(true, ordering: .releasing)
        }
        for _ in 0..<10 { scheduler.schedule(afterMs: 60_000) { ran.add(1, ordering: .relaxed) } }
        scheduler.every(ms: 60_000) { ran.add(1, ordering: .relaxed) }
        started.wait()
        scheduler.shutdown()
        let finishedFirst = finished.load(ordering: .acquiring)
        #expect(finishedFirst, "shutdown returned while a task still ran")
        #expect(scheduler.schedule(afterMs: 0) { ran.add(1, ordering: .relaxed) } == nil)
        #expect(ran.load(ordering: .relaxed) == 0)
    }

    @Test func aCancelledTaskNeverRunsAndARepeatingOneNeverOverlapsItself() throws {
        let scheduler = BackgroundScheduler()
        defer { scheduler.shutdown() }
        let cancelledRan = Atomic<Bool>(false)
        scheduler.schedule(afterMs: 50) { cancelledRan.store(true, ordering: .relaxed) }?.cancel()
        let running = Atomic<Int>(0)
        let overlapped = Atomic<Bool>(false)
        let runs = Atomic<Int>(0)
        scheduler.every(ms: 1) {
            if running.add(1, ordering: .relaxed).newValue > 1 { overlapped.store(true, ordering: .relaxed) }
            Thread.sleep(forTimeInterval: 0.005)
            running.subtract(1, ordering: .relaxed)
            runs.add(1, ordering: .relaxed)
        }
        #expect(eventually(30) { runs.load(ordering: .relaxed) >= 20 })
        let (overlap, cancelled) = (overlapped.load(ordering: .relaxed), cancelledRan.load(ordering: .relaxed))
        #expect(!overlap)
        #expect(!cancelled)
    }
}

/// Every timer of a running cluster (retention, in-sync checks, checkpoints, the group coordinators'
/// offset expiry and member sessions) belongs to its scheduler, so shutdown leaves none behind.
@Suite struct ClusterTimerTests {
    @Test func shutdownCancelsEveryTimerTheClusterArmed() throws {
        let h = try ReplicationHarness(brokers: 3)
        let armed = h.cluster.scheduler.pendingCount
        // Per broker at least its coordinator's offset expiry; per cluster at least retention, in-sync checks,
        // high watermark narration and checkpoints, producer-id expiry and the metadata flush.
        #expect(armed >= 3 + 6)
        h.close()
        #expect(h.cluster.scheduler.isShutDown)
        #expect(h.cluster.scheduler.pendingCount == 0)
    }
}
