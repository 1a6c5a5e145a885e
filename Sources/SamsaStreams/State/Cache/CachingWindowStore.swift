import SamsaProtocol

/// Kafka's `CachingWindowStore`: a windowed aggregation's updates wait in the thread's record cache, keyed by
/// record key and window start, and reach the wrapped store (and its changelog) and the flush listener when the
/// cache is flushed (before each commit, before a task closes or moves) or evicts them. Fetches merge cached
/// entries over the wrapped store's. Thread-safety as `CachingKeyValueStore`.
public final class CachingWindowStore: WindowStore, @unchecked Sendable {
    /// Called for each dirty window a flush writes: key bytes, window start, new and old value bytes.
    public typealias FlushListener = (CacheFlushEntry, Int64) throws -> Void

    public let wrapped: any WindowStore
    private let cache: NamedCache
    private let recordTimestamp: @Sendable () -> Int64
    private let setLogTimestamp: @Sendable (Int64) -> Void
    private var listener: FlushListener?

    public init(wrapping store: any WindowStore, cache: ThreadCache, recordTimestamp: @escaping @Sendable () -> Int64,
                setLogTimestamp: @escaping @Sendable (Int64) -> Void) {
        wrapped = store
        self.cache = NamedCache(thread: cache)
        self.recordTimestamp = recordTimestamp
        self.setLogTimestamp = setLogTimestamp
    }

    public var name: String { wrapped.name }
    public var persistent: Bool { wrapped.persistent }
    public var windowSizeMs: Int64 { wrapped.windowSizeMs }
    public var retentionMs: Int64 { wrapped.retentionMs }
    public var retainDuplicates: Bool { false }
    public var dirtyCount: Int { cache.dirtyCount }

    public func setFlushListener(_ listener: @escaping FlushListener) { self.listener = listener }

    /// The cache key: the record key, then the window start (big-endian), as Kafka's cache keys windows.
    static func cacheKey(_ key: [UInt8], _ windowStart: Int64) -> [UInt8] {
        var out = key
        StoreBytes.appendInt64(windowStart, to: &out)
        return out
    }

    static func split(_ cacheKey: [UInt8]) -> (key: [UInt8], windowStart: Int64) {
        let n = cacheKey.count - 8
        return (Array(cacheKey[..<n]), StoreBytes.readInt64(cacheKey, at: n))
    }

    public func put(_ key: [UInt8], _ value: [UInt8]?, windowStart: Int64) throws {
        try put(key, value, windowStart: windowStart, timestamp: recordTimestamp(), headers: [])
    }

    /// A put with the record context a flush forwards it with.
    public func put(_ key: [UInt8], _ value: [UInt8]?, windowStart: Int64, timestamp: Int64, headers: [RecordHeader]) throws {
        try cache.put(Self.cacheKey(key, windowStart), CacheEntry(value: value, dirty: true, timestamp: timestamp, headers: headers),
                      flush: flush)
    }

    public func fetch(_ key: [UInt8], windowStart: Int64) throws -> [UInt8]? {
        if let hit = cache.get(Self.cacheKey(key, windowStart)) { return hit.value }
        return try wrapped.fetch(key, windowStart: windowStart)
    }

    public func fetch(_ key: [UInt8], from: Int64, to: Int64) throws -> [WindowEntry] {
        merge(try wrapped.fetch(key, from: from, to: to)) { $0 == key && $1 >= from && $1 <= to }
    }

    public func fetchAll(from: Int64, to: Int64) throws -> [WindowEntry] {
        merge(try wrapped.fetchAll(from: from, to: to)) { $1 >= from && $1 <= to }
    }

    public func all() throws -> [WindowEntry] { merge(try wrapped.all()) { _, _ in true } }

    /// Stored entries overlaid with the cached ones that `include` selects, by key then window start.
    private func merge(_ stored: [WindowEntry], include: ([UInt8], Int64) -> Bool) -> [WindowEntry] {
        let cached = cache.all.map { (Self.split($0.key), $0.entry.value) }.filter { include($0.0.key, $0.0.windowStart) }
        guard !cached.isEmpty else { return stored }
        var merged: [[UInt8]: WindowEntry] = [:]
        for entry in stored { merged[Self.cacheKey(entry.key, entry.windowStart)] = entry }
        for ((key, start), value) in cached {
            merged[Self.cacheKey(key, start)] = value.map { WindowEntry(key: key, windowStart: start, value: $0) }
        }
        return merged.values.sorted {
            $0.key == $1.key ? $0.windowStart < $1.windowStart : $0.key.lexicographicallyPrecedes($1.key)
        }
    }

    public func flush() throws {
        for (cacheKey, entry) in cache.takeDirty() {
            let (key, start) = Self.split(cacheKey)
            let old = try wrapped.fetch(key, windowStart: start)
            guard entry.value != nil || old != nil else { continue }
            setLogTimestamp(entry.timestamp)
            try wrapped.put(key, entry.value, windowStart: start)
            try listener?(CacheFlushEntry(key: key, newValue: entry.value, oldValue: old, timestamp: entry.timestamp,
                                          headers: entry.headers), start)
        }
    }

    public func close() {
        cache.clear()
        wrapped.close()
    }
}
