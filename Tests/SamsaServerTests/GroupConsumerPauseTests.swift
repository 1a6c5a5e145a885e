import Foundation
import SamsaClient
import SamsaProtocol
import Testing

/// `GroupConsumer.pause/resume/paused` as Kafka's consumer: a paused partition is not fetched, keeps its
/// position (which a seek moves and a commit stores), resumes where it was, and forgets the pause when revoked.
@Suite struct GroupConsumerPauseTests {
    /// Polls until `done` holds (60 s at most: a loaded machine), returning what was read.
    static func poll(_ consumer: GroupConsumer, until done: ([ConsumerRecord]) -> Bool) async throws -> [ConsumerRecord] {
        var seen: [ConsumerRecord] = []
        let deadline = ContinuousClock.now + .seconds(60)
        while !done(seen) && ContinuousClock.now < deadline {
            seen += try await consumer.poll(timeout: .milliseconds(100))
        }
        return seen
    }

    @Test func pausedPartitionIsNotFetchedKeepsItsPositionAndResumesThere() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        let client = KafkaClient(config: ClientConfig(bootstrapServers: [server.address]), group: server.clientGroup)
        try await Admin(client: client).createTopic("p", partitions: 2)
        let p0 = TopicPartition("p", 0), p1 = TopicPartition("p", 1)
        try await GroupConsumerTests.produce(client, "p", (0..<10).map { "a\($0)" }, partitions: 2)
        let consumer = try GroupConsumer(client: client, config: GroupConsumerTests.config("pg"))
        consumer.subscribe(["p"])
        let first = try await Self.poll(consumer) { $0.count >= 10 }
        #expect(first.count == 10)
        #expect(consumer.paused.isEmpty)

        consumer.pause([p0, TopicPartition("other", 0)])
        #expect(consumer.paused == [p0], "only assigned partitions pause")
        #expect(consumer.position(p0) == 5)
        try await GroupConsumerTests.produce(client, "p", (10..<20).map { "b\($0)" }, partitions: 2)
        // Partition 1's five new records arrive; partition 0's five wait.
        var second = try await Self.poll(consumer) { $0.count >= 5 }
        for _ in 0..<5 { second += try await consumer.poll(timeout: .milliseconds(100)) }
        #expect(second.map(\.partition) == [1, 1, 1, 1, 1])
        #expect(second.compactMap(\.valueString) == ["b11", "b13", "b15", "b17", "b19"])
        #expect(consumer.assignment == [p0, p1], "a paused partition stays assigned")
        #expect(consumer.position(p0) == 5, "its position is kept")

        // A seek while paused moves where it resumes; a commit stores the paused partition's position.
        consumer.seek(p0, to: 7)
        #expect(consumer.position(p0) == 7)
        try await consumer.commit()
        #expect(try await consumer.committed([p0, p1]) == [p0: 7, p1: 10])

        consumer.resume([p0])
        #expect(consumer.paused.isEmpty)
        let third = try await Self.poll(consumer) { $0.count >= 3 }
        #expect(third.map(\.offset) == [7, 8, 9])
        #expect(third.compactMap(\.valueString) == ["b14", "b16", "b18"])
        await consumer.close()
    }

    @Test func aRevokedPartitionForgetsItsPause() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        let client = KafkaClient(config: ClientConfig(bootstrapServers: [server.address]), group: server.clientGroup)
        try await Admin(client: client).createTopic("r", partitions: 1)
        try await GroupConsumerTests.produce(client, "r", ["x0"], partitions: 1)
        let consumer = try GroupConsumer(client: client, config: GroupConsumerTests.config("rg"))
        consumer.subscribe(["r"])
        _ = try await Self.poll(consumer) { $0.count >= 1 }
        try await consumer.commit()
        let tp = TopicPartition("r", 0)
        consumer.pause([tp])
        #expect(consumer.paused == [tp])
        // Subscribing again makes the (eager) member rejoin: every partition is revoked, then reassigned.
        consumer.subscribe(["r"])
        try await GroupConsumerTests.produce(client, "r", ["x1"], partitions: 1)
        let after = try await Self.poll(consumer) { $0.count >= 1 }
        #expect(consumer.paused.isEmpty)
        #expect(after.compactMap(\.valueString) == ["x1"])
        await consumer.close()
    }
}
