/// An ordered map of byte keys to byte values, the one thing the key-value, window and session stores need
/// from their backend: `SortedByteMap` in memory, `RocksDBTable` on disk. Keys compare as unsigned bytes.
/// Not thread-safe on its own: each store keeps its table under a `Mutex`.
protocol ByteTable {
    func get(_ key: [UInt8]) throws -> [UInt8]?
    mutating func put(_ key: [UInt8], _ value: [UInt8]) throws
    mutating func delete(_ key: [UInt8]) throws
    /// Removes every key with `from <= key < until`.
    mutating func deleteRange(from: [UInt8], until: [UInt8]) throws
    /// Calls `body` for each entry with `from <= key <= through` (nil is open) in key order until it returns false.
    func scan(from: [UInt8]?, through: [UInt8]?, _ body: ([UInt8], [UInt8]) throws -> Bool) throws
    /// Applies puts (non-nil) and deletes (nil) in order, atomically where the backend can.
    mutating func write(_ batch: [(key: [UInt8], value: [UInt8]?)]) throws
    var count: Int { get }
    func flush() throws
    mutating func close()
}

extension ByteTable {
    func entries(from: [UInt8]?, through: [UInt8]?) throws -> [KeyValueEntry] {
        var out: [KeyValueEntry] = []
        try scan(from: from, through: through) { key, value in
            out.append(KeyValueEntry(key: key, value: value))
            return true
        }
        return out
    }
}
