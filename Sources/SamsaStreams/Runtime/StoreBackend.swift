import Foundation
import Synchronization

/// A store as the runtime holds it: the store a task writes (logging to its changelog when enabled) and
/// how to apply a changelog record to it while restoring (without logging it again).
struct OpenedStore {
    var store: StateStore
    var restore: (_ key: [UInt8], _ value: [UInt8]?) throws -> Void
}

/// Opens stores for tasks. Key-value stores are kept in memory here until the stores helper's RocksDB and
/// logging wrappers are wired in; restore then always replays the changelog from the beginning.
enum StoreBackend {
    static func open(_ spec: StoreSpec, directory: String, log: ((_ key: [UInt8], _ value: [UInt8]?) -> Void)?) throws -> OpenedStore {
        switch spec.kind {
        case .keyValue:
            let inner = MemoryKeyValueStore(name: spec.name)
            let store: KeyValueStore = log.map { LoggedKeyValueStore(inner: inner, log: $0) } ?? inner
            return OpenedStore(store: store) { key, value in try inner.put(key, value) }
        case .window, .session:
            throw StreamsError(.illegalState, "Store \(spec.name): window and session stores are not available in this build yet.")
        }
    }

    /// Whether stores of this spec keep their contents across restarts (so a checkpoint means something).
    static func survivesRestart(_ spec: StoreSpec) -> Bool { false }
}

/// A key-value store in memory, ordered by unsigned key bytes.
final class MemoryKeyValueStore: KeyValueStore {
    let name: String
    let persistent = false
    private let map: Mutex<[[UInt8]: [UInt8]]> = Mutex([:])

    init(name: String) { self.name = name }

    func get(_ key: [UInt8]) throws -> [UInt8]? { map.withLock { $0[key] } }
    func put(_ key: [UInt8], _ value: [UInt8]?) throws { map.withLock { $0[key] = value } }
    func range(from: [UInt8]?, to: [UInt8]?) throws -> [KeyValueEntry] {
        try all().filter { e in
            (from.map { !e.key.lexicographicallyPrecedes($0) } ?? true) && (to.map { !$0.lexicographicallyPrecedes(e.key) } ?? true)
        }
    }
    func all() throws -> [KeyValueEntry] {
        map.withLock { $0.map { KeyValueEntry(key: $0.key, value: $0.value) } }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }
    var approximateCount: Int { map.withLock { $0.count } }
    func flush() throws {}
    func close() {}
}

/// Writes every change to the changelog as well as the store.
final class LoggedKeyValueStore: KeyValueStore, @unchecked Sendable {
    // @unchecked: `log` is only called from the task's thread (the writer); readers never touch it.
    let inner: KeyValueStore
    let log: (_ key: [UInt8], _ value: [UInt8]?) -> Void

    init(inner: KeyValueStore, log: @escaping (_ key: [UInt8], _ value: [UInt8]?) -> Void) {
        self.inner = inner
        self.log = log
    }

    var name: String { inner.name }
    var persistent: Bool { inner.persistent }
    func get(_ key: [UInt8]) throws -> [UInt8]? { try inner.get(key) }
    func put(_ key: [UInt8], _ value: [UInt8]?) throws {
        try inner.put(key, value)
        log(key, value)
    }
    func range(from: [UInt8]?, to: [UInt8]?) throws -> [KeyValueEntry] { try inner.range(from: from, to: to) }
    func all() throws -> [KeyValueEntry] { try inner.all() }
    var approximateCount: Int { inner.approximateCount }
    func flush() throws { try inner.flush() }
    func close() { inner.close() }
}
