import Synchronization

/// Kafka's `ChangeLoggingWindowBytesStore`: each put writes the store, then logs the key in
/// `WindowKeySchema.toStoreKeyBinary` layout (key, window start, sequence number: 0, or with duplicates the
/// next of this logger's own counter, as Kafka's) and the value (nil is logged too).
///
/// With `timestamped` (a store of `ValueAndTimestamp` values, `StoreSpec.holdsTimestampedValues`) it is Kafka's
/// `ChangeLoggingTimestampedWindowBytesStore`: the changelog carries the plain value with the stored timestamp as
/// the record's timestamp, and restore rebuilds `ValueAndTimestamp` from the record's value and timestamp.
public final class ChangeLoggingWindowStore: WindowStore, ChangelogRestorable {
    public let inner: any WindowStore & ChangelogRestorable
    public let timestamped: Bool
    private let log: ChangelogSink
    private let timestamp: ChangelogTimestamp
    private let seqnum = Mutex<Int32>(0)

    public init(inner: any WindowStore & ChangelogRestorable, log: @escaping ChangelogSink,
                timestamp: @escaping ChangelogTimestamp, timestamped: Bool = false) {
        self.inner = inner
        self.log = log
        self.timestamp = timestamp
        self.timestamped = timestamped
    }

    public var name: String { inner.name }
    public var persistent: Bool { inner.persistent }
    public var windowSizeMs: Int64 { inner.windowSizeMs }
    public var retentionMs: Int64 { inner.retentionMs }
    public var retainDuplicates: Bool { inner.retainDuplicates }
    public func fetch(_ key: [UInt8], windowStart: Int64) throws -> [UInt8]? { try inner.fetch(key, windowStart: windowStart) }
    public func fetch(_ key: [UInt8], from: Int64, to: Int64) throws -> [WindowEntry] { try inner.fetch(key, from: from, to: to) }
    public func fetchAll(from: Int64, to: Int64) throws -> [WindowEntry] { try inner.fetchAll(from: from, to: to) }
    public func all() throws -> [WindowEntry] { try inner.all() }
    public func flush() throws { try inner.flush() }
    public func close() { inner.close() }
    public func restore(_ records: [ChangelogRecord]) throws {
        guard timestamped else { return try inner.restore(records) }
        try inner.restore(records.map { record in
            (record.key, record.value.map { ValueAndTimestamp.encode($0, timestamp: record.timestamp) }, record.timestamp)
        })
    }

    public func put(_ key: [UInt8], _ value: [UInt8]?, windowStart: Int64) throws {
        try inner.put(key, value, windowStart: windowStart)
        let seq = inner.retainDuplicates ? seqnum.withLock { (n: inout Int32) -> Int32 in n = (n &+ 1) & 0x7FFF_FFFF; return n } : 0
        let storeKey = WindowKeySchema.toStoreKeyBinary(key, windowStart: windowStart, seqnum: seq)
        if timestamped, let value {
            let stored = try ValueAndTimestamp.decode(value)
            try log(storeKey, stored.value, stored.timestamp)
        } else {
            try log(storeKey, value, timestamp())
        }
    }
}

/// Kafka's `ChangeLoggingSessionBytesStore`: each put or remove writes the store, then logs the key in
/// `SessionKeySchema.toBinary` layout (key, end, start) and the value (nil for a remove).
public final class ChangeLoggingSessionStore: SessionStore, ChangelogRestorable {
    public let inner: any SessionStore & ChangelogRestorable
    private let log: ChangelogSink
    private let timestamp: ChangelogTimestamp

    public init(inner: any SessionStore & ChangelogRestorable, log: @escaping ChangelogSink,
                timestamp: @escaping ChangelogTimestamp) {
        self.inner = inner
        self.log = log
        self.timestamp = timestamp
    }

    public var name: String { inner.name }
    public var persistent: Bool { inner.persistent }
    public var retentionMs: Int64 { inner.retentionMs }
    public func findSessions(_ key: [UInt8], earliestSessionEnd: Int64, latestSessionStart: Int64) throws -> [SessionEntry] {
        try inner.findSessions(key, earliestSessionEnd: earliestSessionEnd, latestSessionStart: latestSessionStart)
    }
    public func fetch(_ key: [UInt8]) throws -> [SessionEntry] { try inner.fetch(key) }
    public func all() throws -> [SessionEntry] { try inner.all() }
    public func flush() throws { try inner.flush() }
    public func close() { inner.close() }
    public func restore(_ records: [ChangelogRecord]) throws { try inner.restore(records) }

    public func put(_ key: [UInt8], start: Int64, end: Int64, _ value: [UInt8]?) throws {
        try inner.put(key, start: start, end: end, value)
        try log(SessionKeySchema.toBinary(key, start: start, end: end), value, timestamp())
    }
}
