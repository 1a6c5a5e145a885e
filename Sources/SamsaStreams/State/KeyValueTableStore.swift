import Synchronization

/// A key-value store over a `ByteTable`, in memory (`InMemoryKeyValueStore`) or in RocksDB
/// (`RocksDBKeyValueStore`): keys in unsigned byte order, a nil put deletes.
///
/// Thread-safety: safe from any thread; one `Mutex` serializes every call on the table.
public final class KeyValueTableStore: KeyValueStore {
    public let name: String
    public let persistent: Bool
    private let table: Mutex<any ByteTable>

    init(name: String, table: sending any ByteTable, persistent: Bool) {
        self.name = name
        self.persistent = persistent
        self.table = Mutex(table)
    }

    /// An in-memory key-value store (Kafka's `InMemoryKeyValueStore`).
    public convenience init(name: String) {
        self.init(name: name, table: SortedByteMap(), persistent: false)
    }

    public func get(_ key: [UInt8]) throws -> [UInt8]? {
        try table.withLock { try $0.get(key) }
    }

    public func put(_ key: [UInt8], _ value: [UInt8]?) throws {
        try table.withLock { table in
            if let value { try table.put(key, value) } else { try table.delete(key) }
        }
    }

    public func range(from: [UInt8]?, to: [UInt8]?) throws -> [KeyValueEntry] {
        if let from, let to, StoreBytes.less(to, from) { return [] }
        return try table.withLock { try $0.entries(from: from, through: to) }
    }

    public func all() throws -> [KeyValueEntry] {
        try table.withLock { try $0.entries(from: nil, through: nil) }
    }

    public var approximateCount: Int { table.withLock { $0.count } }

    public func flush() throws { try table.withLock { try $0.flush() } }

    public func close() { table.withLock { $0.close() } }

    /// Applies changelog records (raw key, raw value or nil for a tombstone) in order, as one batch.
    public func restore(_ records: [ChangelogRecord]) throws {
        try table.withLock { try $0.write(records.map { ($0.key, $0.value) }) }
    }
}

/// Kafka's `InMemoryKeyValueStore`: `InMemoryKeyValueStore(name:)`.
public typealias InMemoryKeyValueStore = KeyValueTableStore
