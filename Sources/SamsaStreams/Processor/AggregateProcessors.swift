/// Folds records per key into a key-value store and forwards the new aggregate as a table change (Kafka's
/// `KStreamAggregate` / `KStreamReduce` for streams, `KTableAggregate` / `KTableReduce` for regrouped tables).
/// Null keys are dropped and counted; so are null values of a stream. Values are stored with the aggregate's
/// serde, so the changelog holds what Kafka's would (a count: 8-byte big-endian Long).
final class AggregateProcessor<K, VA>: ProcessorNode {
    private let storeName: String
    private let keySerde: Serde<K>
    private let aggregateSerde: Serde<VA>
    private let oldValues: SharedValue<Bool>
    /// The new aggregate from the key, the record's (non-null) value and the current aggregate (nil: none yet).
    private let step: (K, Any, VA?) -> VA?
    private var store: KeyValueStore!
    /// The store behind the record cache: updates are forwarded when the cache flushes them.
    private var caching: CachingKeyValueStore?
    private var context: ProcessorContext!

    init(storeName: String, keySerde: Serde<K>, aggregateSerde: Serde<VA>, oldValues: SharedValue<Bool>,
         step: @escaping (K, Any, VA?) -> VA?) {
        self.storeName = storeName
        self.keySerde = keySerde
        self.aggregateSerde = aggregateSerde
        self.oldValues = oldValues
        self.step = step
    }

    /// A grouped stream's fold: `fold(key, value, current)`.
    static func stream<V>(storeName: String, keySerde: Serde<K>, aggregateSerde: Serde<VA>, oldValues: SharedValue<Bool>,
                          fold: @escaping (K, V, VA?) -> VA) -> AggregateProcessor {
        AggregateProcessor(storeName: storeName, keySerde: keySerde, aggregateSerde: aggregateSerde, oldValues: oldValues) {
            key, value, current in fold(key, value as! V, current)
        }
    }

    /// A grouped table's fold: subtract the change's old value from the current aggregate (if both exist), then
    /// add its new one (to the initial aggregate when there is none).
    static func table<V>(storeName: String, keySerde: Serde<K>, aggregateSerde: Serde<VA>, oldValues: SharedValue<Bool>,
                         add: @escaping (K, V, VA?) -> VA, subtract: @escaping (K, V, VA) -> VA) -> AggregateProcessor {
        AggregateProcessor(storeName: storeName, keySerde: keySerde, aggregateSerde: aggregateSerde, oldValues: oldValues) {
            key, value, current in
            let change = value as! Change
            var aggregate = current
            if let old = change.old, let existing = aggregate { aggregate = subtract(key, old as! V, existing) }
            if let new = change.new { aggregate = add(key, new as! V, aggregate) }
            return aggregate
        }
    }

    func initialize(_ context: ProcessorContext) throws {
        self.context = context
        store = try context.keyValueStore(storeName)
        caching = store as? CachingKeyValueStore
        // Kafka's TimestampedCacheFlushListener: forward the flushed change with its own record context.
        caching?.setFlushListener { [unowned self] entry in
            let key = try keySerde.deserialize(entry.key)
            let new = try entry.newValue.map { try aggregateSerde.deserialize($0) }
            let old = oldValues.value ? try entry.oldValue.map { try aggregateSerde.deserialize($0) } : nil
            try self.context.forward(AnyRecord(key: key, value: Change(new: new, old: old), timestamp: entry.timestamp,
                                               headers: entry.headers))
        }
    }

    func process(_ record: AnyRecord) throws {
        guard let key = record.key else { return context.recordDropped(reason: .nullKey) }
        guard let value = record.value else { return context.recordDropped(reason: .nullValue) }
        let keyBytes = try keySerde.serialize(key as! K)
        let old = try store.get(keyBytes).map { try aggregateSerde.deserialize($0) }
        let new = step(key as! K, value, old)
        let newBytes = try new.map { try aggregateSerde.serialize($0) }
        if let caching { return try caching.put(keyBytes, newBytes, timestamp: record.timestamp, headers: record.headers) }
        try store.put(keyBytes, newBytes)
        try context.forward(AnyRecord(key: key, value: Change(new: new, old: oldValues.value ? old : nil),
                                      timestamp: record.timestamp, headers: record.headers))
    }
}
