import Foundation
import NIOCore
import SamsaClient
import SamsaEngine
import SamsaProtocol
import Synchronization
import Testing

/// What concurrently polling consumers have read, by value.
final class Collected: Sendable {
    let values = Mutex<[String]>([])
    var count: Int { values.withLock { $0.count } }
    var all: [String] { values.withLock { $0 } }
}

/// The Swift group consumer and the group admin calls against an in-process broker, over the wire.
@Suite struct GroupConsumerTests {
    static func config(_ group: String) -> GroupConsumerConfig {
        var config = GroupConsumerConfig(groupId: group)
        // Long enough that a member is never dropped because a loaded machine delayed its heartbeats.
        config.sessionTimeoutMs = 45000
        config.heartbeatIntervalMs = 100
        config.autoOffsetReset = .earliest
        config.enableAutoCommit = false
        return config
    }

    /// Polls every consumer concurrently (a rebalance needs them all) until `done` holds or 60 s pass
    /// (generous: a loaded 2-core machine).
    static func pollTogether(_ consumers: [GroupConsumer], into collected: Collected? = nil,
                             until done: @escaping @Sendable () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for consumer in consumers {
                group.addTask {
                    while !done() && ContinuousClock.now < deadline {
                        let records = try await consumer.poll(timeout: .milliseconds(100))
                        collected?.values.withLock { $0.append(contentsOf: records.compactMap(\.valueString)) }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    static func produce(_ client: KafkaClient, _ topic: String, _ values: [String], partitions: Int32) async throws {
        let producer = Producer(client: client)
        for (i, value) in values.enumerated() {
            try await producer.enqueue(ProducerRecord(topic: topic, value: value, partition: Int32(i) % partitions))
        }
        await producer.close()
    }

    @Test func membersSplitThePartitionsAndTheLastOneTakesOverAtTheCommittedOffsets() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        let client = KafkaClient(config: ClientConfig(bootstrapServers: [server.address]), group: server.clientGroup)
        try await Admin(client: client).createTopic("orders", partitions: 4)
        let a = try GroupConsumer(client: client, config: Self.config("g")), b = try GroupConsumer(client: client, config: Self.config("g"))
        a.subscribe(["orders"])
        b.subscribe(["orders"])
        let seen = Collected()
        // Both members in the group before any record exists: had `a` joined alone first and read uncommitted
        // records, `b` would re-read them from the earliest offset after the rebalance (seen under load).
        try await Self.pollTogether([a, b], into: seen) { a.assignment.count == 2 && b.assignment.count == 2 }
        try await Self.produce(client, "orders", (0..<40).map { "v\($0)" }, partitions: 4)
        try await Self.pollTogether([a, b], into: seen) { seen.count >= 40 }
        #expect(a.assignment.count == 2 && b.assignment.count == 2, "range gives each of 2 members 2 of 4 partitions")
        #expect(Set(a.assignment).union(b.assignment) == Set((0..<4).map { TopicPartition("orders", $0) }))
        #expect(seen.all.sorted() == (0..<40).map { "v\($0)" }.sorted(), "every record once")
        try await a.commit()
        try await b.commit()

        await a.close()
        try await Self.pollTogether([b]) { b.assignment.count == 4 }
        try await Self.produce(client, "orders", (40..<48).map { "v\($0)" }, partitions: 4)
        try await Self.pollTogether([b], into: seen) { seen.count >= 48 }
        #expect(seen.all.sorted() == (0..<48).map { "v\($0)" }.sorted(), "the takeover resumed at a's commits: no duplicates")
        try await b.commit()
        await b.close()

        let admin = Admin(client: client)
        let committed = try await admin.committedOffsets(group: "g")
        #expect(committed == Dictionary(uniqueKeysWithValues: (0..<4).map { (TopicPartition("orders", $0), Int64(12)) }))
        #expect(try await admin.describeGroups(["g"]).first?.state == "Empty")
        await client.close()
    }

    @Test func adminDescribesMembersAndOnlyTouchesOffsetsOfEmptyGroups() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        let client = KafkaClient(config: ClientConfig(bootstrapServers: [server.address], clientId: "tester"), group: server.clientGroup)
        let admin = Admin(client: client)
        try await admin.createTopic("events", partitions: 3)
        var config = Self.config("watchers")
        config.assignors = [RoundRobinAssignor()]
        let consumer = try GroupConsumer(client: client, config: config)
        consumer.subscribe(["events"])
        try await Self.pollTogether([consumer]) { consumer.assignment.count == 3 }

        #expect(try await admin.listGroups().map(\.groupId) == ["watchers"])
        let described = try #require(try await admin.describeGroups(["watchers"]).first)
        #expect(described.state == "Stable" && described.assignmentStrategy == "roundrobin" && described.protocolType == "consumer")
        #expect(described.members.map(\.memberId) == [consumer.memberId])
        #expect(described.members.first?.clientId == "tester" && described.members.first?.host == "/127.0.0.1")
        #expect(described.members.first?.assignment == (0..<3).map { TopicPartition("events", $0) })
        await #expect(throws: ClientError.self) { try await admin.commitOffsets(group: "watchers", [TopicPartition("events", 0): 0]) }
        #expect(try await admin.deleteGroups(["watchers"]) == ["watchers": .nonEmptyGroup])

        await consumer.close()
        #expect(try await admin.describeGroups(["watchers"]).first?.members == [])
        try await admin.commitOffsets(group: "watchers", [TopicPartition("events", 1): 0])
        #expect(try await admin.committedOffsets(group: "watchers") == [TopicPartition("events", 1): 0])
        #expect(try await admin.deleteGroups(["watchers"]) == ["watchers": .none])
        #expect(try await admin.describeGroups(["watchers"]).first?.state == "Dead")
        await client.close()
    }

    @Test func aMemberRidesOutACoordinatorRestart() async throws {
        let directory = NSTemporaryDirectory() + "samsa-group-restart-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var server: TestServer? = try await TestServer.start(directory: directory)
        let address = server!.address
        let client = KafkaClient(config: ClientConfig(bootstrapServers: [address]))
        try await Admin(client: client).createTopic("jobs", partitions: 2)
        try await Self.produce(client, "jobs", (0..<10).map { "j\($0)" }, partitions: 2)
        var config = Self.config("workers")
        config.enableAutoCommit = true
        config.autoCommitIntervalMs = 100
        let consumer = try GroupConsumer(client: client, config: config)
        consumer.subscribe(["jobs"])
        let seen = Collected()
        try await Self.pollTogether([consumer], into: seen) { seen.count >= 10 }
        let generation = consumer.generationId

        server!.stop(keepData: true)
        server = try await TestServer.start(directory: directory, port: address.port)
        defer { server?.stop() }
        let producerClient = KafkaClient(config: ClientConfig(bootstrapServers: [address]))
        try await Self.produce(producerClient, "jobs", (10..<16).map { "j\($0)" }, partitions: 2)
        try await Self.pollTogether([consumer], into: seen) { seen.count >= 16 }
        #expect(seen.all.sorted() == (0..<16).map { "j\($0)" }.sorted(), "nothing lost or repeated across the restart")
        #expect(consumer.assignment.count == 2)
        #expect(consumer.generationId >= generation)
        await consumer.close()
        let committed = try await Admin(client: producerClient).committedOffsets(group: "workers")
        #expect(committed.values.reduce(0, +) == 16, "close committed every position")
        await client.close()
        await producerClient.close()
    }

    @Test func commitsAndHeartbeatsRideOutNotCoordinator() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        let client = KafkaClient(config: ClientConfig(bootstrapServers: [server.address]), group: server.clientGroup)
        try await Admin(client: client).createTopic("moves", partitions: 1)
        try await Self.produce(client, "moves", (0..<5).map { "m\($0)" }, partitions: 1)
        let consumer = try GroupConsumer(client: client, config: Self.config("movers"))
        consumer.subscribe(["moves"])
        let seen = Collected()
        try await Self.pollTogether([consumer], into: seen) { seen.count >= 5 }

        // The coordinator gives the group up (as when leadership of its __consumer_offsets partition moves):
        // until it loads it again, every group request is answered NOT_COORDINATOR.
        let broker = try server.cluster.coordinator(for: "movers")
        let index = GroupCoordinator.partition(for: "movers", partitions: 50)
        let offsets = try #require(broker.partition(TopicPartition("__consumer_offsets", index)))
        broker.coordinator.unload(partition: index)
        let reload = Task {
            try await Task.sleep(for: .milliseconds(500))
            broker.coordinator.load(offsets)
        }
        try await consumer.commit()
        try await reload.value
        #expect(try await Admin(client: client).committedOffsets(group: "movers") == [TopicPartition("moves", 0): 5])

        try await Self.produce(client, "moves", (5..<8).map { "m\($0)" }, partitions: 1)
        try await Self.pollTogether([consumer], into: seen) { seen.count >= 8 }
        #expect(seen.all == (0..<8).map { "m\($0)" })
        #expect(consumer.assignment == [TopicPartition("moves", 0)])
        await consumer.close()
        await client.close()
    }

    @Test func aRestartedStaticMemberGetsItsPartitionsBackWithoutARebalance() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        let client = KafkaClient(config: ClientConfig(bootstrapServers: [server.address]), group: server.clientGroup)
        try await Admin(client: client).createTopic("fixed", partitions: 2)
        func member(_ instance: String) throws -> GroupConsumer {
            var config = Self.config("statics")
            config.groupInstanceId = instance
            let consumer = try GroupConsumer(client: client, config: config)
            consumer.subscribe(["fixed"])
            return consumer
        }
        let a = try member("instance-a"), b = try member("instance-b")
        try await Self.pollTogether([a, b]) { a.assignment.count == 1 && b.assignment.count == 1 }
        let (aPartitions, generation) = (a.assignment, b.generationId)
        await a.close()  // a static member does not leave: its place is kept for the session timeout

        let described = try #require(try await Admin(client: client).describeGroups(["statics"]).first)
        #expect(described.members.compactMap(\.groupInstanceId).sorted() == ["instance-a", "instance-b"])
        let restarted = try member("instance-a")
        try await Self.pollTogether([restarted, b]) { restarted.assignment == aPartitions }
        #expect(b.generationId == generation, "the other member saw no rebalance")
        #expect(b.assignment.count == 1 && Set(b.assignment).isDisjoint(with: restarted.assignment))
        await restarted.close()
        await b.close()
        await client.close()
    }

