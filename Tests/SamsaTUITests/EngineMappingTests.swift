import Foundation
import NIOCore
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

    @Test func theCoordinatorsTransactionsMapToTheTransactionsPane() {
        let open = TransactionDescription(transactionalId: "b-tx", producerId: 4, producerEpoch: 2, state: .ongoing, timeoutMs: 60_000,
                                          startTimestamp: 1_700_000_000_000, lastUpdateTimestamp: 1_700_000_001_000,
                                          partitions: [TopicPartition("orders", 2), TopicPartition("orders", 0)], coordinatorId: 1)
        let done = TransactionDescription(transactionalId: "a-tx", producerId: 9, producerEpoch: 0, state: .completeAbort, coordinatorId: -1)
        let failed = TransactionDescription(transactionalId: "c-tx", error: .notCoordinator)
        let mapped = EngineSnapshotMapping.transactions([open, failed, done])
        #expect(mapped.map(\.transactionalId) == ["a-tx", "b-tx"])
        #expect(mapped[0].state == .completeAbort && mapped[0].startTime == nil && mapped[0].coordinator == nil)
        #expect(mapped[1] == TransactionStatus(transactionalId: "b-tx", producerId: 4, producerEpoch: 2, state: .ongoing,
                                               partitions: [TopicPartition("orders", 0), TopicPartition("orders", 2)],
                                               startTime: Date(timeIntervalSince1970: 1_700_000_000), coordinator: 1))
    }

    @Test func transactionEventsKeepKindsOfTheirOwn() {
        let log = ClusterEvents(capacity: 10, highWatermarkIntervalMs: 0)
        log.record(.transactionBegan, nil, "Transaction of t began", now: 1)
        log.record(.transactionCommitted, nil, "Transaction of t committed on 1 partition(s)", now: 2)
        log.record(.transactionAborted, nil, "Transaction of t aborted on 1 partition(s)", now: 3)
        log.record(.producerFenced, nil, "Producer epoch 0 of t fenced", now: 4)
        log.record(.transactionalIdExpired, nil, "Transactional id t expired", now: 5)
        #expect(EngineSnapshotMapping.events(log.since()).map(\.kind)
                == [.transactionBegan, .transactionCommitted, .transactionAborted, .producerFenced, .other])
    }

    /// Streams members' user data come out of the consumer protocol's subscription and assignment as written.
    @Test func userDataComesOutOfTheConsumerProtocol() {
        var data = ByteBuffer()
        data.writeBytes(Array(#"{"processId":"p"}"#.utf8))
        let subscription = ConsumerProtocolSubscription(topics: ["in"], userData: data).encode()
        #expect(EngineSnapshotMapping.subscriptionUserData(subscription) == Array(#"{"processId":"p"}"#.utf8))
        #expect(EngineSnapshotMapping.subscriptionUserData(ConsumerProtocolSubscription(topics: ["in"]).encode()) == nil)
        let assignment = ConsumerProtocolAssignment(partitions: [TopicPartition("in", 0)], userData: ByteBuffer(bytes: [1, 2, 3])).encode()
        #expect(EngineSnapshotMapping.assignmentUserData(assignment) == [1, 2, 3])
        #expect(EngineSnapshotMapping.assignment(assignment) == [TopicPartition("in", 0)])
        // Not the consumer protocol at all, or nothing (a member still joining).
        #expect(EngineSnapshotMapping.subscriptionUserData(ByteBuffer(bytes: [0xff, 0xff, 0xff])) == nil)
        #expect(EngineSnapshotMapping.assignmentUserData(ByteBuffer()) == nil)
    }
}
