import Synchronization
@testable import SamsaStreams

/// A processor context for driving one node by hand: records what it forwards and drops.
final class FakeContext: ProcessorContext {
    var applicationId = "app"
    var taskId = TaskId(subtopology: 0, partition: 0)
    var streamTime = Int64.min
    var recordOrigin: RecordOrigin? = nil
    var stores: [String: StateStore] = [:]
    var forwarded: [AnyRecord] = []
    var dropped: [DroppedRecordReason] = []

    func forward(_ record: AnyRecord, to child: String?) throws { forwarded.append(record) }
    func stateStore(_ name: String) throws -> StateStore {
        guard let store = stores[name] else { throw SerdeError("no store \(name)") }
        return store
    }
    func schedule(intervalMs: Int64, type: PunctuationType, _ callback: @escaping (Int64) throws -> Void) {}
    func recordDropped(reason: DroppedRecordReason) { dropped.append(reason) }

    /// Forwarded records as (key, new, old, timestamp) with windowed keys written `key@start/end`.
    func changes<K, V>(_: K.Type, _: V.Type) -> [String] {
        forwarded.map { record in
            let key = (record.key as? Windowed<K>).map { "\($0.key)@\($0.window.start)/\($0.window.end)" } ?? "\(record.key ?? "nil")"
            let change = record.value as! Change
            return "\(key) \(change.new.map { "\($0 as! V)" } ?? "nil")<-\(change.old.map { "\($0 as! V)" } ?? "nil") t\(record.timestamp)"
        }
    }

    func drain() -> [AnyRecord] {
        defer { forwarded = [] }
        return forwarded
    }
}

/// Minimal in-memory stores with the contract's semantics, standing in for helper stores' until merged.
final class FakeWindowStore: WindowStore, @unchecked Sendable {
    let name: String
    let persistent = false
    let windowSizeMs: Int64
    let retentionMs: Int64
    let retainDuplicates: Bool
    var entries: [WindowEntry] = []
    private var maxStart = Int64.min

    init(name: String, sizeMs: Int64, retentionMs: Int64, retainDuplicates: Bool = false) {
        self.name = name
        windowSizeMs = sizeMs
        self.retentionMs = retentionMs
        self.retainDuplicates = retainDuplicates
    }

    func flush() throws {}
    func close() {}

    func put(_ key: [UInt8], _ value: [UInt8]?, windowStart: Int64) throws {
        maxStart = max(maxStart, windowStart)
        entries.removeAll { $0.windowStart <= maxStart - retentionMs }
        guard windowStart > maxStart - retentionMs else { return }
        if !retainDuplicates { entries.removeAll { $0.key == key && $0.windowStart == windowStart } }
        if let value { entries.append(WindowEntry(key: key, windowStart: windowStart, value: value)) }
        entries.sort { ($0.key.lexicographicallyPrecedes($1.key)) || ($0.key == $1.key && $0.windowStart < $1.windowStart) }
    }

    func fetch(_ key: [UInt8], windowStart: Int64) throws -> [UInt8]? {
        entries.first { $0.key == key && $0.windowStart == windowStart }?.value
    }
    func fetch(_ key: [UInt8], from: Int64, to: Int64) throws -> [WindowEntry] {
        entries.filter { $0.key == key && $0.windowStart >= from && $0.windowStart <= to }
    }
    func fetchAll(from: Int64, to: Int64) throws -> [WindowEntry] {
        entries.filter { $0.windowStart >= from && $0.windowStart <= to }
    }
    func all() throws -> [WindowEntry] { entries }
}

final class FakeSessionStore: SessionStore, @unchecked Sendable {
    let name: String
    let persistent = false
    let retentionMs: Int64
    var entries: [SessionEntry] = []

    init(name: String, retentionMs: Int64) {
        self.name = name
        self.retentionMs = retentionMs
    }

    func flush() throws {}
    func close() {}
    func put(_ key: [UInt8], start: Int64, end: Int64, _ value: [UInt8]?) throws {
        entries.removeAll { $0.key == key && $0.start == start && $0.end == end }
        if let value { entries.append(SessionEntry(key: key, start: start, end: end, value: value)) }
        entries.sort { $0.start < $1.start }
    }
    func findSessions(_ key: [UInt8], earliestSessionEnd: Int64, latestSessionStart: Int64) throws -> [SessionEntry] {
        entries.filter { $0.key == key && $0.end >= earliestSessionEnd && $0.start <= latestSessionStart }
    }
    func fetch(_ key: [UInt8]) throws -> [SessionEntry] { entries.filter { $0.key == key } }
    func all() throws -> [SessionEntry] { entries }
}

final class FakeKeyValueStore: KeyValueStore, @unchecked Sendable {
    let name: String
    let persistent = false
    var map: [[UInt8]: [UInt8]] = [:]

    init(name: String) { self.name = name }
    func flush() throws {}
    func close() {}
    func get(_ key: [UInt8]) throws -> [UInt8]? { map[key] }
    func put(_ key: [UInt8], _ value: [UInt8]?) throws { map[key] = value }
    func range(from: [UInt8]?, to: [UInt8]?) throws -> [KeyValueEntry] {
        try all().filter { e in
            (from.map { !e.key.lexicographicallyPrecedes($0) } ?? true) && (to.map { !$0.lexicographicallyPrecedes(e.key) } ?? true)
        }
    }
    func all() throws -> [KeyValueEntry] {
        map.map { KeyValueEntry(key: $0.key, value: $0.value) }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }
    var approximateCount: Int { map.count }
}

func rec(_ key: Any?, _ value: Any?, _ ts: Int64) -> AnyRecord { AnyRecord(key: key, value: value, timestamp: ts) }

/// Stores for TopologyTestDriver runs, kept across drivers (a restart that keeps or restores local state).
final class TestStores {
    var open: [String: StateStore] = [:]

    func make(_ spec: StoreSpec) throws -> StateStore {
        if let store = open[spec.name] { return store }
        let store: StateStore
        switch spec.kind {
        case .keyValue: store = FakeKeyValueStore(name: spec.name)
        case .window(let size, let retention, let duplicates):
            store = FakeWindowStore(name: spec.name, sizeMs: size, retentionMs: retention, retainDuplicates: duplicates)
        case .session(let retention): store = FakeSessionStore(name: spec.name, retentionMs: retention)
        }
        open[spec.name] = store
        return store
    }

    func driver(_ topology: Topology) throws -> TopologyTestDriver {
        try TopologyTestDriver(topology, storeFactory: { try self.make($0) })
    }
}

let windowStrings = Consumed(key: Serdes.string, value: Serdes.string)
