import Foundation
import SamsaProtocol
import SamsaStreams
import Synchronization
import Testing
@testable import SamsaTUI

/// A Streams app for the host: hands out the snapshot the test sets and remembers being closed.
final class FakeStreamsApp: StreamsAppHandle {
    let current: Mutex<StreamsSnapshot>
    private let closedFlag = Mutex(false)
    var closed: Bool { closedFlag.withLock { $0 } }
    init(_ snapshot: StreamsSnapshot) { current = Mutex(snapshot) }
    func set(_ snapshot: StreamsSnapshot) { current.withLock { $0 = snapshot } }
    func snapshot() async -> StreamsSnapshot { current.withLock { $0 } }
    func close() async { closedFlag.withLock { $0 = true } }
}

/// The host of apps started here (start, snapshots pulled off the UI thread, events, stop) and the
/// narration of their rebalances and restores.
@Suite struct StreamsHostTests {
    let changelog = TopicPartition("streams-wordcount-counts-store-changelog", 0)

    @Test func startPollStopAndTellWhatHappened() async throws {
        let app = FakeStreamsApp(StreamsFixtures.wordCount(state: .rebalancing, processed: 0))
        let launched = Mutex<[String]>([])
        let host = StreamsHost(bootstrap: "127.0.0.1:9092") { launch, bootstrap, _ in
            launched.withLock { $0.append("\(launch.applicationId) \(launch.guarantee.rawValue) \(bootstrap)") }
            return app
        }
        try await host.start(StreamsDemo.wordCount.defaultLaunch)
        #expect(launched.withLock { $0 } == ["streams-wordcount at_least_once 127.0.0.1:9092"])
        #expect(host.statuses.map(\.applicationId) == ["streams-wordcount"])
        #expect(host.statuses[0].snapshot?.state == .rebalancing)
        #expect(host.statuses[0].lastProgress == nil)

        // A second start of the same id is refused in one sentence.
        await #expect(throws: WorkbenchError.self) { try await host.start(StreamsDemo.wordCount.defaultLaunch) }

        app.set(StreamsFixtures.wordCount(state: .running, processed: 10))
        await host.poll()
        #expect(host.statuses[0].snapshot?.processedTotal == 10)
        #expect(host.statuses[0].lastProgress != nil)

        try await host.stop(applicationId: "streams-wordcount")
        #expect(app.closed)
        #expect(host.statuses.isEmpty)
        #expect(host.events.map(\.kind) == [.streamsStarted, .streamsRebalanced, .streamsRebalanced, .streamsStopped])
        #expect(host.events.map(\.text) == [
            "Streams app streams-wordcount started (word count, at_least_once) reading streams-plaintext-input",
            "Streams app streams-wordcount is rebalancing",
            "Streams app streams-wordcount is running tasks 0_0, 0_1, 1_0",
            "Streams app streams-wordcount stopped",
        ])
        await #expect(throws: WorkbenchError.self) { try await host.stop(applicationId: "streams-wordcount") }
    }

    @Test func startsWhileTheSameIdIsStartingAreRefusedAndOnlyOneLaunches() async throws {
        let released = Mutex(false)
        let launches = Mutex(0)
        let (entered, enter) = AsyncStream<Void>.makeStream()
        let app = FakeStreamsApp(StreamsFixtures.wordCount())
        let host = StreamsHost(bootstrap: "127.0.0.1:9092") { _, _, _ in
            // Only the first launch waits, so a wrongly allowed second one fails the test instead of hanging it.
            guard launches.withLock({ $0 += 1; return $0 }) == 1 else { return app }
            enter.yield()
            while !released.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(5)) }
            return app
        }
        let first = Task { try await host.start(StreamsDemo.wordCount.defaultLaunch) }
        for await _ in entered { break }  // the first launch is under way
        // Every later start is refused, not only the next one: a refusal must not unmark the first start's id.
        for _ in 0..<2 {
            await #expect(throws: WorkbenchError.self) { try await host.start(StreamsDemo.wordCount.defaultLaunch) }
        }
        released.withLock { $0 = true }
        try await first.value
        #expect(launches.withLock { $0 } == 1)
        #expect(host.statuses.map(\.applicationId) == ["streams-wordcount"])
        await #expect(throws: WorkbenchError.self) { try await host.start(StreamsDemo.wordCount.defaultLaunch) }
    }

    @Test func aFailedLaunchLeavesNothingRunning() async {
        let host = StreamsHost(bootstrap: "127.0.0.1:9092") { _, _, _ in throw WorkbenchError("Topic streams-plaintext-input is missing.") }
        await #expect(throws: WorkbenchError.self) { try await host.start(StreamsDemo.wordCount.defaultLaunch) }
        #expect(host.statuses.isEmpty && host.events.isEmpty)
    }

    @Test func restoresAreToldWhenTheyBeginAndEnd() {
        let restoring = StreamsSnapshot.RestoreProgress(store: "counts-store", changelog: changelog, restored: 0, total: 500)
        let begun = StreamsFixtures.wordCount(state: .rebalancing, restoring: [restoring])
        let first = StreamsNarration.changes("wc", from: StreamsFixtures.wordCount(), to: begun)
        #expect(first.map(\.1) == ["Streams app wc is rebalancing",
                                  "Streams app wc restores counts-store from streams-wordcount-counts-store-changelog-0: 500 records"])
        // Progress alone tells nothing new.
        var halfway = restoring
        halfway.restored = 250
        #expect(StreamsNarration.changes("wc", from: begun, to: StreamsFixtures.wordCount(state: .rebalancing, restoring: [halfway])).isEmpty)
        var done = restoring
        done.restored = 500
        let finished = StreamsNarration.changes("wc", from: begun, to: StreamsFixtures.wordCount(state: .rebalancing, restoring: [done]))
        #expect(finished.map(\.1) == ["Streams app wc restored counts-store (500 records)"])
        let gone = StreamsNarration.changes("wc", from: begun, to: StreamsFixtures.wordCount(state: .running))
        #expect(gone.map(\.1) == ["Streams app wc is running tasks 0_0, 0_1, 1_0",
                                 "Streams app wc finished restoring counts-store from streams-wordcount-counts-store-changelog-0"])
        #expect(StreamsNarration.changes("wc", from: begun, to: StreamsFixtures.wordCount(state: .error)).map(\.0).first == .streamsStopped)
        // A restore begun and done between two looks is still told; a store with nothing to restore is not.
        let quick = StreamsNarration.changes("wc", from: StreamsFixtures.wordCount(), to: StreamsFixtures.wordCount(restoring: [done]))
        #expect(quick.map(\.1) == ["Streams app wc restored counts-store (500 records)"])
        let nothing = StreamsSnapshot.RestoreProgress(store: "counts-store", changelog: changelog, restored: 0, total: 0)
        #expect(StreamsNarration.changes("wc", from: StreamsFixtures.wordCount(), to: StreamsFixtures.wordCount(restoring: [nothing])).isEmpty)
    }
}
