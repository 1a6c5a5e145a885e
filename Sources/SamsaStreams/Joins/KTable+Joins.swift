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

        let resultSerde = materialized?.valueSerde ?? valueSerde as? Serde<VR>
        let storeRef = SharedValue<String?>(nil)
        // Kafka's KTableKTableJoinMerger: both sides' results pass on, stored when the join is materialized.
        builder.graph.addProcessor(name: mergeName, parents: [thisName, otherName]) {
            TableChangeProcessor<K, VR, VR>(storeRef: storeRef, oldValues: SharedValue(true), keySerde: keySerde,
                                            valueSerde: resultSerde) { _, value in value }
        }
        let materializeResult = Self.resultMaterializer(builder, mergeName: mergeName, storeName: resultStore,
                                                        materialized: materialized, hasSerde: resultSerde != nil, storeRef: storeRef)
        if materialized != nil { _ = materializeResult() }
        return KTable<K, VR>(builder: builder, name: mergeName, keySerde: keySerde, valueSerde: resultSerde,
                      storeName: materialized?.storeName, materialize: materializeResult, enableOldValues: {})
    }
}

extension KTable {
    /// Adds the join result's store on first use (a materialized join, or a later join reading the result).
    fileprivate static func resultMaterializer<VR>(_ builder: StreamsBuilder, mergeName: String, storeName: String?,
                                                   materialized: Materialized<K, VR>?, hasSerde: Bool,
                                                   storeRef: SharedValue<String?>) -> () -> String {
        {
            if let existing = storeRef.value { return existing }
            let store = storeName ?? builder.newStoreName(prefix: "KTABLE-MERGE-")
            guard hasSerde else {
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
