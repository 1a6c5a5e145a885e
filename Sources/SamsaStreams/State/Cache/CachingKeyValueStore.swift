import SamsaProtocol

/// Kafka's `CachingKeyValueStore`: puts land in the thread's record cache and reach the wrapped store (and so
/// the changelog) only when the cache is flushed — before each commit, before a task closes or moves — or when
/// the thread's cache is full and this store evicts its least recently used entry. Each flushed dirty entry is
/// written, then handed to the flush listener, which forwards it downstream with the old value the wrapped
/// store had and the timestamp and headers of the entry's last update. Reads go through the cache.
///
/// Thread-safety: the entries are behind a mutex, so queries may read from any thread; the listener is set
/// once when the owning processor initializes, and flushes and puts run on the task's thread only.
public final class CachingKeyValueStore: KeyValueStore, @unchecked Sendable {
    public typealias FlushListener = (CacheFlushEntry) throws -> Void

    public let wrapped: any KeyValueStore
    private let cache: NamedCache
    /// The timestamp of the record being processed (what a plain `put` is stamped with).
    private let recordTimestamp: @Sendable () -> Int64
    /// Sets the timestamp the wrapped store's changelog records get, while an entry is flushed.
    private let setLogTimestamp: @Sendable (Int64) -> Void
    private var listener: FlushListener?

    public init(wrapping store: any KeyValueStore, cache: ThreadCache, recordTimestamp: @escaping @Sendable () -> Int64,
                setLogTimestamp: @escaping @Sendable (Int64) -> Void) {
        wrapped = store
        self.cache = NamedCache(thread: cache)
        self.recordTimestamp = recordTimestamp
        self.setLogTimestamp = setLogTimestamp
    }

    public var name: String { wrapped.name }
    public var persistent: Bool { wrapped.persistent }
    public var approximateCount: Int { wrapped.approximateCount }
    /// Entries held now, and how many of them are not yet in the wrapped store.
    public var cachedCount: Int { cache.count }
    public var dirtyCount: Int { cache.dirtyCount }

    /// Kafka's `setFlushListener`: called for each dirty entry a flush or eviction writes.
    public func setFlushListener(_ listener: @escaping FlushListener) { self.listener = listener }

    public func get(_ key: [UInt8]) throws -> [UInt8]? {
        if let hit = cache.get(key) { return hit.value }
        guard let value = try wrapped.get(key) else { return nil }
        // Kafka caches what it read, clean, so the next read or update of the key stays in memory.
        try cache.put(key, CacheEntry(value: value, dirty: false, timestamp: -1, headers: []), flush: flush)
        return value
    }

    public func put(_ key: [UInt8], _ value: [UInt8]?) throws {
        try put(key, value, timestamp: recordTimestamp(), headers: [])
    }

    /// A put with the record context a flush forwards it with.
    public func put(_ key: [UInt8], _ value: [UInt8]?, timestamp: Int64, headers: [RecordHeader]) throws {
        try cache.put(key, CacheEntry(value: value, dirty: true, timestamp: timestamp, headers: headers), flush: flush)
    }

    public func range(from: [UInt8]?, to: [UInt8]?) throws -> [KeyValueEntry] {
        let stored = try wrapped.range(from: from, to: to)
        let cached = cache.all.filter { key, _ in
            !(from.map { key.lexicographicallyPrecedes($0) } ?? false) && !(to.map { $0.lexicographicallyPrecedes(key) } ?? false)
        }
        guard !cached.isEmpty else { return stored }
        var merged = Dictionary(stored.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        for (key, entry) in cached { merged[key] = entry.value }
        return merged.map { KeyValueEntry(key: $0.key, value: $0.value) }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }

    public func all() throws -> [KeyValueEntry] { try range(from: nil, to: nil) }

    /// Writes every dirty entry to the wrapped store and forwards it (Kafka's `ThreadCache.flush(namespace)`).
    public func flush() throws {
        for (key, entry) in cache.takeDirty() {
            let old = try wrapped.get(key)
            // Neither in the store nor cached before: nothing to write or forward (Kafka skips it too).
            guard entry.value != nil || old != nil else { continue }
            setLogTimestamp(entry.timestamp)
            try wrapped.put(key, entry.value)
            try listener?(CacheFlushEntry(key: key, newValue: entry.value, oldValue: old, timestamp: entry.timestamp,
                                          headers: entry.headers))
        }
    }

    /// Drops the cached entries without writing them (a clean close has flushed already; after a failure the
    /// input is read again from the committed offsets), then closes the wrapped store.
    public func close() {
        cache.clear()
        wrapped.close()
    }
}
