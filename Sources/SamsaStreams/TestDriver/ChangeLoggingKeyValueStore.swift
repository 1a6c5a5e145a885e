import Synchronization

/// A key-value store that remembers each write for its changelog topic, so the test driver can show
/// `<application.id>-<store>-changelog` records as Kafka's driver does.
final class ChangeLoggingKeyValueStore: KeyValueStore {
    let inner: KeyValueStore
    /// The changelog topic's cluster name.
    let topic: String
    private let writes = Mutex<[(key: [UInt8], value: [UInt8]?)]>([])

    init(inner: KeyValueStore, topic: String) {
        self.inner = inner
        self.topic = topic
    }

    var name: String { inner.name }
    var persistent: Bool { inner.persistent }
    var approximateCount: Int { inner.approximateCount }

    func get(_ key: [UInt8]) throws -> [UInt8]? { try inner.get(key) }

    func put(_ key: [UInt8], _ value: [UInt8]?) throws {
        try inner.put(key, value)
        writes.withLock { $0.append((key, value)) }
    }

    func range(from: [UInt8]?, to: [UInt8]?) throws -> [KeyValueEntry] { try inner.range(from: from, to: to) }
    func all() throws -> [KeyValueEntry] { try inner.all() }
    func flush() throws { try inner.flush() }
    func close() { inner.close() }

    /// The writes since the last call, in order.
    func takeWrites() -> [(key: [UInt8], value: [UInt8]?)] {
        writes.withLock { pending in
            defer { pending = [] }
            return pending
        }
    }
}
