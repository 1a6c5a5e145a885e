/// Table-table equi-joins (Kafka's `KTable.join/leftJoin/outerJoin(KTable, …)`): the result is a table whose
/// updates and retractions follow both sides' changes.
extension KTable {
    public func join<VO, VR>(_ other: KTable<K, VO>, named: Named? = nil, _ materialized: Materialized<K, VR>? = nil,
                             _ joiner: @escaping @Sendable (V, VO) -> VR) -> KTable<K, VR> {
        tableTableJoin(other, .inner, named, materialized) { l, r in joiner(l as! V, r as! VO) }
    }

    public func leftJoin<VO, VR>(_ other: KTable<K, VO>, named: Named? = nil, _ materialized: Materialized<K, VR>? = nil,
                                 _ joiner: @escaping @Sendable (V, VO?) -> VR) -> KTable<K, VR> {
        tableTableJoin(other, .left, named, materialized) { l, r in joiner(l as! V, r as? VO) }
    }

    public func outerJoin<VO, VR>(_ other: KTable<K, VO>, named: Named? = nil, _ materialized: Materialized<K, VR>? = nil,
                                  _ joiner: @escaping @Sendable (V?, VO?) -> VR) -> KTable<K, VR> {
        tableTableJoin(other, .outer, named, materialized) { l, r in joiner(l as? V, r as? VO) }
    }

    /// Kafka's `KTableImpl.doJoin`: both sides materialized and sending old values, `KTABLE-JOINTHIS-` and
    /// `KTABLE-JOINOTHER-` nodes each reading the other side's store, and a `KTABLE-MERGE-` node (storing the
    /// result when materialized).
    private func tableTableJoin<VO, VR>(_ other: KTable<K, VO>, _ kind: JoinKind, _ named: Named?, _ materialized: Materialized<K, VR>?,
                                        joiner: @escaping @Sendable (Any?, Any?) -> Any?) -> KTable<K, VR> {
        let resultStore = materialized.map { $0.storeName ?? builder.newStoreName(prefix: "KTABLE-MERGE-") }
        let mergeName = named.orGenerate(builder, prefix: "KTABLE-MERGE-")
        let thisName = named.suffixed("-join-this", builder, prefix: "KTABLE-JOINTHIS-")
        let otherName = named.suffixed("-join-other", builder, prefix: "KTABLE-JOINOTHER-")
        enableOldValues()
        other.enableOldValues()
        let thisStore = materialize(), otherStore = other.materialize()
        let keySerde = materialized?.keySerde ?? self.keySerde ?? other.keySerde
        guard let keySerde, let valueSerde, let otherValueSerde = other.valueSerde else {
            builder.fail("The table-table join \(mergeName) needs both tables' key and value serdes: pass them in Materialized.")
            return KTable<K, VR>(builder: builder, name: mergeName, keySerde: nil, valueSerde: nil, storeName: nil,
                          materialize: { mergeName }, enableOldValues: {})
        }
        builder.graph.copartition(self.name, other.name)
        let otherLookup = TableLookup.store(otherStore, keySerde: keySerde, valueSerde: otherValueSerde)
        let thisLookup = TableLookup.store(thisStore, keySerde: keySerde, valueSerde: valueSerde)
        builder.graph.addProcessor(name: thisName, parents: [self.name], stores: [otherStore]) {
            TableTableJoinProcessor(kind: kind, isLeftSide: true, otherLookup: otherLookup) { _, l, r in joiner(l, r) }
        }
        builder.graph.addProcessor(name: otherName, parents: [other.name], stores: [thisStore]) {
            TableTableJoinProcessor(kind: kind, isLeftSide: false, otherLookup: thisLookup) { _, l, r in joiner(l, r) }
        }

        let resultSerde = materialized?.valueSerde
        let storeRef = SharedValue<String?>(nil)
        builder.graph.addProcessor(name: mergeName, parents: [thisName, otherName]) {
            TableJoinMergeProcessor(storeRef: storeRef, keySerde: keySerde, valueSerde: resultSerde)
        }
        let materializeResult = Self.resultMaterializer(builder, mergeName: mergeName, storeName: resultStore,
                                                        materialized: materialized, storeRef: storeRef)
        if materialized != nil { _ = materializeResult() }
        return KTable<K, VR>(builder: builder, name: mergeName, keySerde: keySerde, valueSerde: resultSerde,
                      storeName: materialized?.storeName, materialize: materializeResult, enableOldValues: {})
    }
}

extension KTable {
    /// Adds the join result's store on first use (a materialized join, or a later join reading the result).
    fileprivate static func resultMaterializer<VR>(_ builder: StreamsBuilder, mergeName: String, storeName: String?,
                                                   materialized: Materialized<K, VR>?,
                                                   storeRef: SharedValue<String?>) -> () -> String {
        {
            if let existing = storeRef.value { return existing }
            let store = storeName ?? builder.newStoreName(prefix: "KTABLE-MERGE-")
            guard materialized?.valueSerde != nil else {
                builder.fail("The join result \(mergeName) needs a value serde to be materialized: pass it in Materialized.")
                return store
            }
            builder.graph.addStore((materialized ?? Materialized()).keyValueSpec(name: store))
            builder.graph.connect(store: store, to: mergeName)
            storeRef.value = store
            return store
        }
    }
}

/// Kafka's `KTableKTableJoinMerger`: passes both join sides' changes on, keeping the result in a store when the
/// join is materialized (then the old value comes from the store).
final class TableJoinMergeProcessor<K, VR>: ProcessorNode {
    private let storeRef: SharedValue<String?>
    private let keySerde: Serde<K>
    private let valueSerde: Serde<VR>?
    private var context: ProcessorContext!
    private var store: KeyValueStore?

    init(storeRef: SharedValue<String?>, keySerde: Serde<K>, valueSerde: Serde<VR>?) {
        self.storeRef = storeRef
        self.keySerde = keySerde
        self.valueSerde = valueSerde
    }

    func initialize(_ context: ProcessorContext) throws {
        self.context = context
        if let name = storeRef.value { store = try context.keyValueStore(name) }
    }

    func process(_ record: AnyRecord) throws {
        guard let store, let valueSerde else { return try context.forward(record) }
        let key: K = try cast(record.key, "key")
        let change: Change = try cast(record.value, "table change")
        let keyBytes = try keySerde.serialize(key)
        let old = try store.get(keyBytes).map(valueSerde.deserialize)
        try store.put(keyBytes, try change.new.map { try valueSerde.serialize(try cast($0, "value")) })
        try context.forward(AnyRecord(key: key, value: Change(new: change.new, old: old), timestamp: record.timestamp,
                                      headers: record.headers))
    }
}
