import NIOCore
import SamsaClient
@testable import SamsaStreams

/// A processor context for driving one node by hand: records what it forwards and drops.
final class FakeContext: ProcessorContext {
    var applicationId = "app"
    var taskId = TaskId(subtopology: 0, partition: 0)
    var streamTime = Int64.min
    var recordOrigin: RecordOrigin? = nil
    var stores: [String: StateStore] = [:]
    var forwarded: [AnyRecord] = []
    var dropped: [DroppedRecordReason] = []

    func forward(_ record: AnyRecord, to child: String?) throws { forwarded.append(record) }
    func stateStore(_ name: String) throws -> StateStore {
        guard let store = stores[name] else { throw SerdeError("no store \(name)") }
        return store
    }
    func schedule(intervalMs: Int64, type: PunctuationType, _ callback: @escaping (Int64) throws -> Void) {}
    func recordDropped(reason: DroppedRecordReason) { dropped.append(reason) }

    /// Forwarded records as (key, new, old, timestamp) with windowed keys written `key@start/end`.
    func changes<K, V>(_: K.Type, _: V.Type) -> [String] {
        forwarded.map { record in
            let key = (record.key as? Windowed<K>).map { "\($0.key)@\($0.window.start)/\($0.window.end)" } ?? "\(record.key ?? "nil")"
            let change = record.value as! Change
            return "\(key) \(change.new.map { "\($0 as! V)" } ?? "nil")<-\(change.old.map { "\($0 as! V)" } ?? "nil") t\(record.timestamp)"
        }
    }

    func drain() -> [AnyRecord] {
        defer { forwarded = [] }
        return forwarded
    }
}

func rec(_ key: Any?, _ value: Any?, _ ts: Int64) -> AnyRecord { AnyRecord(key: key, value: value, timestamp: ts) }

/// The stores module's in-memory stores for TopologyTestDriver runs, kept across drivers (a restart that keeps
/// its local state).
final class TestStores {
    var open: [String: StateStore] = [:]

    func make(_ spec: StoreSpec) throws -> StateStore {
        if let store = open[spec.name] { return store }
        let store: StateStore
        switch spec.kind {
        case .keyValue: store = InMemoryKeyValueStore(name: spec.name)
        case .window(let size, let retention, let duplicates):
            store = InMemoryWindowStore(name: spec.name, windowSizeMs: size, retentionMs: retention, retainDuplicates: duplicates)
        case .session(let retention): store = InMemorySessionStore(name: spec.name, retentionMs: retention)
        }
        open[spec.name] = store
        return store
    }

    func driver(_ topology: Topology) throws -> TopologyTestDriver {
        try TopologyTestDriver(topology, storeFactory: { try self.make($0) })
    }
}

let windowStrings = Consumed(key: Serdes.string, value: Serdes.string)

/// A count of String records per key into `store`.
func countOf(_ store: String) -> WindowedAggregation<String, String, Int64> {
    WindowedAggregation(storeName: store, keySerde: Serdes.string, aggSerde: Serdes.long, initializer: { 0 },
                        aggregator: { _, _, count in (count ?? 0) + 1 })
}

extension RuntimeTestCluster {
    /// An at-least-once Streams config on this cluster with quick commits and group timeouts.
    func streamsConfig(app: String, stateDir: String) throws -> StreamsConfig {
        var config = StreamsConfig(applicationId: app)
        _ = try config.apply(["bootstrap.servers": bootstrap, "state.dir": stateDir, "commit.interval.ms": "200",
                              "consumer.session.timeout.ms": "10000", "consumer.heartbeat.interval.ms": "500"])
        return config
    }

    /// Sends (key, value, event time) records to `topic`, partitioned by key.
    func produce(_ topic: String, timestamped records: [(String, String, Int64)]) async throws {
        let client = try client()
        let producer = Producer(client: client)
        for (key, value, ts) in records {
            try await producer.send(ProducerRecord(topic: topic, key: ByteBuffer(string: key), value: ByteBuffer(string: value),
                                                   timestamp: ts))
        }
        await producer.close()
        await client.close()
    }
}
