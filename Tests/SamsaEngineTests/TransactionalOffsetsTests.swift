import NIOCore
import Testing
@testable import SamsaEngine
@testable import SamsaProtocol

@Suite struct TransactionalOffsetsTests {
    let input = TopicPartition("input", 0)

    private func setUp(_ h: TransactionHarness) throws -> (GroupCoordinator, InitProducerIdResult) {
        try h.cluster.createTopic(name: "input", partitions: 1, replicationFactor: 1)
        let group = try h.cluster.coordinator(for: "g").coordinator
        _ = eventually { group.loadedPartitions.count == 3 }
        let producer = try h.initProducer("tx")
        let partitions = h.cluster.controller.topic("__consumer_offsets")!.partitions.count
        #expect(try h.coordinator("tx").addOffsets(transactionalId: "tx", producerId: producer.producerId,
                                                   producerEpoch: producer.producerEpoch, groupId: "g",
                                                   offsetsPartitions: partitions, on: h.loop).wait() == .none)
        return (group, producer)
    }

    private func commit(_ h: TransactionHarness, _ group: GroupCoordinator, _ producer: InitProducerIdResult,
                        offset: Int64) throws -> [TopicPartition: ErrorCode] {
        try group.commitTransactionalOffsets(TxnOffsetCommitParameters(
            transactionalId: "tx", groupId: "g", producerId: producer.producerId, producerEpoch: producer.producerEpoch,
            offsets: [input: OffsetToCommit(offset: offset)]), on: h.loop).wait()
    }

    @Test func offsetsArePendingUntilTheCommitMarker() throws {
        let h = try TransactionHarness()
        defer { h.close() }
        let (group, producer) = try setUp(h)
        #expect(try commit(h, group, producer, offset: 5) == [input: .none])
        #expect(try group.fetchOffsets(groupId: "g", partitions: [input])[input]?.offset == -1, "not visible before the commit")
        #expect(try group.fetchOffsets(groupId: "g", partitions: [input], requireStable: true).unstable == [input])
        #expect(try h.end("tx", producer, commit: true) == .none)
        #expect(eventually { (try? group.fetchOffsets(groupId: "g", partitions: [input]))?[input]?.offset == 5 })
        #expect(try group.fetchOffsets(groupId: "g", partitions: [input], requireStable: true).unstable.isEmpty)
        try h.restart()
        let reloaded = try h.cluster.coordinator(for: "g").coordinator
        #expect(try reloaded.fetchOffsets(groupId: "g", partitions: [input])[input]?.offset == 5, "the replay honours the marker")
    }

    @Test func anAbortDropsThePendingOffsets() throws {
        let h = try TransactionHarness()
        defer { h.close() }
        let (group, producer) = try setUp(h)
        #expect(try commit(h, group, producer, offset: 9) == [input: .none])
        #expect(try h.end("tx", producer, commit: false) == .none)
        #expect(h.waitForState("tx", .completeAbort))
        #expect(eventually { (try? group.fetchOffsets(groupId: "g", partitions: [input], requireStable: true))?.unstable.isEmpty == true })
        #expect(try group.fetchOffsets(groupId: "g", partitions: [input])[input]?.offset == -1)
        try h.restart()
        let reloaded = try h.cluster.coordinator(for: "g").coordinator
        #expect(try reloaded.fetchOffsets(groupId: "g", partitions: [input], requireStable: true).offsets[input]?.offset == -1)
    }

    @Test func aPendingCommitReloadsAsPendingAndAFencedProducerCannotCommit() throws {
        let h = try TransactionHarness()
        defer { h.close() }
        let (group, producer) = try setUp(h)
        #expect(try commit(h, group, producer, offset: 3) == [input: .none])
        try h.restart()
        let reloaded = try h.cluster.coordinator(for: "g").coordinator
        #expect(try reloaded.fetchOffsets(groupId: "g", partitions: [input], requireStable: true).unstable == [input])
        // A new producer fences this one: its transaction is aborted under a bumped epoch.
        #expect(try h.initProducer("tx").error == .concurrentTransactions)
        #expect(h.waitForState("tx", .completeAbort))
        #expect(eventually { (try? reloaded.fetchOffsets(groupId: "g", partitions: [input], requireStable: true))?.unstable.isEmpty == true })
        #expect(try commit(h, reloaded, producer, offset: 4) == [input: .invalidProducerEpoch])
    }

    @Test func aTransactionsOffsetReplacesOnlyACommitWrittenBeforeIt() throws {
        let h = try TransactionHarness()
        defer { h.close() }
        let (group, producer) = try setUp(h)
        let other = TopicPartition("input", 1)
        try h.cluster.addPartitions("input", total: 2)
        func plainCommit(_ tp: TopicPartition, _ offset: Int64) throws -> [TopicPartition: ErrorCode] {
            try group.commitOffsets(OffsetCommitParameters(groupId: "g", offsets: [tp: OffsetToCommit(offset: offset)]), on: h.loop).wait()
        }
        #expect(try plainCommit(input, 2) == [input: .none])
        let both = TxnOffsetCommitParameters(transactionalId: "tx", groupId: "g", producerId: producer.producerId,
                                             producerEpoch: producer.producerEpoch,
                                             offsets: [input: OffsetToCommit(offset: 5), other: OffsetToCommit(offset: 5)])
        #expect(try group.commitTransactionalOffsets(both, on: h.loop).wait() == [input: .none, other: .none])
        #expect(try plainCommit(other, 7) == [other: .none], "written after the transaction's offset")
        #expect(try h.end("tx", producer, commit: true) == .none)
        let expected: [TopicPartition: Int64] = [input: 5, other: 7]
        #expect(eventually { (try? group.fetchOffsets(groupId: "g", partitions: [input, other]))?.mapValues(\.offset) == expected })
        try h.restart()
        let reloaded = try h.cluster.coordinator(for: "g").coordinator
        #expect(try reloaded.fetchOffsets(groupId: "g", partitions: [input, other]).mapValues(\.offset) == expected,
                "the replay keeps the log's order too")
    }

    @Test func memberChecksOfKIP447() throws {
        let h = try TransactionHarness()
        defer { h.close() }
        let (group, producer) = try setUp(h)
        let request = TxnOffsetCommitParameters(transactionalId: "tx", groupId: "g", producerId: producer.producerId,
                                                producerEpoch: producer.producerEpoch, generationId: 3, memberId: "nobody",
                                                offsets: [input: OffsetToCommit(offset: 1)])
        #expect(try group.commitTransactionalOffsets(request, on: h.loop).wait() == [input: .unknownMemberId])
        var noMember = request
        noMember.memberId = ""
        #expect(try group.commitTransactionalOffsets(noMember, on: h.loop).wait() == [input: .illegalGeneration])
    }
}
