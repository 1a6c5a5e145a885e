import Foundation
import NIOCore
import SamsaClient
import SamsaProtocol
import Synchronization
import Testing

/// Samsa's transactional producer and read_committed consumer against an in-process broker, over the wire.
@Suite struct TransactionalClientTests {
    /// What a test opened, closed when it ends (also when it fails), so no background task of a producer or
    /// group member keeps reconnecting to a stopped server.
    final class Opened: Sendable {
        let closers = Mutex<[@Sendable () async -> Void]>([])

        func producer(_ client: KafkaClient, id: String? = nil, lingerMs: Int = 0) -> Producer {
            var config = ProducerConfig()
            config.transactionalId = id
            config.lingerMs = lingerMs
            let producer = Producer(client: client, config: config)
            closers.withLock { $0.append { await producer.close() } }
            return producer
        }

        func groupConsumer(_ client: KafkaClient, _ config: GroupConsumerConfig) throws -> GroupConsumer {
            let consumer = try GroupConsumer(client: client, config: config)
            closers.withLock { $0.append { await consumer.close() } }
            return consumer
        }

        func closeAll() async {
            for close in closers.withLock({ $0 }).reversed() { await close() }
        }
    }

    /// Runs `body` against a fresh one-broker cluster, then closes what it opened and stops the cluster.
    static func withCluster(_ body: (KafkaClient, Admin, Opened) async throws -> Void) async throws {
        let server = try await TestServer.start()
        let client = KafkaClient(config: ClientConfig(bootstrapServers: [server.address]), group: server.clientGroup)
        let opened = Opened()
        try await withCleanup { try await body(client, Admin(client: client), opened) } cleanup: {
            await opened.closeAll()
            await client.close()
            server.stop()
        }
    }

    /// Reads `topic` from the beginning at `isolation` until a record with value `last` arrives (60 s at most:
    /// a loaded machine), and returns the values read.
    static func read(_ client: KafkaClient, _ topic: String, isolation: IsolationLevel, until last: String) async throws -> [String] {
        var config = ConsumerConfig()
        config.isolationLevel = isolation
        config.fetchMaxWaitMs = 100
        let consumer = Consumer(client: client, config: config)
        consumer.assign(try await consumer.partitions(of: topic), from: .beginning)
        var values: [String] = []
        let deadline = ContinuousClock.now + .seconds(60)
        while !values.contains(last) && ContinuousClock.now < deadline {
            values += try await consumer.poll(timeout: .milliseconds(200)).compactMap(\.valueString)
        }
        return values
    }

    /// A new transactional producer with a transaction open that holds `values` (on partition 0).
    static func openTransaction(_ opened: Opened, _ client: KafkaClient, id: String, topic: String, _ values: [String]) async throws -> Producer {
        let producer = opened.producer(client, id: id)
        try await producer.initTransactions()
        try producer.beginTransaction()
        try await send(producer, topic, values)
        return producer
    }

    static func send(_ producer: Producer, _ topic: String, _ values: [String], partitions: Int32 = 1) async throws {
        for (i, value) in values.enumerated() {
            try await producer.send(ProducerRecord(topic: topic, value: value, partition: Int32(i) % partitions))
        }
    }

    @Test func aCommittedTransactionIsVisibleToReadCommittedOnlyOnceCommitted() async throws {
        try await Self.withCluster { client, admin, opened in
            try await admin.createTopic("orders", partitions: 2)
            let producer = opened.producer(client, id: "orders-writer")
            try await producer.initTransactions()
            #expect(producer.transactionState == .ready)
            try producer.beginTransaction()
            try await Self.send(producer, "orders", ["a", "b", "c"], partitions: 2)

            // Open: the last stable offset stays at the transaction's first record; read_uncommitted sees it all.
            #expect(try await admin.listOffset(topic: "orders", partition: 0, spec: -1, isolation: .readCommitted).offset == 0)
            #expect(try await admin.listOffset(topic: "orders", partition: 0, spec: -1).offset == 2)
            #expect(Set(try await Self.read(client, "orders", isolation: .readUncommitted, until: "c")) == ["a", "b", "c"])

            try await producer.commitTransaction()
            #expect(producer.transactionState == .ready)
            let committed = try await Self.read(client, "orders", isolation: .readCommitted, until: "c")
            #expect(Set(committed) == ["a", "b", "c"] && committed.count == 3)
            // The COMMIT marker takes an offset: the stable end is past it.
            #expect(try await admin.listOffset(topic: "orders", partition: 0, spec: -1, isolation: .readCommitted).offset == 3)
        }
    }

