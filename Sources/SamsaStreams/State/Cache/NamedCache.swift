import Synchronization

/// Kafka's `NamedCache`: one caching store's entries within its thread's `ThreadCache` budget. A put that
/// takes the thread over budget evicts this cache's least recently used entries; a dirty one is written (with
/// every other dirty entry, by `flush`) before it goes. Entries are behind a mutex, so queries may read them
/// from any thread; puts and flushes come from the owning task's thread.
final class NamedCache: Sendable {
    private let thread: ThreadCache
    private let entries = Mutex(LRUCacheMap())

    init(thread: ThreadCache) { self.thread = thread }

    var count: Int { entries.withLock { $0.count } }
    var dirtyCount: Int { entries.withLock { $0.dirtyCount } }
    /// Every entry (for range queries, which merge them over the wrapped store's).
    var all: [(key: [UInt8], entry: CacheEntry)] { entries.withLock { $0.entries } }

    /// The entry, marked most recently used.
    func get(_ key: [UInt8]) -> CacheEntry? { entries.withLock { $0.get(key) } }

    /// Inserts the entry, then evicts while the thread is over budget; `flush` writes this cache's dirty entries.
    func put(_ key: [UInt8], _ entry: CacheEntry, flush: () throws -> Void) throws {
        thread.add(entries.withLock { $0.put(key, entry) })
        while thread.overBudget {
            guard let (eldest, entry) = entries.withLock({ $0.eldest }) else { return }
            if entry.dirty { try flush() }
            thread.add(-entries.withLock { $0.remove(eldest) })
        }
    }

    /// The dirty entries in write order, now clean.
    func takeDirty() -> [(key: [UInt8], entry: CacheEntry)] { entries.withLock { $0.takeDirty() } }

    /// Drops every entry, giving its bytes back to the thread.
    func clear() {
        thread.add(-entries.withLock { map -> Int in
            defer { map = LRUCacheMap() }
            return map.sizeBytes
        })
    }
}
