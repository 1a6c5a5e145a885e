/// A stream grouped by key, ready to aggregate (Kafka's `KGroupedStream`). If the key changed upstream, the
/// aggregation first repartitions through `<grouped name or store name>-repartition`.
public struct KGroupedStream<K, V> {
    package let stream: KStream<K, V>
    /// `Grouped.name`: names the repartition topic (and, for `groupBy`, the key-select node).
    package let repartitionName: String?
    package let keySerde: Serde<K>?
    package let valueSerde: Serde<V>?
    /// A user-named repartition is made once and shared by every aggregation of this grouping.
    private let namedRepartition = SharedValue<String?>(nil)

    package var builder: StreamsBuilder { stream.builder }

    package init(stream: KStream<K, V>, repartitionName: String?, keySerde: Serde<K>?, valueSerde: Serde<V>?) {
        self.stream = stream
        self.repartitionName = repartitionName
        self.keySerde = keySerde
        self.valueSerde = valueSerde
    }

    /// The stream an aggregation with store `storeName` reads: repartitioned if the key changed (Kafka's
    /// `GroupedStreamAggregateBuilder`). Windowed aggregations call this too.
    package func aggregationInput(storeName: String) -> KStream<K, V> {
        guard stream.repartitionRequired else { return stream }
        if repartitionName != nil, let source = namedRepartition.value {
            return KStream(builder: builder, name: source, keySerde: keySerde, valueSerde: valueSerde)
        }
        let repartitioned = stream.repartitionIfNeeded(namePrefix: repartitionName ?? storeName, key: keySerde, value: valueSerde)
        namedRepartition.value = repartitioned.name
        return repartitioned
    }

    /// Counts records per key into a Long store.
    public func count(_ materialized: Materialized<K, Int64>? = nil, named: Named? = nil) -> KTable<K, Int64> {
        if let materialized, materialized.storeName == nil { _ = builder.newStoreName(prefix: "KSTREAM-AGGREGATE-") }
        var m = materialized ?? Materialized()
        m.valueSerde = m.valueSerde ?? Serdes.long
        return aggregateNode(prefix: "KSTREAM-AGGREGATE-", named: named, materialized: m) { _, _, count in (count ?? 0) + 1 }
    }

    /// Combines values of a key with `reducer` (the first value starts the aggregate).
    public func reduce(_ materialized: Materialized<K, V>? = nil, named: Named? = nil,
                       _ reducer: @escaping @Sendable (V, V) -> V) -> KTable<K, V> {
        var m = materialized ?? Materialized()
        m.valueSerde = m.valueSerde ?? valueSerde
        return aggregateNode(prefix: "KSTREAM-REDUCE-", named: named, materialized: m) { _, value, current in
            current.map { reducer($0, value) } ?? value
        }
    }

    /// Folds values of a key into an aggregate that starts at `initializer()`.
    public func aggregate<VA>(_ materialized: Materialized<K, VA>? = nil, named: Named? = nil,
                              initializer: @escaping @Sendable () -> VA,
                              aggregator: @escaping @Sendable (K, V, VA) -> VA) -> KTable<K, VA> {
        aggregateNode(prefix: "KSTREAM-AGGREGATE-", named: named, materialized: materialized ?? Materialized()) { key, value, current in
            aggregator(key, value, current ?? initializer())
        }
    }

    private func aggregateNode<VA>(prefix: String, named: Named?, materialized: Materialized<K, VA>,
                                   fold: @escaping @Sendable (K, V, VA?) -> VA) -> KTable<K, VA> {
        let storeName = materialized.storeName ?? builder.newStoreName(prefix: prefix)
        let name = named.orGenerate(builder, prefix: prefix)
        let input = aggregationInput(storeName: storeName)
        guard let keySerde = materialized.keySerde ?? keySerde, let aggregateSerde = materialized.valueSerde else {
            builder.fail("The aggregation \(name) needs a key and a value serde for its store \(storeName): pass them in Materialized.")
            return KTable(builder: builder, name: name, keySerde: nil, valueSerde: nil, storeName: storeName,
                          materialize: { storeName }, enableOldValues: {})
        }
        builder.graph.addStore(materialized.aggregateSpec(name: storeName))
        let oldValues = SharedValue(false)
        builder.graph.addProcessor(name: name, parents: [input.name], stores: [storeName]) {
            AggregateProcessor.stream(storeName: storeName, keySerde: keySerde, aggregateSerde: aggregateSerde,
                                      oldValues: oldValues, fold: fold)
        }
        return KTable(builder: builder, name: name, keySerde: keySerde, valueSerde: aggregateSerde,
                      storeName: materialized.storeName ?? storeName, materialize: { storeName },
                      enableOldValues: { oldValues.value = true })
    }
}

extension KStream {
    /// Groups by the current key; aggregations repartition first if the key changed.
    public func groupByKey(_ grouped: Grouped<K, V> = Grouped()) -> KGroupedStream<K, V> {
        KGroupedStream(stream: self, repartitionName: grouped.name, keySerde: grouped.keySerde ?? keySerde,
                       valueSerde: grouped.valueSerde ?? valueSerde)
    }

    /// Groups by a new key (a key-select node, then a repartition before the aggregation).
    public func groupBy<K2>(_ grouped: Grouped<K2, V> = Grouped(),
                            _ selector: @escaping @Sendable (K?, V) -> K2?) -> KGroupedStream<K2, V> {
        let selected = selectKey(named: grouped.name.map { Named($0) }, selector)
        return KGroupedStream(stream: selected, repartitionName: grouped.name, keySerde: grouped.keySerde ?? selected.keySerde,
                              valueSerde: grouped.valueSerde ?? valueSerde)
    }
}
