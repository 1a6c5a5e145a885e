import Synchronization

/// A session store over a `ByteTable`, in memory (`InMemorySessionStore`) or in RocksDB
/// (`RocksDBSessionStore`), with Kafka's semantics: sessions expire by end time — a put whose end is at or
/// before `observedStreamTime - retentionMs` (observed = the largest end put) is dropped, and expired
/// sessions are removed and never returned.
///
/// Thread-safety: safe from any thread; one `Mutex` serializes every call on the table.
public final class SessionTableStore: SessionStore {
    public let name: String
    public let persistent: Bool
    public let retentionMs: Int64
    private let state: Mutex<TimeIndexedTable>

    init(name: String, table: sending any ByteTable, persistent: Bool, retentionMs: Int64) throws {
        self.name = name
        self.persistent = persistent
        self.retentionMs = retentionMs
        state = Mutex(try TimeIndexedTable(table: table, retentionMs: retentionMs))
    }

    /// An in-memory session store (Kafka's `InMemorySessionStore`).
    public convenience init(name: String, retentionMs: Int64) {
        // SortedByteMap never throws.
        try! self.init(name: name, table: SortedByteMap(), persistent: false, retentionMs: retentionMs)
    }

    /// The observed stream time (the largest session end put), or `Int64.min` before the first put.
    public var observedStreamTime: Int64 { state.withLock { $0.observedStreamTime } }

    public func put(_ key: [UInt8], start: Int64, end: Int64, _ value: [UInt8]?) throws {
        try state.withLock { rows in
            let moved = rows.observe(end)
            var pending: [(key: [UInt8], value: [UInt8]?)] = []
            if !rows.isExpired(end) {
                TimeIndexedTable.stage(SessionKeySchema.toBinary(key, start: start, end: end), time: end,
                                       value: value, into: &pending)
            }
            try rows.commit(pending, observedMoved: moved)
        }
    }

    public func findSessions(_ key: [UInt8], earliestSessionEnd: Int64, latestSessionStart: Int64) throws -> [SessionEntry] {
        try state.withLock { rows in
            let lower = max(earliestSessionEnd, rows.expiryThreshold &+ 1, 0)
            var out: [SessionEntry] = []
            try rows.scanData(from: SessionKeySchema.toBinary(key, start: 0, end: lower),
                              through: SessionKeySchema.toBinary(key, start: .max, end: .max)) { storeKey, value in
                // A longer key with this key as prefix can sort inside the range: keep only exact matches.
                if let parts = SessionKeySchema.fromBinary(storeKey), parts.key == key, parts.end >= lower,
                   parts.start <= latestSessionStart {
                    out.append(SessionEntry(key: key, start: parts.start, end: parts.end, value: value))
                }
                return true
            }
            return out.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        }
    }

    public func fetch(_ key: [UInt8]) throws -> [SessionEntry] {
        try findSessions(key, earliestSessionEnd: 0, latestSessionStart: .max)
    }

    /// The value of exactly this session (Kafka's `fetchSession`), nil when absent or expired.
    public func fetchSession(_ key: [UInt8], start: Int64, end: Int64) throws -> [UInt8]? {
        try state.withLock { rows in
            rows.isExpired(end) ? nil : try rows.get(SessionKeySchema.toBinary(key, start: start, end: end))
        }
    }

    public func all() throws -> [SessionEntry] {
        try state.withLock { rows in
            var out: [SessionEntry] = []
            try rows.scanAllData { storeKey, value in
                if let parts = SessionKeySchema.fromBinary(storeKey), !rows.isExpired(parts.end) {
                    out.append(SessionEntry(key: parts.key, start: parts.start, end: parts.end, value: value))
                }
                return true
            }
            return out.sorted { a, b in
                let c = StoreBytes.compare(a.key, b.key)
                return c != 0 ? c < 0 : (a.start, a.end) < (b.start, b.end)
            }
        }
    }

    /// Data rows held, expired or not (tests check that expiry removes rows rather than hiding them).
    func storedRowCount() throws -> Int { try state.withLock { try $0.dataRowCount() } }

    public func flush() throws { try state.withLock { try $0.table.flush() } }

    public func close() { state.withLock { $0.table.close() } }

    /// Applies changelog records (keys in `SessionKeySchema` layout) in order; expired ones are dropped.
    public func restore(_ records: [ChangelogRecord]) throws {
        try state.withLock { rows in
            var pending: [(key: [UInt8], value: [UInt8]?)] = []
            pending.reserveCapacity(records.count * 2)
            var moved = false
            for record in records {
                guard let parts = SessionKeySchema.fromBinary(record.key) else { continue }
                if rows.observe(parts.end) { moved = true }
                TimeIndexedTable.stage(record.key, time: parts.end, value: record.value, into: &pending)
            }
            try rows.commit(pending, observedMoved: moved)
        }
    }
}

/// Kafka's `InMemorySessionStore`: `InMemorySessionStore(name:retentionMs:)`.
public typealias InMemorySessionStore = SessionTableStore
