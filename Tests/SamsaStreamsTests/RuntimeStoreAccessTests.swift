import Foundation
import SamsaClient
import SamsaStreams
import Synchronization
import Testing

/// What processors of the "seen" store observed in `initialize`: how many entries the store held.
private final class InitObservations: Sendable {
    let counts = Mutex<[Int]>([])
}

/// Puts each record into the "seen" store, and `"shared"` → its task's partition (so every task holds that key).
private final class SeenProcessor: ProcessorNode {
    let observations: InitObservations
    private var store: KeyValueStore!
    private var partition: Int32 = -1
    init(_ observations: InitObservations) { self.observations = observations }

    func initialize(_ context: ProcessorContext) throws {
        store = try context.stateStore("seen") as? KeyValueStore
        partition = context.taskId.partition
        let count = try store.all().count
        observations.counts.withLock { $0.append(count) }
    }

    func process(_ record: AnyRecord) throws {
        try store.put(try Serdes.string.serialize(record.key as! String), try Serdes.string.serialize(record.value as! String))
        try store.put(try Serdes.string.serialize("shared"), try Serdes.string.serialize("\(partition)"))
    }

    func close() {}
}

private func seenTopology(_ input: String, _ observations: InitObservations) throws -> Topology {
    let builder = StreamsBuilder()
    builder.addStateStore(StoreSpec(name: "seen", kind: .keyValue))
    let _: KStream<String, String> = builder.stream(input, Consumed(key: Serdes.string, value: Serdes.string))
        .process(stores: ["seen"]) { SeenProcessor(observations) }
    return try builder.build()
}

/// Stores as processors and interactive queries reach them: restored before the processors initialize,
/// and queried in the task that owns the key.
@Suite(.serialized) struct RuntimeStoreAccessTests {
    /// Kafka's order: a task's stores are restored, then its processors initialized. A processor reading its
    /// store in `initialize` sees the restored contents after the state directory was wiped.
    @Test func processorsInitializeAfterTheirStoresAreRestored() async throws {
        let cluster = try await RuntimeTestCluster.start(brokers: 1)
        defer { cluster.stop() }
        try await cluster.createTopic("init-in", partitions: 1)
        let stateDir = temporaryStateDir()
        defer { try? FileManager.default.removeItem(atPath: stateDir) }
        let before = InitObservations(), after = InitObservations()
        try await cluster.produce("init-in", [("a", "1"), ("b", "2"), ("c", "3")])

        let first = try KafkaStreams(topology: try seenTopology("init-in", before), config: try cluster.streamsConfig(app: "init", stateDir: stateDir))
        try await first.start()
        try await runtimeEventually { first.state == .running }
        let seen = try first.keyValueStore("seen", key: Serdes.string, value: Serdes.string)
        try await runtimeEventually { try seen.get("c") == "3" }
        await first.close()
        #expect(before.counts.withLock { $0.first } == 0)
        try first.cleanUp()

        let second = try KafkaStreams(topology: try seenTopology("init-in", after), config: try cluster.streamsConfig(app: "init", stateDir: stateDir))
        try await second.start()
        try await runtimeEventually { second.state == .running }
        // a, b, c and "shared", restored from the changelog before initialize ran.
        let observed = after.counts.withLock { $0 }
        #expect(!observed.isEmpty && observed.allSatisfy { $0 == 4 }, "initialize saw \(observed) entries")
        await second.close()
    }

    /// `get` asks the task of the key's partition (murmur2 over 2 partitions: "shared" and "d" → 1, "a" → 0),
    /// not the first local task holding the key: both tasks hold "shared", with their own partition as value.
    @Test func keyQueriesGoToTheTaskOwningTheKeysPartition() async throws {
        let cluster = try await RuntimeTestCluster.start(brokers: 1)
        defer { cluster.stop() }
        try await cluster.createTopic("route-in", partitions: 2)
        let stateDir = temporaryStateDir()
        defer { try? FileManager.default.removeItem(atPath: stateDir) }
        try await cluster.produce("route-in", [("a", "x"), ("d", "y")])
        let streams = try KafkaStreams(topology: try seenTopology("route-in", InitObservations()),
                                       config: try cluster.streamsConfig(app: "route", stateDir: stateDir))
        try await streams.start()
        try await runtimeEventually { streams.state == .running }
        let seen = try streams.keyValueStore("seen", key: Serdes.string, value: Serdes.string)
        try await runtimeEventually { try seen.get("a") == "x" && seen.get("d") == "y" }
        #expect(await streams.snapshot().tasks.map(\.id) == [TaskId(subtopology: 0, partition: 0), TaskId(subtopology: 0, partition: 1)])
        // Both tasks hold "shared" (all() lists it once per task); the key's own partition answers. (Inside
        // `runtimeEventually` because a late rebalance makes a query throw InvalidStateStore, to be retried.)
        try await runtimeEventually { try seen.all().filter { $0.key == "shared" }.map(\.value).sorted() == ["0", "1"] }
        try await runtimeEventually { try seen.get("shared") == "1" }
        await streams.close()
    }
}
