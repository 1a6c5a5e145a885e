/// Kafka's `NamedCache` entries: a hash map over a doubly linked list in least-recently-used order, plus
/// the dirty keys in the order they were last written (the order a flush writes and forwards them).
/// Not thread-safe: its owner locks it.
struct LRUCacheMap {
    private struct Node {
        var key: [UInt8]
        var entry: CacheEntry
        var prev = -1
        var next = -1
    }

    private var nodes: [Node] = []
    private var free: [Int] = []
    private var index: [[UInt8]: Int] = [:]
    /// Most and least recently used node.
    private var head = -1
    private var tail = -1
    /// Dirty key → write sequence; flush sorts by it.
    private var dirty: [[UInt8]: UInt64] = [:]
    private var sequence: UInt64 = 0
    private(set) var sizeBytes = 0

    var count: Int { index.count }
    var dirtyCount: Int { dirty.count }

    /// The entry, marked most recently used.
    mutating func get(_ key: [UInt8]) -> CacheEntry? {
        guard let at = index[key] else { return nil }
        moveToFront(at)
        return nodes[at].entry
    }

    /// The entry without touching the LRU order (for reads from other threads' queries).
    func peek(_ key: [UInt8]) -> CacheEntry? { index[key].map { nodes[$0].entry } }

    /// Inserts or replaces; returns the change in bytes held.
    @discardableResult
    mutating func put(_ key: [UInt8], _ entry: CacheEntry) -> Int {
        let delta: Int
        if let at = index[key] {
            delta = entry.size(key: key) - nodes[at].entry.size(key: key)
            nodes[at].entry = entry
            moveToFront(at)
        } else {
            delta = entry.size(key: key)
            let node = Node(key: key, entry: entry)
            let at: Int
            if let reused = free.popLast() { nodes[reused] = node; at = reused } else { nodes.append(node); at = nodes.count - 1 }
            index[key] = at
            linkFront(at)
        }
        if entry.dirty {
            sequence &+= 1
            dirty[key] = sequence
        } else {
            dirty.removeValue(forKey: key)
        }
        sizeBytes += delta
        return delta
    }

    /// The least recently used entry, which eviction removes next.
    var eldest: (key: [UInt8], entry: CacheEntry)? { tail < 0 ? nil : (nodes[tail].key, nodes[tail].entry) }

    /// Removes the key; returns the bytes freed.
    @discardableResult
    mutating func remove(_ key: [UInt8]) -> Int {
        guard let at = index.removeValue(forKey: key) else { return 0 }
        unlink(at)
        let freed = nodes[at].entry.size(key: key)
        nodes[at] = Node(key: [], entry: CacheEntry(value: nil, dirty: false, timestamp: 0, headers: []))
        free.append(at)
        dirty.removeValue(forKey: key)
        sizeBytes -= freed
        return freed
    }

    /// The dirty entries in write order, now marked clean (Kafka keeps flushed entries cached, clean).
    mutating func takeDirty() -> [(key: [UInt8], entry: CacheEntry)] {
        guard !dirty.isEmpty else { return [] }
        let keys = dirty.sorted { $0.value < $1.value }.map(\.key)
        dirty.removeAll(keepingCapacity: true)
        return keys.map { key in
            let at = index[key]!
            nodes[at].entry.dirty = false
            return (key, nodes[at].entry)
        }
    }

    /// Every entry, in no particular order.
    var entries: [(key: [UInt8], entry: CacheEntry)] { index.map { ($0.key, nodes[$0.value].entry) } }

    private mutating func moveToFront(_ at: Int) {
        guard head != at else { return }
        unlink(at)
        linkFront(at)
    }

    private mutating func linkFront(_ at: Int) {
        nodes[at].prev = -1
        nodes[at].next = head
        if head >= 0 { nodes[head].prev = at }
        head = at
        if tail < 0 { tail = at }
    }

    private mutating func unlink(_ at: Int) {
        let (prev, next) = (nodes[at].prev, nodes[at].next)
        if prev >= 0 { nodes[prev].next = next } else { head = next }
        if next >= 0 { nodes[next].prev = prev } else { tail = prev }
        nodes[at].prev = -1
        nodes[at].next = -1
    }
}