    @Test func anAbortedTransactionIsInvisibleToReadCommittedButNotToReadUncommitted() async throws {
        try await Self.withCluster { client, admin, opened in
            try await admin.createTopic("events", partitions: 1)
            let producer = opened.producer(client, id: "events-writer")
            try await producer.initTransactions()
            try producer.beginTransaction()
            try await Self.send(producer, "events", ["dropped-1", "dropped-2"])
            try await producer.abortTransaction()
            try producer.beginTransaction()
            try await Self.send(producer, "events", ["kept"])
            try await producer.commitTransaction()

            #expect(try await Self.read(client, "events", isolation: .readCommitted, until: "kept") == ["kept"])
            #expect(try await Self.read(client, "events", isolation: .readUncommitted, until: "kept") == ["dropped-1", "dropped-2", "kept"])
        }
    }

    @Test func abortDropsRecordsNotYetSent() async throws {
        try await Self.withCluster { client, admin, opened in
            try await admin.createTopic("lingering", partitions: 1)
            let producer = opened.producer(client, id: "lingerer", lingerMs: 60000)
            try await producer.initTransactions()
            try producer.beginTransaction()
            let outcome = Mutex<Result<RecordMetadata, Error>?>(nil)
            try await producer.enqueue(ProducerRecord(topic: "lingering", value: "never")) { result in outcome.withLock { $0 = result } }
            try await producer.abortTransaction()
            let result = try #require(outcome.withLock { $0 })
            #expect(throws: ClientError.transactionAborted) { try result.get() }
            try producer.beginTransaction()
            try await producer.enqueue(ProducerRecord(topic: "lingering", value: "sent"))
            try await producer.commitTransaction()
            #expect(try await Self.read(client, "lingering", isolation: .readUncommitted, until: "sent") == ["sent"])
        }
    }

    @Test func offsetsSentToATransactionAreCommittedOnlyWithIt() async throws {
        try await Self.withCluster { client, admin, opened in
            try await admin.createTopic("in", partitions: 1)
            try await admin.createTopic("out", partitions: 1)
            let input = opened.producer(client)
            try await Self.send(input, "in", ["1", "2", "3"])

            var config = GroupConsumerConfig(groupId: "doubler")
            config.sessionTimeoutMs = 45000
            config.heartbeatIntervalMs = 100
            config.autoOffsetReset = .earliest
            config.enableAutoCommit = false
            config.fetch.isolationLevel = .readCommitted
            let consumer = try opened.groupConsumer(client, config)
            consumer.subscribe(["in"])
            var read: [ConsumerRecord] = []
            let deadline = ContinuousClock.now + .seconds(60)
            while read.count < 3 && ContinuousClock.now < deadline { read += try await consumer.poll(timeout: .milliseconds(200)) }
            #expect(read.count == 3)
            let metadata = consumer.groupMetadata
            #expect(metadata.groupId == "doubler" && metadata.generationId >= 1 && !metadata.memberId.isEmpty)

            let producer = opened.producer(client, id: "doubler-tx")
            try await producer.initTransactions()
            let tp = TopicPartition("in", 0)
            try producer.beginTransaction()
            try await Self.send(producer, "out", read.map { "\(Int($0.valueString ?? "0")! * 2)" })
            try await producer.sendOffsetsToTransaction([tp: 3], groupMetadata: metadata)
            try await producer.abortTransaction()
            #expect(try await admin.committedOffsets(group: "doubler")[tp] == nil, "aborted: no offset committed")

            try producer.beginTransaction()
            try await Self.send(producer, "out", ["2", "4", "6"])
            try await producer.sendOffsetsToTransaction([tp: 3], groupMetadata: metadata)
            try await producer.commitTransaction()
            #expect(try await admin.committedOffsets(group: "doubler")[tp] == 3)
            #expect(try await consumer.committed([tp]) == [tp: 3], "the member reads the transaction's offset as stable")
            #expect(try await Self.read(client, "out", isolation: .readCommitted, until: "6") == ["2", "4", "6"])

            // A stale generation is refused (KIP-447): the transaction becomes abortable.
            try producer.beginTransaction()
            var stale = metadata
            stale.generationId += 100
            await #expect(throws: ClientError.self) { try await producer.sendOffsetsToTransaction([tp: 3], groupMetadata: stale) }
            #expect(producer.transactionState == .abortableError)
            try await producer.abortTransaction()
            #expect(producer.transactionState == .ready)
        }
    }

