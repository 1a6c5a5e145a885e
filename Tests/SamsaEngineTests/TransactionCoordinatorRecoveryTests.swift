import NIOCore
import Testing
@testable import SamsaEngine
@testable import SamsaProtocol

@Suite struct TransactionCoordinatorRecoveryTests {
    let p0 = TopicPartition("orders", 0)

    @Test func aRestartReloadsAnOpenAndACommittedTransaction() throws {
        let h = try TransactionHarness()
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 1)
        let open = try h.initProducer("open")
        _ = try h.add("open", open, [p0])
        let done = try h.initProducer("done")
        _ = try h.add("done", done, [p0])
        #expect(try h.end("done", done, commit: true) == .none)
        #expect(h.waitForState("done", .completeCommit))
        try h.restart()
        let reloaded = try h.describe("open")
        #expect(reloaded.state == .ongoing)
        #expect(reloaded.producerId == open.producerId)
        #expect(reloaded.producerEpoch == open.producerEpoch)
        #expect(reloaded.partitions == [p0])
        #expect(try h.describe("done").state == .completeCommit)
        #expect(try h.end("open", open, commit: true) == .none, "the open transaction carries on after the restart")
        #expect(h.waitForState("open", .completeCommit))
        #expect(try h.markers(p0).map(\.marker.kind) == [.commit, .commit])
    }

    @Test func aPrepareCommitFoundOnRestartIsCompleted() throws {
        let h = try TransactionHarness()
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 1)
        let producer = try h.initProducer("tx")
        _ = try h.add("tx", producer, [p0])
        try h.writeOnly(try h.coordinator("tx"), try #require(try h.metadata("tx")).preparing(commit: true, now: currentTimeMillis()))
        #expect(try h.markers(p0).isEmpty)
        try h.restart()
        #expect(h.waitForState("tx", .completeCommit))
        #expect(try h.markers(p0).map(\.marker.kind) == [.commit])
    }

    @Test func aNewCoordinatorCompletesAPrepareCommitAfterTheOldOneIsKilled() throws {
        let h = try TransactionHarness(brokers: 3)
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 3)
        let producer = try h.initProducer("tx")
        _ = try h.add("tx", producer, [p0])
        let old = try h.coordinator("tx")
        try h.writeOnly(old, try #require(try h.metadata("tx")).preparing(commit: true, now: currentTimeMillis()))
        try h.cluster.killBroker(old.brokerId)
        #expect(h.waitForState("tx", .completeCommit))
        #expect(try h.coordinator("tx").brokerId != old.brokerId)
        #expect(try h.markers(p0).map(\.marker.kind) == [.commit])
    }

    @Test func anOpenTransactionSurvivesItsCoordinatorsKill() throws {
        let h = try TransactionHarness(brokers: 3)
        defer { h.close() }
        try h.cluster.createTopic(name: "orders", partitions: 1, replicationFactor: 3)
        let producer = try h.initProducer("tx")
        _ = try h.add("tx", producer, [p0])
        let old = try h.coordinator("tx")
        try h.cluster.killBroker(old.brokerId)
        #expect(eventually { (try? h.coordinator("tx"))?.brokerId != old.brokerId })
        let moved = try h.describe("tx")
        #expect(moved.state == .ongoing)
        #expect(moved.producerEpoch == producer.producerEpoch)
        #expect(try h.end("tx", producer, commit: true) == .none)
        #expect(h.waitForState("tx", .completeCommit))
        #expect(try h.markers(p0).map(\.marker.kind) == [.commit])
        #expect(old.loadedPartitions.isEmpty, "the killed broker coordinates nothing")
    }
}
