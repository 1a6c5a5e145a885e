/// Stream-table and stream-globalTable joins (Kafka's `KStream.join/leftJoin(KTable | GlobalKTable, …)`):
/// each stream record looks up the table; table updates alone emit nothing.
extension KStream {
    public func join<VT, VR>(_ table: KTable<K, VT>, _ joined: Joined<K, V, VT> = Joined(),
                             _ joiner: @escaping @Sendable (V, VT) -> VR) -> KStream<K, VR> {
        streamTableJoin(table, leftJoin: false, joined) { l, r in joiner(l as! V, r as! VT) }
    }

    /// Every stream record is emitted; `joiner` gets nil when the table has no value for the key.
    public func leftJoin<VT, VR>(_ table: KTable<K, VT>, _ joined: Joined<K, V, VT> = Joined(),
                                 _ joiner: @escaping @Sendable (V, VT?) -> VR) -> KStream<K, VR> {
        streamTableJoin(table, leftJoin: true, joined) { l, r in joiner(l as! V, r as? VT) }
    }

    /// Joins with a global table by the key `keySelector` picks from each record (no co-partitioning needed).
    public func join<GK, GV, VR>(_ table: GlobalKTable<GK, GV>, named: Named? = nil,
                                 keySelector: @escaping @Sendable (K?, V) -> GK?,
                                 _ joiner: @escaping @Sendable (V, GV) -> VR) -> KStream<K, VR> {
        globalTableJoin(table, leftJoin: false, named: named, keySelector: keySelector) { l, r in joiner(l as! V, r as! GV) }
    }

    public func leftJoin<GK, GV, VR>(_ table: GlobalKTable<GK, GV>, named: Named? = nil,
                                     keySelector: @escaping @Sendable (K?, V) -> GK?,
                                     _ joiner: @escaping @Sendable (V, GV?) -> VR) -> KStream<K, VR> {
        globalTableJoin(table, leftJoin: true, named: named, keySelector: keySelector) { l, r in joiner(l as! V, r as? GV) }
    }

    /// Kafka's `doStreamTableJoin`: repartition the stream if its key changed (`<name or stream>-repartition`),
    /// co-partition it with the table, and look values up in the table's (now materialized) store.
    private func streamTableJoin<VT, VR>(_ table: KTable<K, VT>, leftJoin: Bool, _ joined: Joined<K, V, VT>,
                                         joiner: @escaping @Sendable (Any?, Any?) -> Any?) -> KStream<K, VR> {
        let keySerde = joined.keySerde ?? self.keySerde ?? table.keySerde
        let stream = repartitionIfNeeded(namePrefix: joined.name ?? name, key: keySerde, value: joined.valueSerde ?? valueSerde)
        let name = joined.name ?? builder.newName(prefix: leftJoin ? "KSTREAM-LEFTJOIN-" : "KSTREAM-JOIN-")
        let storeName = table.materialize()
        guard let tableKeySerde = table.keySerde, let tableValueSerde = joined.otherValueSerde ?? table.valueSerde else {
            builder.fail("The stream-table join \(name) needs the table's key and value serdes: pass them in Materialized or Joined.")
            return KStream<K, VR>(builder: builder, name: name, keySerde: keySerde, valueSerde: valueSerde as? Serde<VR>)
        }
        builder.graph.copartition(stream.name, table.name)
        let lookup = TableLookup.store(storeName, keySerde: tableKeySerde, valueSerde: tableValueSerde)
        builder.graph.addProcessor(name: name, parents: [stream.name], stores: [storeName]) {
            StreamTableJoinProcessor(lookup: lookup, keyMapper: { key, _ in key }, joiner: { _, l, r in joiner(l, r) }, leftJoin: leftJoin)
        }
        return KStream<K, VR>(builder: builder, name: name, keySerde: keySerde, valueSerde: valueSerde as? Serde<VR>)
    }

    private func globalTableJoin<GK, GV, VR>(_ table: GlobalKTable<GK, GV>, leftJoin: Bool, named: Named?,
                                             keySelector: @escaping @Sendable (K?, V) -> GK?,
                                             joiner: @escaping @Sendable (Any?, Any?) -> Any?) -> KStream<K, VR> {
        let name = named.orGenerate(builder, prefix: leftJoin ? "KSTREAM-LEFTJOIN-" : "KSTREAM-JOIN-")
        let lookup = TableLookup.store(table.storeName, keySerde: table.keySerde, valueSerde: table.valueSerde)
        builder.graph.addProcessor(name: name, parents: [self.name]) {
            StreamTableJoinProcessor(lookup: lookup, keyMapper: { key, value in keySelector(key as? K, value as! V) },
                                     joiner: { _, l, r in joiner(l, r) }, leftJoin: leftJoin)
        }
        return KStream<K, VR>(builder: builder, name: name, keySerde: keySerde, valueSerde: valueSerde as? Serde<VR>)
    }
}
