import Synchronization
import Testing
@testable import SamsaTUI

/// The producer pane's records go through one ordered queue: sent one at a time, in the order entered, and
/// answered in that order, however long each send takes.
@Suite struct OrderedSendTests {
    @Test func aQueueHandlesItsItemsOneAtATimeInOrder() async {
        let handled = Mutex<[Int]>([])
        let running = Mutex((now: 0, most: 0))
        let queue = OrderedQueue<Int> { item in
            running.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
            // Earlier items take longer: handled concurrently, they would finish last.
            try? await Task.sleep(for: .milliseconds(20 - item))
            handled.withLock { $0.append(item) }
            running.withLock { $0.now -= 1 }
        }
        for item in 0..<20 { queue.enqueue(item) }
        queue.finish()
        await queue.worker.value
        #expect(handled.withLock { $0 } == Array(0..<20))
        #expect(running.withLock { $0.most } == 1)
    }

    @Test func recordsAreSentAndAnsweredInTheOrderEntered() async {
        let source = FakeWorkbenchSource()
        let count = 40
        // The first record is the slowest to be acknowledged, the last the fastest.
        source.delayProduce { request in .milliseconds(count - Int(request.value)!) }
        let outbox = ActionOutbox()
        let runner = ActionRunner(source: source, outbox: outbox)
        for index in 0..<count {
            runner.run(.produce(ProduceRequest(topic: "t", key: nil, value: "\(index)", acks: .leader, partitioning: .sticky)))
        }
        let outcomes = await Self.collect(count, from: outbox)
        let answered = outcomes.compactMap { outcome -> String? in
            guard case .produce(let request) = outcome.action else { return nil }
            return request.value
        }
        #expect(answered == (0..<count).map(String.init))
        #expect(source.actions == (0..<count).map { "produce t - \($0)" })
    }

    /// Drains the outbox until `count` outcomes came; the deadline only stops a broken queue from hanging.
    static func collect(_ count: Int, from outbox: ActionOutbox) async -> [ActionOutcome] {
        var outcomes: [ActionOutcome] = []
        let deadline = ContinuousClock.now + .seconds(120)
        while outcomes.count < count && ContinuousClock.now < deadline {
            outcomes += outbox.drain()
            try? await Task.sleep(for: .milliseconds(10))
        }
        return outcomes
    }
}
