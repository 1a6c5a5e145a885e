import SamsaClient

/// A read-only view of one key-value store across this instance's tasks (Kafka's
/// `ReadOnlyKeyValueStore` from `KafkaStreams.store`), typed by the serdes it was asked with.
public struct ReadOnlyKeyValueView<K, V>: Sendable {
    let name: String
    let stores: @Sendable () throws -> [KeyValueStore]
    /// The local instances by task, and the partition owning a serialized key (nil when the store's
    /// partitioning is unknown, as for a global store).
    let storesByTask: @Sendable () throws -> [(task: TaskId, store: KeyValueStore)]
    let partition: @Sendable ([UInt8]) -> Int32?
    let key: Serde<K>
    let value: Serde<V>

    /// The key's value, from the local task of the partition owning the key (Kafka's `KeyQueryMetadata`:
    /// murmur2 of the serialized key over the source partition count); nil when that task is not local.
    /// Only when the store's partitioning is unknown are all local tasks asked.
    public func get(_ k: K) throws -> V? {
        let bytes = try key.serialize(k)
        var candidates = try storesByTask()
        if let owner = partition(bytes) { candidates = candidates.filter { $0.task.partition == owner } }
        for (_, store) in candidates { if let found = try store.get(bytes) { return try value.deserialize(found) } }
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
    /// The store keeps `ValueAndTimestamp` values: queries strip the timestamp, as Kafka's facade does.
    let timestamped: Bool
    let key: Serde<K>
    let value: Serde<V>

    private func decodeValue(_ bytes: [UInt8]) throws -> V {
        try value.deserialize(timestamped ? try ValueAndTimestamp.decode(bytes).value : bytes)
    }

    /// The key's windows starting in `from...to`, by window start.
    public func fetch(_ k: K, from: Int64, to: Int64) throws -> [(windowStart: Int64, value: V)] {
        let bytes = try key.serialize(k)
        return try stores().flatMap { try $0.fetch(bytes, from: from, to: to) }.sorted { $0.windowStart < $1.windowStart }
            .map { ($0.windowStart, try decodeValue($0.value)) }
    }

    /// Every key's windows starting in `from...to`.
    public func fetchAll(from: Int64, to: Int64) throws -> [(key: K, windowStart: Int64, value: V)] {
        try stores().flatMap { try $0.fetchAll(from: from, to: to) }
            .sorted { ($0.key.lexicographicallyPrecedes($1.key)) || ($0.key == $1.key && $0.windowStart < $1.windowStart) }
            .map { (try key.deserialize($0.key), $0.windowStart, try decodeValue($0.value)) }
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
        let byTask = try typedStores(name, as: (any KeyValueStore).self, "a key-value store")
        return ReadOnlyKeyValueView(name: name, stores: { try byTask().map(\.store) }, storesByTask: byTask,
                                    partition: keyPartitioner(name), key: key, value: value)
    }

    /// Interactive queries on a window store of this running instance.
    public func windowStore<K, V>(_ name: String, key: Serde<K>, value: Serde<V>) throws -> ReadOnlyWindowView<K, V> {
        let byTask = try typedStores(name, as: (any WindowStore).self, "a window store")
        return ReadOnlyWindowView(name: name, stores: { try byTask().map(\.store) }, timestamped: storeSpec(name)?.holdsTimestampedValues ?? false,
                                  key: key, value: value)
    }

    /// Interactive queries on a session store of this running instance.
    public func sessionStore<K, V>(_ name: String, key: Serde<K>, value: Serde<V>) throws -> ReadOnlySessionView<K, V> {
        let byTask = try typedStores(name, as: (any SessionStore).self, "a session store")
        return ReadOnlySessionView(name: name, stores: { try byTask().map(\.store) }, key: key, value: value)
    }

    /// Checks the store can be queried now, and returns how to find its local instances at each call
    /// (tasks move, so a view looks them up every time).
    private func typedStores<S>(_ name: String, as type: S.Type, _ kind: String) throws -> @Sendable () throws -> [(task: TaskId, store: S)] {
        try checkQueryable(name)
        return { [self] in
            try localStores(name).map { task, store in
                guard let typed = store as? S else {
                    throw StreamsError(.invalidStateStore, "Cannot get state store \(name) because the queryable store type does not accept the store type: it is not \(kind).")
                }
                return (task, typed)
            }
        }
    }

    /// The spec of a task store (nil for a global one).
    func storeSpec(_ name: String) -> StoreSpec? {
        topology.subtopologies.flatMap(\.stores).first { $0.name == name }
    }

    /// Which partition owns a serialized key of a task store: Kafka's default partitioner over the largest
    /// partition count of the store's subtopology's source topics (its task count), read from the cluster
    /// metadata at each call. nil for a global store or while the counts are unknown.
    private func keyPartitioner(_ name: String) -> @Sendable ([UInt8]) -> Int32? {
        guard let sub = topology.subtopologies.first(where: { $0.stores.contains { $0.name == name } }) else { return { _ in nil } }
        let topics = sub.sourceTopics.map { topology.resolve($0, applicationId: config.applicationId) }
        return { [self] key in
            guard let thread = threads.withLock({ $0.first }) else { return nil }
            let cluster = thread.client.cluster
            let count = topics.compactMap { cluster.topics[$0]?.partitions.count }.max() ?? 0
            return count > 0 ? Partitioner.partition(forKey: key, count: count) : nil
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
    func localStores(_ name: String) throws -> [(task: TaskId, store: StateStore)] {
        if let global = globalThread.withLock({ $0 }), let store = global.view().stores[name] { return [(GlobalStreamThread.taskId, store)] }
        let views = threads.withLock { $0 }.map { $0.published.withLock { $0 } }
        if views.contains(where: { $0.restoringStores.contains(name) }) {
            throw StreamsError(.invalidStateStore, "Cannot get state store \(name) because the stream thread is PARTITIONS_ASSIGNED, not RUNNING")
        }
        return views.flatMap { view in (view.stores[name] ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
    }
}
