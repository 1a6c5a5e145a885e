import Synchronization

extension TopologyTestDriver {
    /// The driver's default stores: in memory, whatever the spec's `persistent` says.
    static func inMemoryStore(_ spec: StoreSpec) throws -> StateStore {
        switch spec.kind {
        case .keyValue: return InMemoryKeyValueStore(name: spec.name)
        case .window(let size, let retention, let duplicates):
            return InMemoryWindowStore(name: spec.name, windowSizeMs: size, retentionMs: retention, retainDuplicates: duplicates)
        case .session(let retention): return InMemorySessionStore(name: spec.name, retentionMs: retention)
        }
    }

    /// Wraps a store in the stores module's changelog logging, writing into `buffer` for `topic`.
    static func logged(_ store: StateStore, spec: StoreSpec, topic: String, buffer: ChangelogBuffer) -> StateStore {
        let log: ChangelogSink = { key, value, timestamp in buffer.append(topic: topic, key: key, value: value, timestamp: timestamp) }
        let now: ChangelogTimestamp = { buffer.recordTimestamp }
        if let kv = store as? any KeyValueStore & ChangelogRestorable { return ChangeLoggingKeyValueStore(inner: kv, log: log, timestamp: now) }
        if let window = store as? any WindowStore & ChangelogRestorable { 
            return ChangeLoggingWindowStore(inner: window, log: log, timestamp: now, timestamped: spec.holdsTimestampedValues)
        }
        if let session = store as? any SessionStore & ChangelogRestorable {
            return ChangeLoggingSessionStore(inner: session, log: log, timestamp: now)
        }
        return store
    }

    /// The store under a changelog wrapper, as the test reads it.
    static func unwrapped(_ store: StateStore) -> StateStore {
        if let logged = store as? ChangeLoggingKeyValueStore { return logged.inner }
        if let logged = store as? ChangeLoggingWindowStore { return logged.inner }
        if let logged = store as? ChangeLoggingSessionStore { return logged.inner }
        return store
    }
}

/// Changelog records the driver's logged stores wrote, waiting to be shown as output of their topics, and
/// the timestamp of the record being processed (changelog records carry it, as Kafka's do).
final class ChangelogBuffer: Sendable {
    struct Entry {
        var topic: String
        var key: [UInt8]
        var value: [UInt8]?
        var timestamp: Int64
    }

    private let state = Mutex<(entries: [Entry], timestamp: Int64)>(([], 0))

    var recordTimestamp: Int64 {
        get { state.withLock { $0.timestamp } }
        set { state.withLock { $0.timestamp = newValue } }
    }

    func append(topic: String, key: [UInt8], value: [UInt8]?, timestamp: Int64) {
        state.withLock { $0.entries.append(Entry(topic: topic, key: key, value: value, timestamp: timestamp)) }
    }

    func take() -> [Entry] {
        state.withLock { current in
            defer { current.entries = [] }
            return current.entries
        }
    }
}
