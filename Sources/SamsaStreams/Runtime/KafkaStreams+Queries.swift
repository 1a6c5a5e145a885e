import SamsaClient

/// A read-only view of one key-value store across this instance's tasks (Kafka's
/// `ReadOnlyKeyValueStore` from `KafkaStreams.store`), typed by the serdes it was asked with.
public struct ReadOnlyKeyValueView<K, V>: Sendable {
    let name: String
    let stores: @Sendable () throws -> [KeyValueStore]
    let key: Serde<K>
    let value: Serde<V>

    /// The key's value in whichever local task holds it.
    public func get(_ k: K) throws -> V? {
        let bytes = try key.serialize(k)
        for store in try stores() { if let found = try store.get(bytes) { return try value.deserialize(found) } }
        return nil
    }

    /// Entries with `from <= key <= to` by serialized key order, across tasks.
    public func range(from: K?, to: K?) throws -> [(key: K, value: V)] {
        let low = try from.map(key.serialize), high = try to.map(key.serialize)
        return try decode(try stores().flatMap { try $0.range(from: low, to: high) })
    }

    public func all() throws -> [(key: K, value: V)] {
        try decode(try stores().flatMap { try $0.all() })
    }

    public func approximateCount() throws -> Int {
        try stores().reduce(0) { $0 + $1.approximateCount }
    }

    private func decode(_ entries: [KeyValueEntry]) throws -> [(key: K, value: V)] {
        try entries.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { (try key.deserialize($0.key), try value.deserialize($0.value)) }
    }
}

/// A read-only view of a window store across this instance's tasks (Kafka's `ReadOnlyWindowStore`).
public struct ReadOnlyWindowView<K, V>: Sendable {
    let name: String
    let stores: @Sendable () throws -> [WindowStore]
    let key: Serde<K>
    let value: Serde<V>

    /// The key's windows starting in `from...to`, by window start.
    public func fetch(_ k: K, from: Int64, to: Int64) throws -> [(windowStart: Int64, value: V)] {
        let bytes = try key.serialize(k)
        return try stores().flatMap { try $0.fetch(bytes, from: from, to: to) }.sorted { $0.windowStart < $1.windowStart }
            .map { ($0.windowStart, try value.deserialize($0.value)) }
    }

    /// Every key's windows starting in `from...to`.
    public func fetchAll(from: Int64, to: Int64) throws -> [(key: K, windowStart: Int64, value: V)] {
        try stores().flatMap { try $0.fetchAll(from: from, to: to) }
            .sorted { ($0.key.lexicographicallyPrecedes($1.key)) || ($0.key == $1.key && $0.windowStart < $1.windowStart) }
            .map { (try key.deserialize($0.key), $0.windowStart, try value.deserialize($0.value)) }
    }
}

/// A read-only view of a session store across this instance's tasks (Kafka's `ReadOnlySessionStore`).
public struct ReadOnlySessionView<K, V>: Sendable {
    let name: String
    let stores: @Sendable () throws -> [SessionStore]
    let key: Serde<K>
    let value: Serde<V>

    /// The key's sessions, by start.
    public func fetch(_ k: K) throws -> [(start: Int64, end: Int64, value: V)] {
        let bytes = try key.serialize(k)
        return try stores().flatMap { try $0.fetch(bytes) }.sorted { $0.start < $1.start }
            .map { ($0.start, $0.end, try value.deserialize($0.value)) }
    }
}

extension KafkaStreams {
    /// Interactive queries on a key-value store (including a global one) of this running instance.
    public func keyValueStore<K, V>(_ name: String, key: Serde<K>, value: Serde<V>) throws -> ReadOnlyKeyValueView<K, V> {
        ReadOnlyKeyValueView(name: name, stores: try typedStores(name, as: (any KeyValueStore).self, "a key-value store"), key: key, value: value)
    }

    /// Interactive queries on a window store of this running instance.
    public func windowStore<K, V>(_ name: String, key: Serde<K>, value: Serde<V>) throws -> ReadOnlyWindowView<K, V> {
        ReadOnlyWindowView(name: name, stores: try typedStores(name, as: (any WindowStore).self, "a window store"), key: key, value: value)
    }

    /// Interactive queries on a session store of this running instance.
    public func sessionStore<K, V>(_ name: String, key: Serde<K>, value: Serde<V>) throws -> ReadOnlySessionView<K, V> {
        ReadOnlySessionView(name: name, stores: try typedStores(name, as: (any SessionStore).self, "a session store"), key: key, value: value)
    }

    /// Checks the store can be queried now, and returns how to find its local instances at each call
    /// (tasks move, so a view looks them up every time).
    private func typedStores<S>(_ name: String, as type: S.Type, _ kind: String) throws -> @Sendable () throws -> [S] {
        try checkQueryable(name)
        return { [self] in
            try localStores(name).map { store in
                guard let typed = store as? S else {
                    throw StreamsError(.invalidStateStore, "Cannot get state store \(name) because the queryable store type does not accept the store type: it is not \(kind).")
                }
                return typed
            }
        }
    }

    private func checkQueryable(_ name: String) throws {
        let known = topology.subtopologies.flatMap(\.stores).map(\.name) + topology.globalStores.map(\.store.name)
        guard known.contains(name) else {
            throw StreamsError(.invalidStateStore, "Cannot get state store \(name) because no such store is registered in the topology.")
        }
        let current = state
        guard current == .running || current == .rebalancing else {
            throw StreamsError(.invalidStateStore, "Cannot get state store \(name) because the stream thread is \(current.rawValue), not RUNNING")
        }
    }

    /// The store's instances in this instance's running tasks; while one is still restoring, Kafka's error.
    func localStores(_ name: String) throws -> [StateStore] {
        if let global = globalThread.withLock({ $0 }), let store = global.view().stores[name] { return [store] }
        let views = threads.withLock { $0 }.map { $0.published.withLock { $0 } }
        if views.contains(where: { $0.restoringStores.contains(name) }) {
            throw StreamsError(.invalidStateStore, "Cannot get state store \(name) because the stream thread is PARTITIONS_ASSIGNED, not RUNNING")
        }
        return views.flatMap { view in (view.stores[name] ?? [:]).sorted { $0.key < $1.key }.map(\.value) }
    }
}
