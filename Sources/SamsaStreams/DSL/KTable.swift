/// A changelog table (Kafka's `KTable`): the latest value per key; nodes forward `Change(new, old)`. Its
/// store (if materialized) can be read by name from the test driver or interactive queries.
public struct KTable<K, V> {
    package let builder: StreamsBuilder
    package let name: String
    package let keySerde: Serde<K>?
    package let valueSerde: Serde<V>?
    /// The queryable store name, when the user named one (or an aggregate made one).
    public let storeName: String?
    /// Makes the table keep its values in a store (if it does not yet) and returns the store's name; joins
    /// call this to look values up (Kafka's value getter on a materialized table).
    package let materialize: () -> String
    /// Asks the table's nodes up to its source to forward old values (KGroupedTable needs them).
    package let enableOldValues: () -> Void

    package init(builder: StreamsBuilder, name: String, keySerde: Serde<K>?, valueSerde: Serde<V>?, storeName: String?,
                 materialize: @escaping () -> String, enableOldValues: @escaping () -> Void) {
        self.builder = builder
        self.name = name
        self.keySerde = keySerde
        self.valueSerde = valueSerde
        self.storeName = storeName
        self.materialize = materialize
        self.enableOldValues = enableOldValues
    }

    public func filter(_ materialized: Materialized<K, V>? = nil, named: Named? = nil,
                       _ predicate: @escaping @Sendable (K, V) -> Bool) -> KTable<K, V> {
        let name = named.orGenerate(builder, prefix: "KTABLE-FILTER-")
        return derived(name: name, materialized: materialized, valueSerde: valueSerde) { key, value in
            predicate(key, value) ? value : nil
        }
    }

    public func filterNot(_ materialized: Materialized<K, V>? = nil, named: Named? = nil,
                          _ predicate: @escaping @Sendable (K, V) -> Bool) -> KTable<K, V> {
        filter(materialized, named: named) { !predicate($0, $1) }
    }

    public func mapValues<V2>(_ materialized: Materialized<K, V2>? = nil, named: Named? = nil,
                              _ mapper: @escaping @Sendable (K, V) -> V2) -> KTable<K, V2> {
        let name = named.orGenerate(builder, prefix: "KTABLE-MAPVALUES-")
        return derived(name: name, materialized: materialized, valueSerde: valueSerde as? Serde<V2>) { mapper($0, $1) }
    }

    /// A table computed from this one change by change, stored when `materialized` names a store.
    private func derived<V2>(name: String, materialized: Materialized<K, V2>?, valueSerde: Serde<V2>?,
                             apply: @escaping @Sendable (K, V) -> V2?) -> KTable<K, V2> {
        let storeName = materialized.map { $0.storeName ?? builder.newStoreName(prefix: name + "-") }
        let ref = SharedValue<String?>(nil)
        let oldValues = SharedValue(false)
        let keySerde = materialized?.keySerde ?? self.keySerde
        let outSerde = materialized?.valueSerde ?? valueSerde
        builder.graph.addProcessor(name: name, parents: [self.name]) {
            TableChangeProcessor(storeRef: ref, oldValues: oldValues, keySerde: keySerde, valueSerde: outSerde, apply: apply)
        }
        let materialize = Self.materializer(builder: builder, node: name, storeName: storeName, ref: ref,
                                            materialized: materialized ?? Materialized(), keySerde: keySerde, valueSerde: outSerde)
        if materialized != nil { _ = materialize() }
        let parentOld = enableOldValues
        return KTable<K, V2>(builder: builder, name: name, keySerde: keySerde, valueSerde: outSerde,
                             storeName: materialized?.storeName, materialize: materialize,
                             enableOldValues: { parentOld(); oldValues.value = true })
    }

    /// Adds the store of a derived table the first time something needs it.
    private static func materializer<V2>(builder: StreamsBuilder, node: String, storeName: String?, ref: SharedValue<String?>,
                                         materialized: Materialized<K, V2>, keySerde: Serde<K>?,
                                         valueSerde: Serde<V2>?) -> () -> String {
        {
            if let existing = ref.value { return existing }
            let store = storeName ?? builder.newStoreName(prefix: node + "-")
            guard keySerde != nil, valueSerde != nil else {
                builder.fail("The table \(node) needs a key and a value serde to be materialized: pass them in Materialized.")
                return store
            }
            builder.graph.addStore(materialized.keyValueSpec(name: store))
            builder.graph.connect(store: store, to: node)
            ref.value = store
            return store
        }
    }

    /// The table's updates as a stream: each new value, nil (a tombstone) for a delete.
    public func toStream(named: Named? = nil) -> KStream<K, V> {
        let name = named.orGenerate(builder, prefix: "KTABLE-TOSTREAM-")
        builder.graph.addProcessor(name: name, parents: [self.name]) { TableToStreamProcessor() }
        return KStream(builder: builder, name: name, keySerde: keySerde, valueSerde: valueSerde)
    }

    /// Regroups the table by a new key (Kafka's `KTable.groupBy`): each update subtracts the old row from its
    /// group and adds the new one, through the repartition topic `<name or store>-repartition`.
    public func groupBy<K2, V2>(_ grouped: Grouped<K2, V2> = Grouped(),
                                _ selector: @escaping @Sendable (K, V) -> (K2?, V2?)) -> KGroupedTable<K2, V2> {
        let name = grouped.name.map { Named($0) }.orGenerate(builder, prefix: "KTABLE-SELECT-")
        enableOldValues()
        builder.graph.addProcessor(name: name, parents: [self.name]) { TableRepartitionMapProcessor(selector: selector) }
        return KGroupedTable(builder: builder, parent: name, repartitionName: grouped.name,
                             keySerde: grouped.keySerde ?? keySerde as? Serde<K2>,
                             valueSerde: grouped.valueSerde ?? valueSerde as? Serde<V2>)
    }
}
