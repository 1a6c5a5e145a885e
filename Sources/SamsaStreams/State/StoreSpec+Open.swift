extension StoreSpec {
    /// Opens the store the spec asks for: RocksDB at `<taskDirectory>/rocksdb/<name>` when `persistent` and a
    /// task directory is given, memory otherwise (the test driver passes nil). A corrupt database throws one
    /// `StateStoreError` sentence: the runtime then calls `RocksDBStores.destroy` and restores from the changelog.
    public func open(taskDirectory: String?) throws -> any ChangelogRestorable {
        let directory = persistent ? taskDirectory : nil
        switch kind {
        case .keyValue:
            if let directory { return try RocksDBKeyValueStore(name: name, directory: directory) }
            return InMemoryKeyValueStore(name: name)
        case let .window(sizeMs, retentionMs, retainDuplicates):
            if let directory {
                return try RocksDBWindowStore(name: name, directory: directory, windowSizeMs: sizeMs,
                                              retentionMs: retentionMs, retainDuplicates: retainDuplicates)
            }
            return InMemoryWindowStore(name: name, windowSizeMs: sizeMs, retentionMs: retentionMs,
                                       retainDuplicates: retainDuplicates)
        case let .session(retentionMs):
            if let directory { return try RocksDBSessionStore(name: name, directory: directory, retentionMs: retentionMs) }
            return InMemorySessionStore(name: name, retentionMs: retentionMs)
        }
    }

    /// `store` wrapped so every change goes to `log` (when `loggingEnabled`), in Kafka's changelog layout for
    /// the store's kind; `restore` on the result writes the inner store without logging.
    public func logging(_ store: any ChangelogRestorable, to log: @escaping ChangelogSink,
                        timestamp: @escaping ChangelogTimestamp) -> any ChangelogRestorable {
        guard loggingEnabled else { return store }
        switch store {
        case let kv as any KeyValueStore & ChangelogRestorable:
            return ChangeLoggingKeyValueStore(inner: kv, log: log, timestamp: timestamp)
        case let window as any WindowStore & ChangelogRestorable:
            return ChangeLoggingWindowStore(inner: window, log: log, timestamp: timestamp, timestamped: holdsTimestampedValues)
        case let session as any SessionStore & ChangelogRestorable:
            return ChangeLoggingSessionStore(inner: session, log: log, timestamp: timestamp)
        default:
            return store
        }
    }
}