    @Test func aSecondProducerWithTheSameIdFencesTheFirst() async throws {
        try await Self.withCluster { client, admin, opened in
            try await admin.createTopic("fenced", partitions: 1)
            let zombie = try await Self.openTransaction(opened, client, id: "shared-id", topic: "fenced", ["zombie"])

            let successor = opened.producer(client, id: "shared-id")
            try await successor.initTransactions()
            await #expect(throws: ClientError.self) { try await zombie.commitTransaction() }
            #expect(zombie.transactionState == .fatalError)
            #expect(throws: ClientError.self) { try zombie.beginTransaction() }

            try successor.beginTransaction()
            try await Self.send(successor, "fenced", ["successor"])
            try await successor.commitTransaction()
            #expect(try await Self.read(client, "fenced", isolation: .readCommitted, until: "successor") == ["successor"],
                    "the zombie's open transaction was aborted when the successor initialised")
        }
    }

    @Test func transactionsToolListsDescribesAndAbortsAHangingTransaction() async throws {
        try await Self.withCluster { client, admin, opened in
            try await admin.createTopic("tool", partitions: 1)
            _ = try await Self.openTransaction(opened, client, id: "tool-writer", topic: "tool", ["pending"])

            let listing = try #require(try await admin.listTransactions().first { $0.transactionalId == "tool-writer" })
            #expect(listing.state == "Ongoing")
            let listed = TransactionsFormat.list([listing]).split(separator: "\n")
            #expect(listed[1].split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
                    == ["tool-writer", "\(listing.coordinatorId)", "\(listing.producerId)", "Ongoing"])

            let description = try await admin.describeTransaction("tool-writer")
            #expect(description.state == "Ongoing" && description.topicPartitions == [TopicPartition("tool", 0)])
            #expect(description.producerId == listing.producerId && description.transactionStartTimeMs != nil)
            let described = TransactionsFormat.describe(description, nowMs: Int64(Date().timeIntervalSince1970 * 1000))
            #expect(described.contains("tool-0") && described.contains("Ongoing"))

            let producers = try await admin.describeProducers(TopicPartition("tool", 0))
            let open = try #require(producers.first { $0.producerId == listing.producerId })
            #expect(open.currentTransactionStartOffset == 0)
            #expect(TransactionsFormat.producers(producers).contains("\(listing.producerId)"))
            #expect(try await admin.describeProducers(TopicPartition("tool", 0), brokerId: 0) == producers, "the leader's replica, asked by id")

            // What `--abort --start-offset 0` does: the partition's records of that transaction become aborted.
            try await admin.abortTransaction(try await admin.abortSpec(TopicPartition("tool", 0), startOffset: 0))
            #expect(try await admin.describeProducers(TopicPartition("tool", 0)).first { $0.producerId == listing.producerId }?
                .currentTransactionStartOffset == nil)
            #expect(try await admin.listOffset(topic: "tool", partition: 0, spec: -1, isolation: .readCommitted).offset == 2)
            await #expect(throws: ClientError.self) { try await admin.abortSpec(TopicPartition("tool", 0), startOffset: 0) }
        }
    }
}
