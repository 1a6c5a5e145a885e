import SamsaEngine
import SamsaProtocol
import Testing
@testable import SamsaTUI

@Suite struct EngineMappingTests {
    @Test func theEventLogKeepsOnlyTheLatestHighWatermarkMovePerPartition() {
        let log = ClusterEvents(capacity: 100, highWatermarkIntervalMs: 0)
        let orders0 = TopicPartition("orders", 0), orders1 = TopicPartition("orders", 1)
        log.record(.highWatermarkMoved, orders0, "orders-0 moved 0 → 10", now: 1_000)
        log.record(.leaderElected, orders0, "Broker 1 is now leader of orders-0", now: 1_500)
        log.record(.highWatermarkMoved, orders1, "orders-1 moved 0 → 5", now: 2_000)
        for step in 1...50 {
            log.record(.highWatermarkMoved, orders0, "orders-0 moved to \(10 + step)", now: 2_000 + Int64(step) * 10)
        }
        let shown = EngineSnapshotMapping.recentEvents(log.since(), limit: 300).map(\.text)
        // The leader election survives a burst of writes; each partition shows only its newest move.
        #expect(shown == ["Broker 1 is now leader of orders-0", "orders-1 moved 0 → 5", "orders-0 moved to 60"])
        #expect(EngineSnapshotMapping.recentEvents(log.since(), limit: 2).map(\.text) == ["orders-1 moved 0 → 5", "orders-0 moved to 60"])
    }
}
