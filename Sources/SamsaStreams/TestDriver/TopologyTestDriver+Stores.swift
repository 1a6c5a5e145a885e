import Synchronization

extension TopologyTestDriver {
    /// The driver's default stores: in memory, whatever the spec's `persistent` says.
    static func inMemoryStore(_ spec: StoreSpec) throws -> StateStore {
        switch spec.kind {
        case .keyValue: return DriverKeyValueStore(name: spec.name)
        case .window, .session:
            throw StreamsError("The test driver has no in-memory store of kind \(spec.kind) for \(spec.name) yet.")
        }
    }
}

/// A sorted in-memory key-value store (bytes compared unsigned), until the stores module's is merged.
final class DriverKeyValueStore: KeyValueStore {
    let name: String
    let persistent = false
    private let entries = Mutex<[[UInt8]: [UInt8]]>([:])

    init(name: String) { self.name = name }

    func get(_ key: [UInt8]) throws -> [UInt8]? { entries.withLock { $0[key] } }
    func put(_ key: [UInt8], _ value: [UInt8]?) throws { entries.withLock { $0[key] = value } }
    func range(from: [UInt8]?, to: [UInt8]?) throws -> [KeyValueEntry] {
        try all().filter { entry in
            (from.map { !entry.key.lexicographicallyPrecedes($0) } ?? true) && (to.map { !$0.lexicographicallyPrecedes(entry.key) } ?? true)
        }
    }
    func all() throws -> [KeyValueEntry] {
        entries.withLock { $0.map { KeyValueEntry(key: $0.key, value: $0.value) } }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }
    var approximateCount: Int { entries.withLock { $0.count } }
    func flush() throws {}
    func close() {}
}
