/// The in-memory stores' table: entries sorted by unsigned key bytes in chunks of at most `chunkLimit`, so an
/// insert moves a few hundred entries rather than the whole store (a sorted array alone is O(n) per insert).
struct SortedByteMap: ByteTable, Sendable {
    private struct Entry: Sendable {
        var key: [UInt8]
        var value: [UInt8]
    }

    private static let chunkLimit = 512
    private var chunks: [[Entry]] = []
    private(set) var count = 0

    init() {}

    /// The chunk that holds `key` or where it belongs: the last chunk whose first key is <= `key` (or the first).
    private func chunkIndex(for key: [UInt8]) -> Int {
        var low = 0, high = chunks.count - 1, found = 0
        while low <= high {
            let mid = (low + high) / 2
            if StoreBytes.compare(chunks[mid][0].key, key) <= 0 {
                found = mid
                low = mid + 1
            } else {
                high = mid - 1
            }
        }
        return found
    }

    /// The first position in `chunk` whose key is >= `key`.
    private static func lowerBound(_ chunk: [Entry], _ key: [UInt8]) -> Int {
        var low = 0, high = chunk.count
        while low < high {
            let mid = (low + high) / 2
            if StoreBytes.less(chunk[mid].key, key) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func get(_ key: [UInt8]) -> [UInt8]? {
        guard !chunks.isEmpty else { return nil }
        let c = chunkIndex(for: key)
        let i = Self.lowerBound(chunks[c], key)
        guard i < chunks[c].count, chunks[c][i].key == key else { return nil }
        return chunks[c][i].value
    }

    mutating func put(_ key: [UInt8], _ value: [UInt8]) {
        guard !chunks.isEmpty else {
            chunks = [[Entry(key: key, value: value)]]
            count = 1
            return
        }
        let c = chunkIndex(for: key)
        let i = Self.lowerBound(chunks[c], key)
        if i < chunks[c].count, chunks[c][i].key == key {
            chunks[c][i].value = value
            return
        }
        chunks[c].insert(Entry(key: key, value: value), at: i)
        count += 1
        if chunks[c].count > Self.chunkLimit {
            let upper = Array(chunks[c][(Self.chunkLimit / 2)...])
            chunks[c].removeSubrange((Self.chunkLimit / 2)...)
            chunks.insert(upper, at: c + 1)
        }
    }

    mutating func delete(_ key: [UInt8]) {
        guard !chunks.isEmpty else { return }
        let c = chunkIndex(for: key)
        let i = Self.lowerBound(chunks[c], key)
        guard i < chunks[c].count, chunks[c][i].key == key else { return }
        chunks[c].remove(at: i)
        count -= 1
        if chunks[c].isEmpty { chunks.remove(at: c) }
    }

    mutating func deleteRange(from: [UInt8], until: [UInt8]) {
        var doomed: [[UInt8]] = []
        scan(from: from, through: nil) { key, _ in
            guard StoreBytes.less(key, until) else { return false }
            doomed.append(key)
            return true
        }
        for key in doomed { delete(key) }
    }

    func scan(from: [UInt8]?, through: [UInt8]?, _ body: ([UInt8], [UInt8]) throws -> Bool) rethrows {
        guard !chunks.isEmpty else { return }
        var c = 0, i = 0
        if let from {
            c = chunkIndex(for: from)
            i = Self.lowerBound(chunks[c], from)
        }
        while c < chunks.count {
            let chunk = chunks[c]
            while i < chunk.count {
                let entry = chunk[i]
                if let through, StoreBytes.less(through, entry.key) { return }
                if try !body(entry.key, entry.value) { return }
                i += 1
            }
            c += 1
            i = 0
        }
    }

    mutating func write(_ batch: [(key: [UInt8], value: [UInt8]?)]) {
        for (key, value) in batch {
            if let value { put(key, value) } else { delete(key) }
        }
    }

    func flush() {}

    mutating func close() {}
}
