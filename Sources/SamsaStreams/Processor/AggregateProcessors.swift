/// Folds a grouped stream into a key-value store and forwards the new aggregate as a table change (Kafka's
/// `KStreamAggregate` / `KStreamReduce`). Null keys and null values are dropped and counted. Values are stored
/// with the value serde, so the changelog holds what Kafka's would (a count: 8-byte big-endian Long).
final class StreamAggregateProcessor<K, V, VA>: ProcessorNode {
    private let storeName: String
    private let keySerde: Serde<K>
    private let aggregateSerde: Serde<VA>
    private let oldValues: SharedValue<Bool>
    /// The new aggregate from the key, the value and the current aggregate (nil: none yet).
    private let fold: (K, V, VA?) -> VA
    private var store: KeyValueStore!
    private var context: ProcessorContext!

    init(storeName: String, keySerde: Serde<K>, aggregateSerde: Serde<VA>, oldValues: SharedValue<Bool>,
         fold: @escaping (K, V, VA?) -> VA) {
        self.storeName = storeName
        self.keySerde = keySerde
        self.aggregateSerde = aggregateSerde
        self.oldValues = oldValues
        self.fold = fold
    }

    func initialize(_ context: ProcessorContext) throws {
        self.context = context
        store = try context.keyValueStore(storeName)
    }

    func process(_ record: AnyRecord) throws {
        guard let key = record.key else { return context.recordDropped(reason: .nullKey) }
        guard let value = record.value else { return context.recordDropped(reason: .nullValue) }
        let keyBytes = try keySerde.serialize(key as! K)
        let old = try store.get(keyBytes).map { try aggregateSerde.deserialize($0) }
        let new = fold(key as! K, value as! V, old)
        try store.put(keyBytes, try aggregateSerde.serialize(new))
        try context.forward(AnyRecord(key: key, value: Change(new: new, old: oldValues.value ? old : nil),
                                      timestamp: record.timestamp, headers: record.headers))
    }
}

/// Folds table changes per new key (Kafka's `KTableAggregate` / `KTableReduce`): first subtracts the old
/// value from the current aggregate, then adds the new one (to the initial aggregate if there is none).
final class TableAggregateProcessor<K, V, VA>: ProcessorNode {
    private let storeName: String
    private let keySerde: Serde<K>
    private let aggregateSerde: Serde<VA>
    private let oldValues: SharedValue<Bool>
    /// Adds a value: (key, value, current aggregate or nil) → aggregate.
    private let add: (K, V, VA?) -> VA
    private let subtract: (K, V, VA) -> VA
    private var store: KeyValueStore!
    private var context: ProcessorContext!

    init(storeName: String, keySerde: Serde<K>, aggregateSerde: Serde<VA>, oldValues: SharedValue<Bool>,
         add: @escaping (K, V, VA?) -> VA, subtract: @escaping (K, V, VA) -> VA) {
        self.storeName = storeName
        self.keySerde = keySerde
        self.aggregateSerde = aggregateSerde
        self.oldValues = oldValues
        self.add = add
        self.subtract = subtract
    }

    func initialize(_ context: ProcessorContext) throws {
        self.context = context
        store = try context.keyValueStore(storeName)
    }

    func process(_ record: AnyRecord) throws {
        guard let key = record.key as? K else { return context.recordDropped(reason: .nullKey) }
        let change = record.value as! Change
        let keyBytes = try keySerde.serialize(key)
        let oldAggregate = try store.get(keyBytes).map { try aggregateSerde.deserialize($0) }
        var aggregate = oldAggregate
        if let old = change.old, let current = aggregate { aggregate = subtract(key, old as! V, current) }
        if let new = change.new { aggregate = add(key, new as! V, aggregate) }
        try store.put(keyBytes, try aggregate.map { try aggregateSerde.serialize($0) })
        try context.forward(AnyRecord(key: key, value: Change(new: aggregate, old: oldValues.value ? oldAggregate : nil),
                                      timestamp: record.timestamp, headers: record.headers))
    }
}
