/// Where a logged store sends each change: the changelog record's key, its value (nil is a tombstone) and
/// its timestamp. The runtime's sink produces to `<application.id>-<store>-changelog`.
public typealias ChangelogSink = @Sendable (_ key: [UInt8], _ value: [UInt8]?, _ timestamp: Int64) throws -> Void

/// The timestamp a change is logged with: the record being processed (Kafka's `context.timestamp()`).
public typealias ChangelogTimestamp = @Sendable () -> Int64

/// One changelog record as restore reads it: key, value (nil is a tombstone) and the record's timestamp,
/// which timestamped stores keep next to the value (Kafka's `RecordConverters.rawValueToTimestampedValue`).
public typealias ChangelogRecord = (key: [UInt8], value: [UInt8]?, timestamp: Int64)

/// A store that can be rebuilt from its changelog: applies records in changelog order, without logging
/// them again.
public protocol ChangelogRestorable: StateStore {
    func restore(_ records: [ChangelogRecord]) throws
}

extension KeyValueTableStore: ChangelogRestorable {}
extension WindowTableStore: ChangelogRestorable {}
extension SessionTableStore: ChangelogRestorable {}

/// Kafka's `ChangeLoggingKeyValueBytesStore`: each put or delete writes the store, then logs the raw key and
/// the raw value (nil for a delete).
public final class ChangeLoggingKeyValueStore: KeyValueStore, ChangelogRestorable {
    public let inner: any KeyValueStore & ChangelogRestorable
    private let log: ChangelogSink
    private let timestamp: ChangelogTimestamp

    public init(inner: any KeyValueStore & ChangelogRestorable, log: @escaping ChangelogSink,
                timestamp: @escaping ChangelogTimestamp) {
        self.inner = inner
        self.log = log
        self.timestamp = timestamp
    }

    public var name: String { inner.name }
    public var persistent: Bool { inner.persistent }
    public var approximateCount: Int { inner.approximateCount }
    public func get(_ key: [UInt8]) throws -> [UInt8]? { try inner.get(key) }
    public func range(from: [UInt8]?, to: [UInt8]?) throws -> [KeyValueEntry] { try inner.range(from: from, to: to) }
    public func all() throws -> [KeyValueEntry] { try inner.all() }
    public func flush() throws { try inner.flush() }
    public func close() { inner.close() }
    public func restore(_ records: [ChangelogRecord]) throws { try inner.restore(records) }

    public func put(_ key: [UInt8], _ value: [UInt8]?) throws {
        try inner.put(key, value)
        try log(key, value, timestamp())
    }
}
