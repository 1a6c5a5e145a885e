/// Kafka's stateless stream operators. Closures see the key as `K?`; a record with a null value passes
/// value-keeping operators unchanged without calling the closure, and is dropped by key-changing ones
/// (map, flatMap, selectKey), which would need its value.
extension KStream {
    public func filter(named: Named? = nil, _ predicate: @escaping @Sendable (K?, V) -> Bool) -> KStream<K, V> {
        let name = named.orGenerate(builder, prefix: "KSTREAM-FILTER-")
        return adding(name: name, keySerde: keySerde, valueSerde: valueSerde, keyChanged: false) {
            FunctionProcessor { record, context in
                guard let value = record.value else { return try context.forward(record) }
                if predicate(record.key.map { $0 as! K }, value as! V) { try context.forward(record) }
            }
        }
    }

    public func filterNot(named: Named? = nil, _ predicate: @escaping @Sendable (K?, V) -> Bool) -> KStream<K, V> {
        filter(named: named) { !predicate($0, $1) }
    }

    /// A new key and value per record; the key changed, so a later grouping repartitions.
    public func map<K2, V2>(named: Named? = nil, _ mapper: @escaping @Sendable (K?, V) -> (K2?, V2)) -> KStream<K2, V2> {
        let name = named.orGenerate(builder, prefix: "KSTREAM-MAP-")
        return adding(name: name, keySerde: keySerde as? Serde<K2>, valueSerde: valueSerde as? Serde<V2>, keyChanged: true) {
            FunctionProcessor { record, context in
                guard let value = record.value else { return }
                let (key, newValue) = mapper(record.key.map { $0 as! K }, value as! V)
                try context.forward(AnyRecord(key: key, value: newValue, timestamp: record.timestamp, headers: record.headers))
            }
        }
    }

    public func mapValues<V2>(named: Named? = nil, _ mapper: @escaping @Sendable (V) -> V2) -> KStream<K, V2> {
        mapValues(named: named, withKey: { _, value in mapper(value) })
    }

    public func mapValues<V2>(named: Named? = nil, withKey mapper: @escaping @Sendable (K?, V) -> V2) -> KStream<K, V2> {
        let name = named.orGenerate(builder, prefix: "KSTREAM-MAPVALUES-")
        return adding(name: name, keySerde: keySerde, valueSerde: valueSerde as? Serde<V2>, keyChanged: false) {
            FunctionProcessor { record, context in
                guard let value = record.value else { return try context.forward(record) }
                var out = record
                out.value = mapper(record.key.map { $0 as! K }, value as! V)
                try context.forward(out)
            }
        }
    }

    public func flatMap<K2, V2>(named: Named? = nil, _ mapper: @escaping @Sendable (K?, V) -> [(K2?, V2)]) -> KStream<K2, V2> {
        let name = named.orGenerate(builder, prefix: "KSTREAM-FLATMAP-")
        return adding(name: name, keySerde: keySerde as? Serde<K2>, valueSerde: valueSerde as? Serde<V2>, keyChanged: true) {
            FunctionProcessor { record, context in
                guard let value = record.value else { return }
                for (key, newValue) in mapper(record.key.map { $0 as! K }, value as! V) {
                    try context.forward(AnyRecord(key: key, value: newValue, timestamp: record.timestamp, headers: record.headers))
                }
            }
        }
    }

    public func flatMapValues<V2>(named: Named? = nil, _ mapper: @escaping @Sendable (V) -> [V2]) -> KStream<K, V2> {
        flatMapValues(named: named, withKey: { _, value in mapper(value) })
    }

    public func flatMapValues<V2>(named: Named? = nil, withKey mapper: @escaping @Sendable (K?, V) -> [V2]) -> KStream<K, V2> {
        let name = named.orGenerate(builder, prefix: "KSTREAM-FLATMAPVALUES-")
        return adding(name: name, keySerde: keySerde, valueSerde: valueSerde as? Serde<V2>, keyChanged: false) {
            FunctionProcessor { record, context in
                guard let value = record.value else { return try context.forward(record) }
                for newValue in mapper(record.key.map { $0 as! K }, value as! V) {
                    var out = record
                    out.value = newValue
                    try context.forward(out)
                }
            }
        }
    }

    /// A new key per record (value unchanged); a later grouping repartitions.
    public func selectKey<K2>(named: Named? = nil, _ selector: @escaping @Sendable (K?, V) -> K2?) -> KStream<K2, V> {
        let name = named.orGenerate(builder, prefix: "KSTREAM-KEY-SELECT-")
        return adding(name: name, keySerde: keySerde as? Serde<K2>, valueSerde: valueSerde, keyChanged: true) {
            FunctionProcessor { record, context in
                guard let value = record.value else { return }
                var out = record
                out.key = selector(record.key.map { $0 as! K }, value as! V)
                try context.forward(out)
            }
        }
    }

    /// Calls `action` for each record and passes it on.
    public func peek(named: Named? = nil, _ action: @escaping @Sendable (K?, V) -> Void) -> KStream<K, V> {
        let name = named.orGenerate(builder, prefix: "KSTREAM-PEEK-")
        return adding(name: name, keySerde: keySerde, valueSerde: valueSerde, keyChanged: false) {
            FunctionProcessor { record, context in
                if let value = record.value { action(record.key.map { $0 as! K }, value as! V) }
                try context.forward(record)
            }
        }
    }

    /// Calls `action` for each record; the stream ends here.
    public func foreach(named: Named? = nil, _ action: @escaping @Sendable (K?, V) -> Void) {
        let name = named.orGenerate(builder, prefix: "KSTREAM-FOREACH-")
        builder.graph.addProcessor(name: name, parents: [self.name]) {
            FunctionProcessor { record, _ in
                if let value = record.value { action(record.key.map { $0 as! K }, value as! V) }
            }
        }
    }

    /// The records of both streams, as they arrive.
    public func merge(_ other: KStream<K, V>, named: Named? = nil) -> KStream<K, V> {
        let name = named.orGenerate(builder, prefix: "KSTREAM-MERGE-")
        builder.graph.addProcessor(name: name, parents: [self.name, other.name]) {
            FunctionProcessor { record, context in try context.forward(record) }
        }
        return KStream(builder: builder, name: name, keySerde: keySerde ?? other.keySerde,
                       valueSerde: valueSerde ?? other.valueSerde,
                       repartitionRequired: repartitionRequired || other.repartitionRequired)
    }
}
