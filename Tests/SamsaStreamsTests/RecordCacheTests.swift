import SamsaProtocol
@testable import SamsaStreams
import Testing

/// Kafka's record cache in front of a key-value store, without a runtime: what reaches the wrapped store and
/// the flush listener, and when.
struct RecordCacheTests {
    /// A wrapped store that counts its writes (what the changelog would receive).
    final class CountingStore: KeyValueStore, @unchecked Sendable {
        let inner = KeyValueTableStore(name: "counts")
        var puts: [([UInt8], [UInt8]?)] = []
        var name: String { inner.name }
        var persistent: Bool { false }
        var approximateCount: Int { inner.approximateCount }
        func get(_ key: [UInt8]) throws -> [UInt8]? { try inner.get(key) }
        func put(_ key: [UInt8], _ value: [UInt8]?) throws { puts.append((key, value)); try inner.put(key, value) }
        func range(from: [UInt8]?, to: [UInt8]?) throws -> [KeyValueEntry] { try inner.range(from: from, to: to) }
        func all() throws -> [KeyValueEntry] { try inner.all() }
        func flush() throws {}
        func close() {}
    }

    struct Flushed: Equatable {
        var key: String
        var new: String?
        var old: String?
        var timestamp: Int64
    }

    static func make(maxBytes: Int) -> (CachingKeyValueStore, CountingStore, ThreadCache, Box) {
        let wrapped = CountingStore()
        let cache = ThreadCache(maxBytes: maxBytes)
        let store = CachingKeyValueStore(wrapping: wrapped, cache: cache, recordTimestamp: { 0 }, setLogTimestamp: { _ in })
        let box = Box()
        store.setFlushListener { entry in
            box.flushed.append(Flushed(key: String(decoding: entry.key, as: UTF8.self), new: entry.newValue.map { String(decoding: $0, as: UTF8.self) },
                                       old: entry.oldValue.map { String(decoding: $0, as: UTF8.self) }, timestamp: entry.timestamp))
        }
        return (store, wrapped, cache, box)
    }

    final class Box { var flushed: [Flushed] = [] }

