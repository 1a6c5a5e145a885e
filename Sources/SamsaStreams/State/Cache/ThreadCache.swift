import Synchronization
import SamsaProtocol

/// Kafka's `ThreadCache`: the byte budget (`cache.max.bytes.buffering` divided among the stream threads) that
/// a thread's caching stores share across its tasks. Each store keeps its own entries (a `NamedCache`); when a
/// put takes the thread over budget, that store evicts its least recently used entries, flushing its dirty
/// ones first, until the thread is within budget again.
public final class ThreadCache: Sendable {
    public let maxBytes: Int
    private let used = Atomic<Int>(0)

    public init(maxBytes: Int) { self.maxBytes = max(0, maxBytes) }

    /// Bytes the thread's caches hold now.
    public var sizeBytes: Int { used.load(ordering: .relaxed) }
    var overBudget: Bool { used.load(ordering: .relaxed) > maxBytes }
    func add(_ bytes: Int) { used.add(bytes, ordering: .relaxed) }
}

/// One cached value (Kafka's `LRUCacheEntry`): the value bytes (nil: a delete not yet written), whether it
/// differs from the store, and the record context of its last update, which flushing forwards with.
struct CacheEntry {
    var value: [UInt8]?
    var dirty: Bool
    var timestamp: Int64
    var headers: [RecordHeader]

    /// Kafka counts key, value, timestamp, offset, partition, topic and headers; this counts the key, value,
    /// headers and a fixed 64 bytes for the rest of the entry and its LRU node.
    func size(key: [UInt8]) -> Int {
        key.count + (value?.count ?? 0) + headers.reduce(0) { $0 + $1.key.utf8.count + ($1.value?.readableBytes ?? 0) } + 64
    }
}

/// A dirty entry as a flush hands it on: written to the wrapped store, then forwarded.
public struct CacheFlushEntry {
    public var key: [UInt8]
    public var newValue: [UInt8]?
    /// The wrapped store's value before this flush wrote `newValue`.
    public var oldValue: [UInt8]?
    public var timestamp: Int64
    public var headers: [RecordHeader]
}
