import NIOCore
import SamsaClient
import SamsaEngine
import SamsaProtocol
import Synchronization
import Testing
@testable import SamsaClient

@Suite struct ProducerTests {
    @Test func flushReturnsOnlyAfterEveryRecordsCallbackRan() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        try server.cluster.createTopic(name: "flushed", partitions: 3)
        let client = KafkaClient(config: ClientConfig(bootstrapServers: [server.address]), group: server.clientGroup)
        let producer = Producer(client: client, config: ProducerConfig())
        let acknowledged = Atomic<Int>(0)
        for i in 0..<20_000 {
            try await producer.enqueue(ProducerRecord(topic: "flushed", value: "r\(i)")) { result in
                if case .success = result { acknowledged.add(1, ordering: .relaxed) }
            }
        }
        await producer.flush()
        #expect(acknowledged.load(ordering: .relaxed) == 20_000)
        await producer.close()
        await client.close()
        let stored = (0..<3).compactMap { server.cluster.brokers[0].partition(TopicPartition("flushed", Int32($0)))?.logEndOffset }
        #expect(stored.reduce(0, +) == 20_000)
    }

    @Test func aDeadlineAlreadyPassedMeansNoWait() {
        let now = NIODeadline.uptimeNanoseconds(5_000_000)
        #expect(Producer.delay(until: .uptimeNanoseconds(4_000_000), now: now) == .zero)
        #expect(Producer.delay(until: .uptimeNanoseconds(7_000_000), now: now) == .milliseconds(2))
    }
}