    func b(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func repeatedUpdatesReachTheStoreOnceAtFlushWithTheOldValue() throws {
        let (store, wrapped, cache, box) = Self.make(maxBytes: 10_485_760)
        try store.put(b("a"), b("1"), timestamp: 10, headers: [])
        try store.put(b("b"), b("1"), timestamp: 11, headers: [])
        try store.put(b("a"), b("2"), timestamp: 12, headers: [])
        try store.put(b("a"), b("3"), timestamp: 13, headers: [])
        // Reads go through the cache; nothing was written or forwarded yet.
        #expect(try store.get(b("a")) == b("3"))
        #expect(wrapped.puts.isEmpty)
        #expect(box.flushed.isEmpty)
        #expect(store.dirtyCount == 2)
        #expect(cache.sizeBytes > 0)
        try store.flush()
        // Written order: b was last written before a's last write.
        #expect(box.flushed == [Flushed(key: "b", new: "1", old: nil, timestamp: 11), Flushed(key: "a", new: "3", old: nil, timestamp: 13)])
        #expect(wrapped.puts.map { String(decoding: $0.0, as: UTF8.self) } == ["b", "a"])
        #expect(try wrapped.get(b("a")) == b("3"))
        // Flushed entries stay cached, clean: a second flush forwards nothing.
        try store.flush()
        #expect(box.flushed.count == 2)
        try store.put(b("a"), b("4"), timestamp: 20, headers: [])
        try store.flush()
        #expect(box.flushed.last == Flushed(key: "a", new: "4", old: "3", timestamp: 20))
    }

    @Test func deletesFlushAsTombstonesAndUnknownDeletesAreSkipped() throws {
        let (store, wrapped, _, box) = Self.make(maxBytes: 10_485_760)
        try store.put(b("a"), b("1"), timestamp: 1, headers: [])
        try store.flush()
        try store.put(b("a"), nil, timestamp: 2, headers: [])
        try store.put(b("x"), b("9"), timestamp: 3, headers: [])
        try store.put(b("x"), nil, timestamp: 4, headers: [])  // never stored: nothing to write or forward
        #expect(try store.get(b("a")) == nil)
        #expect(try store.all().map(\.key) == [])
        try store.flush()
        #expect(box.flushed.suffix(1) == [Flushed(key: "a", new: nil, old: "1", timestamp: 2)])
        #expect(wrapped.puts.count == 2)
        #expect(try wrapped.get(b("a")) == nil)
    }

    @Test func rangeMergesCachedAndStoredEntries() throws {
        let (store, _, _, _) = Self.make(maxBytes: 10_485_760)
        for key in ["a", "c", "e"] { try store.put(b(key), b("s"), timestamp: 1, headers: []) }
        try store.flush()
        try store.put(b("b"), b("new"), timestamp: 2, headers: [])
        try store.put(b("c"), b("changed"), timestamp: 2, headers: [])
        try store.put(b("e"), nil, timestamp: 2, headers: [])
        let range = try store.range(from: b("b"), to: b("e"))
        #expect(range.map { String(decoding: $0.key, as: UTF8.self) + "=" + String(decoding: $0.value, as: UTF8.self) } == ["b=new", "c=changed"])
        #expect(try store.all().count == 3)
    }

    /// A full cache evicts its least recently used entry; a dirty one flushes the store's dirty entries first,
    /// so updates are forwarded before any commit.
    @Test func evictionForwardsBeforeTheCommit() throws {
        // Each entry here is 1 + 1 + 64 = 66 bytes: room for two.
        let (store, wrapped, cache, box) = Self.make(maxBytes: 140)
        try store.put(b("a"), b("1"), timestamp: 1, headers: [])
        try store.put(b("b"), b("1"), timestamp: 2, headers: [])
        #expect(box.flushed.isEmpty)
        try store.put(b("c"), b("1"), timestamp: 3, headers: [])
        // c pushed the cache over: the eldest (a) was dirty, so a, b and c were written and forwarded, a dropped.
        #expect(box.flushed.map(\.key) == ["a", "b", "c"])
        #expect(wrapped.puts.count == 3)
        #expect(store.cachedCount == 2)
        #expect(cache.sizeBytes <= 140)
        // a is read back from the store (and cached clean, evicting b, which is clean: nothing forwarded).
        #expect(try store.get(b("a")) == b("1"))
        #expect(box.flushed.count == 3)
        try store.put(b("a"), b("2"), timestamp: 4, headers: [])
        try store.flush()
        #expect(box.flushed.last == Flushed(key: "a", new: "2", old: "1", timestamp: 4))
        // Closing gives the bytes back to the thread's budget, forwarding nothing.
        try store.put(b("c"), b("2"), timestamp: 5, headers: [])
        store.close()
        #expect(cache.sizeBytes == 0)
        #expect(box.flushed.count == 4)
    }

    /// Tasks of one thread share the budget: one store's entries make another's put evict.
    @Test func storesShareTheThreadBudget() throws {
        let cache = ThreadCache(maxBytes: 140)
        let first = CachingKeyValueStore(wrapping: CountingStore(), cache: cache, recordTimestamp: { 0 }, setLogTimestamp: { _ in })
        let secondStore = CountingStore()
        let second = CachingKeyValueStore(wrapping: secondStore, cache: cache, recordTimestamp: { 0 }, setLogTimestamp: { _ in })
        try first.put(b("a"), b("1"))
        try first.put(b("b"), b("1"))
        #expect(first.cachedCount == 2)
        try second.put(b("z"), b("1"))
        // Over budget after z: the store being written evicts its own entry (Kafka's ThreadCache.maybeEvict).
        #expect(second.cachedCount == 0)
        #expect(secondStore.puts.count == 1)
        #expect(first.cachedCount == 2)
    }

    /// A window store behind the cache: updates of one window collapse, fetches merge cache and store, a flush
    /// writes and forwards each dirty window once with the old value the store had.
    @Test func windowUpdatesCollapseUntilTheFlush() throws {
        let wrapped = WindowTableStore(name: "windows", windowSizeMs: 10, retentionMs: 1_000)
        let store = CachingWindowStore(wrapping: wrapped, cache: ThreadCache(maxBytes: 10_485_760), recordTimestamp: { 0 },
                                       setLogTimestamp: { _ in })
        var flushed: [String] = []
        store.setFlushListener { entry, start in
            flushed.append("\(String(decoding: entry.key, as: UTF8.self))@\(start)=\(entry.newValue.map { String(decoding: $0, as: UTF8.self) } ?? "nil")"
                           + " old \(entry.oldValue.map { String(decoding: $0, as: UTF8.self) } ?? "nil") ts \(entry.timestamp)")
        }
        try store.put(b("a"), b("1"), windowStart: 0, timestamp: 1, headers: [])
        try store.put(b("a"), b("2"), windowStart: 0, timestamp: 5, headers: [])
        try store.put(b("a"), b("1"), windowStart: 10, timestamp: 12, headers: [])
        try store.put(b("b"), b("1"), windowStart: 0, timestamp: 3, headers: [])
        #expect(try wrapped.all().isEmpty)
        #expect(try store.fetch(b("a"), windowStart: 0) == b("2"))
        #expect(try store.fetch(b("a"), from: 0, to: 10).map(\.windowStart) == [0, 10])
        #expect(try store.fetchAll(from: 0, to: 0).map { String(decoding: $0.key, as: UTF8.self) } == ["a", "b"])
        try store.flush()
        #expect(flushed == ["a@0=2 old nil ts 5", "a@10=1 old nil ts 12", "b@0=1 old nil ts 3"])
        #expect(try wrapped.all().count == 3)
        try store.put(b("a"), b("3"), windowStart: 0, timestamp: 7, headers: [])
        try store.flush()
        #expect(flushed.last == "a@0=3 old 2 ts 7")
        #expect(try store.all().map { String(decoding: $0.value, as: UTF8.self) } == ["3", "1", "1"])
    }

    /// Caching is on for aggregations unless Materialized turns it off; the word count demo sets the cache to
    /// 0 as Kafka's WordCountDemo does, and a properties file turns it back on under either name.
    @Test func cachingSettings() throws {
        #expect(Materialized<String, Int64>.as("s").aggregateSpec(name: "s").cachingEnabled)
        #expect(!Materialized<String, Int64>.as("s").withCachingDisabled().aggregateSpec(name: "s").cachingEnabled)
        #expect(Materialized<String, Int64>.as("s").withCachingDisabled().withCachingEnabled().aggregateSpec(name: "s").cachingEnabled)
        #expect(!Materialized<String, Int64>.as("s").keyValueSpec(name: "s").cachingEnabled)
        #expect(StreamsConfig(applicationId: "a").cacheMaxBytesBuffering == 10_485_760)
        let demo = try DemoConfig.make(applicationId: WordCountDemo.applicationId, defaults: WordCountDemo.defaultProperties)
        #expect(demo.config.cacheMaxBytesBuffering == 0)
        let on = try DemoConfig.make(applicationId: "wc", defaults: WordCountDemo.defaultProperties,
                                     file: ["cache.max.bytes.buffering": "1048576"])
        #expect(on.config.cacheMaxBytesBuffering == 1_048_576)
        #expect(throws: (any Error).self) { try DemoConfig.make(applicationId: "wc", file: ["statestore.cache.max.bytes": "-1"]) }
    }
}
