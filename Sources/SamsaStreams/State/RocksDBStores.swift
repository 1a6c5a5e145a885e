import Foundation

/// Where a persistent store lives: `<task directory>/rocksdb/<store name>`, as Kafka Streams lays it out.
public enum RocksDBStores {
    public static func path(directory: String, name: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent("rocksdb").appendingPathComponent(name).path
    }

    /// Deletes a store's database (a corrupt or stale one), so the runtime can restore it from its changelog.
    public static func destroy(directory: String, name: String) throws {
        try RocksDB.destroy(path: path(directory: directory, name: name))
    }
}

extension KeyValueTableStore {
    /// A RocksDB key-value store at `<directory>/rocksdb/<name>` (Kafka's `RocksDBStore`); `directory` is the
    /// task's state directory. A corrupt or unreadable database throws one `StateStoreError` sentence.
    public convenience init(name: String, directory: String) throws {
        let db = try RocksDB(path: RocksDBStores.path(directory: directory, name: name))
        self.init(name: name, table: RocksDBTable(db: db), persistent: true)
    }
}

extension WindowTableStore {
    /// A RocksDB window store at `<directory>/rocksdb/<name>` (Kafka's `RocksDBWindowStore`, one database
    /// rather than segments: expired rows are deleted as the observed stream time passes them).
    public convenience init(name: String, directory: String, windowSizeMs: Int64, retentionMs: Int64,
                            retainDuplicates: Bool = false) throws {
        let db = try RocksDB(path: RocksDBStores.path(directory: directory, name: name))
        try self.init(name: name, table: RocksDBTable(db: db), persistent: true, windowSizeMs: windowSizeMs,
                      retentionMs: retentionMs, retainDuplicates: retainDuplicates)
    }
}

extension SessionTableStore {
    /// A RocksDB session store at `<directory>/rocksdb/<name>` (Kafka's `RocksDBSessionStore`).
    public convenience init(name: String, directory: String, retentionMs: Int64) throws {
        let db = try RocksDB(path: RocksDBStores.path(directory: directory, name: name))
        try self.init(name: name, table: RocksDBTable(db: db), persistent: true, retentionMs: retentionMs)
    }
}

public typealias RocksDBKeyValueStore = KeyValueTableStore
public typealias RocksDBWindowStore = WindowTableStore
public typealias RocksDBSessionStore = SessionTableStore
