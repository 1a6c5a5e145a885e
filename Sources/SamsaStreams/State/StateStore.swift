/// A task's local state (Kafka's `StateStore`). Keys and values are bytes, serialized by the node that owns
/// the store with the serdes the DSL was given, so a store's changelog holds what Kafka's would.
///
/// Thread-safety: every store is safe to call from any thread; a task writes from one thread, interactive
/// queries read from others.
public protocol StateStore: AnyObject, Sendable {
    var name: String { get }
    /// On disk (RocksDB under the state directory) rather than in memory.
    var persistent: Bool { get }
    /// Makes what was written durable locally; called before each commit.
    func flush() throws
    func close()
}

public struct KeyValueEntry: Sendable, Equatable {
    public var key: [UInt8]
    public var value: [UInt8]
    public init(key: [UInt8], value: [UInt8]) {
        self.key = key
        self.value = value
    }
}

/// Kafka's `KeyValueStore`: ordered by key bytes, compared unsigned (as RocksDB's bytewise comparator).
public protocol KeyValueStore: StateStore {
    func get(_ key: [UInt8]) throws -> [UInt8]?
    /// Writes `value` under `key`; nil deletes.
    func put(_ key: [UInt8], _ value: [UInt8]?) throws
    /// Entries with `from <= key <= to` (a nil bound is open), in key order.
    func range(from: [UInt8]?, to: [UInt8]?) throws -> [KeyValueEntry]
    func all() throws -> [KeyValueEntry]
    var approximateCount: Int { get }
}

public struct WindowEntry: Sendable, Equatable {
    public var key: [UInt8]
    public var windowStart: Int64
    public var value: [UInt8]
    public init(key: [UInt8], windowStart: Int64, value: [UInt8]) {
        self.key = key
        self.windowStart = windowStart
        self.value = value
    }
}

/// Kafka's `WindowStore`: values per key and window start. Windows whose start is older than the largest
/// start seen minus `retentionMs` expire (are dropped and no longer returned), as Kafka's segmented stores do.
public protocol WindowStore: StateStore {
    var windowSizeMs: Int64 { get }
    var retentionMs: Int64 { get }
    /// With `retainDuplicates` (stream-stream joins), every put adds an entry; otherwise it replaces, and nil deletes.
    var retainDuplicates: Bool { get }
    func put(_ key: [UInt8], _ value: [UInt8]?, windowStart: Int64) throws
    func fetch(_ key: [UInt8], windowStart: Int64) throws -> [UInt8]?
    /// The key's entries with `from <= windowStart <= to`, by window start.
    func fetch(_ key: [UInt8], from: Int64, to: Int64) throws -> [WindowEntry]
    /// Every key's entries with `from <= windowStart <= to`, by key then window start.
    func fetchAll(from: Int64, to: Int64) throws -> [WindowEntry]
    func all() throws -> [WindowEntry]
}

public struct SessionEntry: Sendable, Equatable {
    public var key: [UInt8]
    public var start: Int64
    public var end: Int64
    public var value: [UInt8]
    public init(key: [UInt8], start: Int64, end: Int64, value: [UInt8]) {
        self.key = key
        self.start = start
        self.end = end
        self.value = value
    }
}

/// Kafka's `SessionStore`: values per key and session (start, end); sessions ending before the largest end
/// seen minus `retentionMs` expire.
public protocol SessionStore: StateStore {
    var retentionMs: Int64 { get }
    /// Writes a session; nil removes it.
    func put(_ key: [UInt8], start: Int64, end: Int64, _ value: [UInt8]?) throws
    /// The key's sessions with `end >= earliestSessionEnd` and `start <= latestSessionStart`, by start.
    func findSessions(_ key: [UInt8], earliestSessionEnd: Int64, latestSessionStart: Int64) throws -> [SessionEntry]
    func fetch(_ key: [UInt8]) throws -> [SessionEntry]
    func all() throws -> [SessionEntry]
}

/// How a topology asks for a store; the runtime (RocksDB + changelog) or the test driver (memory) opens it.
public struct StoreSpec: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case keyValue
        case window(sizeMs: Int64, retentionMs: Int64, retainDuplicates: Bool)
        case session(retentionMs: Int64)
    }

    public var name: String
    public var kind: Kind
    /// Backed by a compacted changelog topic `<application.id>-<name>-changelog`.
    public var loggingEnabled: Bool
    /// RocksDB (true) or memory.
    public var persistent: Bool
    /// Extra configs for the changelog topic (Materialized.withLoggingEnabled).
    public var changelogConfigs: [String: String]
    /// Values are Kafka's `ValueAndTimestamp` layout (a timestamped store, as the DSL's windowed aggregations
    /// build): the changelog carries the plain value with the timestamp as the record's, and queries strip it.
    public var timestamped: Bool
    /// Behind the thread's record cache when `cache.max.bytes.buffering` > 0 (Materialized.withCachingEnabled);
    /// the processor owning the store then forwards on flush instead of on every update.
    public var cachingEnabled: Bool

    public init(name: String, kind: Kind, loggingEnabled: Bool = true, persistent: Bool = true,
                changelogConfigs: [String: String] = [:], timestamped: Bool = false, cachingEnabled: Bool = false) {
        self.name = name
        self.kind = kind
        self.loggingEnabled = loggingEnabled
        self.persistent = persistent
        self.changelogConfigs = changelogConfigs
        self.timestamped = timestamped
        self.cachingEnabled = cachingEnabled
    }

    /// The changelog topic without the application id: `<name>-changelog`.
    public var changelogName: String { "\(name)-changelog" }
}