    @Test func aMemberInterruptedMidRebalanceStillLeavesWhenClosed() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        let client = KafkaClient(config: ClientConfig(bootstrapServers: [server.address]), group: server.clientGroup)
        try await Admin(client: client).createTopic("crowded", partitions: 2)
        func member() throws -> GroupConsumer {
            let consumer = try GroupConsumer(client: client, config: Self.config("interrupted"))
            consumer.subscribe(["crowded"])
            return consumer
        }
        let a = try member(), b = try member()
        try await Self.pollTogether([a, b]) { a.assignment.count == 1 && b.assignment.count == 1 }
        // A third member starts a rebalance; b does not poll, so a's JoinGroup waits for it.
        let c = try member()
        let joining = Task { try await Self.pollTogether([c]) { false } }
        let waiting = Task { try await Self.pollTogether([a]) { false } }
        try await eventually { try await Admin(client: client).describeGroups(["interrupted"]).first?.state == "PreparingRebalance" }
        try await Task.sleep(for: .milliseconds(300))  // most likely a is inside its JoinGroup by now
        waiting.cancel()  // as Ctrl-C does: a coordinator request in flight closes its connection
        if case .failure(let error) = await waiting.result {
            #expect(error is CancellationError, "a cancelled poll reports the cancellation, not \(error)")
        }
        let leaving = a.memberId
        await a.close()
        // Its LeaveGroup went out on a fresh connection: a is gone at once, not after its 45 s session timeout.
        try await eventually(20) {
            let members = try await Admin(client: client).describeGroups(["interrupted"]).first?.members ?? []
            return !members.contains { $0.memberId == leaving }
        }
        joining.cancel()
        _ = await joining.result
        await c.close()
        await b.close()
        await client.close()
    }
}
