import Synchronization

/// A window store over a `ByteTable`, in memory (`InMemoryWindowStore`) or in RocksDB (`RocksDBWindowStore`),
/// with Kafka's semantics: a put whose window start is at or before `observedStreamTime - retentionMs` is
/// dropped, expired windows are removed and never returned, and with `retainDuplicates` every put adds a row
/// under the next sequence number. Window starts are non-negative, as Kafka's windows are.
///
/// Thread-safety: safe from any thread; one `Mutex` serializes every call on the table.
public final class WindowTableStore: WindowStore {
    struct State {
        var rows: TimeIndexedTable
        var seqnum: Int32 = 0
    }

    public let name: String
    public let persistent: Bool
    public let windowSizeMs: Int64
    public let retentionMs: Int64
    public let retainDuplicates: Bool
    private let state: Mutex<State>

    init(name: String, table: sending any ByteTable, persistent: Bool, windowSizeMs: Int64, retentionMs: Int64,
         retainDuplicates: Bool) throws {
        self.name = name
        self.persistent = persistent
        self.windowSizeMs = windowSizeMs
        self.retentionMs = retentionMs
        self.retainDuplicates = retainDuplicates
        state = Mutex(State(rows: try TimeIndexedTable(table: table, retentionMs: retentionMs)))
    }

    /// An in-memory window store (Kafka's `InMemoryWindowStore`).
    public convenience init(name: String, windowSizeMs: Int64, retentionMs: Int64, retainDuplicates: Bool = false) {
        // SortedByteMap never throws.
        try! self.init(name: name, table: SortedByteMap(), persistent: false, windowSizeMs: windowSizeMs,
                       retentionMs: retentionMs, retainDuplicates: retainDuplicates)
    }

    /// The observed stream time (the largest window start put), or `Int64.min` before the first put.
    public var observedStreamTime: Int64 { state.withLock { $0.rows.observedStreamTime } }

    public func put(_ key: [UInt8], _ value: [UInt8]?, windowStart: Int64) throws {
        try state.withLock { state in
            let moved = state.rows.observe(windowStart)
            var pending: [(key: [UInt8], value: [UInt8]?)] = []
            if !state.rows.isExpired(windowStart) {
                if value != nil || !retainDuplicates {
                    if value != nil && retainDuplicates { state.seqnum = (state.seqnum &+ 1) & 0x7FFF_FFFF }
                    let seq = retainDuplicates ? state.seqnum : 0
                    let storeKey = WindowKeySchema.toStoreKeyBinary(key, windowStart: windowStart, seqnum: seq)
                    TimeIndexedTable.stage(storeKey, time: windowStart, value: value, into: &pending)
                }
            }
            try state.rows.commit(pending, observedMoved: moved)
        }
    }

    /// The value of the key's window; with duplicates, the first one put.
    public func fetch(_ key: [UInt8], windowStart: Int64) throws -> [UInt8]? {
        try state.withLock { state in
            guard !state.rows.isExpired(windowStart) else { return nil }
            if !retainDuplicates {
                return try state.rows.get(WindowKeySchema.toStoreKeyBinary(key, windowStart: windowStart, seqnum: 0))
            }
            return try Self.rows(of: key, from: windowStart, to: windowStart, in: state.rows).first?.value
        }
    }

    public func fetch(_ key: [UInt8], from: Int64, to: Int64) throws -> [WindowEntry] {
        try state.withLock { state in try Self.rows(of: key, from: from, to: to, in: state.rows) }
    }

    public func fetchAll(from: Int64, to: Int64) throws -> [WindowEntry] {
        try state.withLock { state in
            var rows: [(entry: WindowEntry, seqnum: Int32)] = []
            let lower = max(from, state.rows.expiryThreshold &+ 1)
            try state.rows.scanByTime(from: lower, to: to) { storeKey, value in
                if let parts = WindowKeySchema.fromStoreKeyBinary(storeKey) {
                    rows.append((WindowEntry(key: parts.key, windowStart: parts.windowStart, value: value), parts.seqnum))
                }
                return true
            }
            return Self.sorted(rows)
        }
    }

    public func all() throws -> [WindowEntry] {
        try state.withLock { state in
            var rows: [(entry: WindowEntry, seqnum: Int32)] = []
            try state.rows.scanAllData { storeKey, value in
                if let parts = WindowKeySchema.fromStoreKeyBinary(storeKey), !state.rows.isExpired(parts.windowStart) {
                    rows.append((WindowEntry(key: parts.key, windowStart: parts.windowStart, value: value), parts.seqnum))
                }
                return true
            }
            return Self.sorted(rows)
        }
    }

    /// Data rows held, expired or not (tests check that expiry removes rows rather than hiding them).
    func storedRowCount() throws -> Int { try state.withLock { try $0.rows.dataRowCount() } }

    public func flush() throws { try state.withLock { try $0.rows.table.flush() } }

    public func close() { state.withLock { $0.rows.table.close() } }

    /// Applies changelog records (keys in `WindowKeySchema` layout) in order; expired ones are skipped.
    public func restore(_ records: [ChangelogRecord]) throws {
        try state.withLock { state in
            var pending: [(key: [UInt8], value: [UInt8]?)] = []
            pending.reserveCapacity(records.count * 2)
            var moved = false
            for record in records {
                guard let parts = WindowKeySchema.fromStoreKeyBinary(record.key) else { continue }
                if state.rows.observe(parts.windowStart) { moved = true }
                state.seqnum = max(state.seqnum, parts.seqnum)
                TimeIndexedTable.stage(record.key, time: parts.windowStart, value: record.value, into: &pending)
            }
            try state.rows.commit(pending, observedMoved: moved)
        }
    }

    /// The key's live rows with `from <= windowStart <= to`, by window start then sequence number.
    private static func rows(of key: [UInt8], from: Int64, to: Int64, in rows: TimeIndexedTable) throws -> [WindowEntry] {
        let lower = max(from, rows.expiryThreshold &+ 1, 0)
        guard lower <= to else { return [] }
        var out: [WindowEntry] = []
        try rows.scanData(from: WindowKeySchema.toStoreKeyBinary(key, windowStart: lower, seqnum: 0),
                          through: WindowKeySchema.toStoreKeyBinary(key, windowStart: to, seqnum: .max)) { storeKey, value in
            // A longer key with this key as prefix can sort inside the range: keep only exact matches.
            if let parts = WindowKeySchema.fromStoreKeyBinary(storeKey), parts.key == key,
               parts.windowStart >= lower, parts.windowStart <= to {
                out.append(WindowEntry(key: key, windowStart: parts.windowStart, value: value))
            }
            return true
        }
        return out
    }

    private static func sorted(_ rows: [(entry: WindowEntry, seqnum: Int32)]) -> [WindowEntry] {
        rows.sorted { a, b in
            let c = StoreBytes.compare(a.entry.key, b.entry.key)
            if c != 0 { return c < 0 }
            if a.entry.windowStart != b.entry.windowStart { return a.entry.windowStart < b.entry.windowStart }
            return a.seqnum < b.seqnum
        }.map(\.entry)
    }
}

/// Kafka's `InMemoryWindowStore`: `InMemoryWindowStore(name:windowSizeMs:retentionMs:retainDuplicates:)`.
public typealias InMemoryWindowStore = WindowTableStore
