/// A table node's optional key-value store: named when the table is materialized (maybe after the node was
/// added), holding values with the table's serdes.
struct TableStore<K, V> {
    let name: SharedValue<String?>
    let keySerde: Serde<K>?
    let valueSerde: Serde<V>?
    private(set) var store: KeyValueStore?

    init(name: SharedValue<String?>, keySerde: Serde<K>?, valueSerde: Serde<V>?) {
        self.name = name
        self.keySerde = keySerde
        self.valueSerde = valueSerde
    }

    var isOpen: Bool { store != nil }

    mutating func open(_ context: ProcessorContext) throws {
        if let name = name.value { store = try context.keyValueStore(name) }
    }

    /// Writes `value` (nil deletes) and returns the value it replaced; does nothing without a store.
    @discardableResult
    func put(_ key: K, _ value: V?) throws -> V? {
        guard let store, let keySerde, let valueSerde else { return nil }
        let keyBytes = try keySerde.serialize(key)
        let old = try store.get(keyBytes).map { try valueSerde.deserialize($0) }
        try store.put(keyBytes, try value.map { try valueSerde.serialize($0) })
        return old
    }
}

/// Stores a table's latest value per key (when materialized) and forwards `Change(new, old)`; null keys are
/// dropped and counted (Kafka's `KTableSource`). Old values are known only when the table is materialized.
final class TableSourceProcessor<K, V>: ProcessorNode {
    private var table: TableStore<K, V>
    private let oldValues: SharedValue<Bool>
    private var context: ProcessorContext!

    init(store: SharedValue<String?>, oldValues: SharedValue<Bool>, keySerde: Serde<K>, valueSerde: Serde<V>) {
        table = TableStore(name: store, keySerde: keySerde, valueSerde: valueSerde)
        self.oldValues = oldValues
    }

    func initialize(_ context: ProcessorContext) throws {
        self.context = context
        try table.open(context)
    }

    func process(_ record: AnyRecord) throws {
        guard let key = record.key else { return context.recordDropped(reason: .nullKey) }
        let old = try table.put(key as! K, record.value.map { $0 as! V })
        try context.forward(AnyRecord(key: key, value: Change(new: record.value, old: oldValues.value ? old : nil),
                                      timestamp: record.timestamp, headers: record.headers))
    }
}

/// A table operator applied to both sides of a change (Kafka's `KTableFilter` / `KTableMapValues`): `apply`
/// gives the new value (nil: filtered out or deleted). A change whose both sides come out nil is not forwarded
/// when old values are sent; otherwise it forwards as a delete, as Kafka does.
final class TableChangeProcessor<K, V, V2>: ProcessorNode {
    private let apply: (K, V) -> V2?
    private var table: TableStore<K, V2>
    private let oldValues: SharedValue<Bool>
    private var context: ProcessorContext!

    init(storeRef: SharedValue<String?>, oldValues: SharedValue<Bool>, keySerde: Serde<K>?, valueSerde: Serde<V2>?,
         apply: @escaping (K, V) -> V2?) {
        self.apply = apply
        table = TableStore(name: storeRef, keySerde: keySerde, valueSerde: valueSerde)
        self.oldValues = oldValues
    }

    func initialize(_ context: ProcessorContext) throws {
        self.context = context
        try table.open(context)
    }

    func process(_ record: AnyRecord) throws {
        let change = record.value as! Change
        let key = record.key as! K
        let new = change.new.flatMap { apply(key, $0 as! V) }
        let old = oldValues.value ? change.old.flatMap { apply(key, $0 as! V) } : nil
        if oldValues.value && new == nil && old == nil { return }
        try table.put(key, new)
        var out = record
        out.value = Change(new: new, old: old)
        try context.forward(out)
    }
}

/// Turns table changes into a stream of new values, nil for deletes (Kafka's `KTableToStream`).
final class TableToStreamProcessor: ProcessorNode {
    private var context: ProcessorContext!
    func initialize(_ context: ProcessorContext) throws { self.context = context }
    func process(_ record: AnyRecord) throws {
        var out = record
        out.value = (record.value as! Change).new
        try context.forward(out)
    }
}

/// Maps each side of a table change to a new key and value for a KGroupedTable (Kafka's
/// `KTableRepartitionMap`): the old pair goes out first as a subtraction, then the new one as an addition.
final class TableRepartitionMapProcessor<K, V, K2, V2>: ProcessorNode {
    private let selector: (K, V) -> (K2?, V2?)
    private var context: ProcessorContext!

    init(selector: @escaping (K, V) -> (K2?, V2?)) { self.selector = selector }
    func initialize(_ context: ProcessorContext) throws { self.context = context }

    func process(_ record: AnyRecord) throws {
        let change = record.value as! Change
        let key = record.key as! K
        if let old = change.old {
            let (newKey, value) = selector(key, old as! V)
            if let newKey, let value {
                try context.forward(AnyRecord(key: newKey, value: Change(new: nil, old: value), timestamp: record.timestamp,
                                              headers: record.headers))
            }
        }
        if let new = change.new {
            let (newKey, value) = selector(key, new as! V)
            if let newKey, let value {
                try context.forward(AnyRecord(key: newKey, value: Change(new: value, old: nil), timestamp: record.timestamp,
                                              headers: record.headers))
            }
        }
    }
}
