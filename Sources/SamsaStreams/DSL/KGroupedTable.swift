/// A table regrouped by a new key (Kafka's `KGroupedTable`): aggregations add each new row and subtract each
/// replaced or deleted one, after the repartition topic `<grouped name or store name>-repartition`.
public struct KGroupedTable<K, V> {
    package let builder: StreamsBuilder
    /// The KTABLE-SELECT node.
    package let parent: String
    package let repartitionName: String?
    package let keySerde: Serde<K>?
    package let valueSerde: Serde<V>?
    /// A user-named repartition is made once and shared by every aggregation (its source node's name).
    let namedRepartition = SharedValue<String?>(nil)

    public func count(_ materialized: Materialized<K, Int64>? = nil, named: Named? = nil) -> KTable<K, Int64> {
        var m = materialized ?? Materialized()
        m.valueSerde = m.valueSerde ?? Serdes.long
        return aggregateNode(prefix: "KTABLE-AGGREGATE-", named: named, materialized: m,
                             add: { _, _, count in (count ?? 0) + 1 }, subtract: { _, _, count in count - 1 })
    }

    public func reduce(_ materialized: Materialized<K, V>? = nil, named: Named? = nil,
                       adder: @escaping @Sendable (V, V) -> V, subtractor: @escaping @Sendable (V, V) -> V) -> KTable<K, V> {
        var m = materialized ?? Materialized()
        m.valueSerde = m.valueSerde ?? valueSerde
        return aggregateNode(prefix: "KTABLE-REDUCE-", named: named, materialized: m,
                             add: { _, value, current in current.map { adder($0, value) } ?? value },
                             subtract: { _, value, current in subtractor(current, value) })
    }

    public func aggregate<VA>(_ materialized: Materialized<K, VA>? = nil, named: Named? = nil,
                              initializer: @escaping @Sendable () -> VA,
                              adder: @escaping @Sendable (K, V, VA) -> VA,
                              subtractor: @escaping @Sendable (K, V, VA) -> VA) -> KTable<K, VA> {
        aggregateNode(prefix: "KTABLE-AGGREGATE-", named: named, materialized: materialized ?? Materialized(),
                      add: { key, value, current in adder(key, value, current ?? initializer()) }, subtract: subtractor)
    }

    private func aggregateNode<VA>(prefix: String, named: Named?, materialized: Materialized<K, VA>,
                                   add: @escaping @Sendable (K, V, VA?) -> VA,
                                   subtract: @escaping @Sendable (K, V, VA) -> VA) -> KTable<K, VA> {
        let storeName = materialized.storeName ?? builder.newStoreName(prefix: prefix)
        let sinkName = named.suffixed("-sink", builder, prefix: "KSTREAM-SINK-")
        let sourceName = named.suffixed("-source", builder, prefix: "KSTREAM-SOURCE-")
        let name = named.orGenerate(builder, prefix: prefix)
        let topic = (repartitionName ?? storeName) + "-repartition"
        guard let keySerde = materialized.keySerde ?? keySerde, let aggregateSerde = materialized.valueSerde,
              let valueSerde else {
            builder.fail("The aggregation \(name) needs key, value and aggregate serdes: pass them in Grouped and Materialized.")
            return KTable(builder: builder, name: name, keySerde: nil, valueSerde: nil, storeName: storeName,
                          materialize: { storeName }, enableOldValues: {})
        }
        var source = sourceName
        if repartitionName != nil, let shared = namedRepartition.value {
            source = shared
        } else {
            builder.graph.addInternalTopic(InternalTopicSpec(name: topic, kind: .repartition, configs: KStream<K, V>.repartitionConfigs))
            let encodeChange = ChangeSerde.serializer(valueSerde)
            builder.graph.addSink(name: sinkName, topic: topic, parents: [parent]) { record in
                (try record.key.map { try keySerde.serialize($0 as! K) }, try record.value.map(encodeChange))
            }
            builder.graph.addSource(name: sourceName, topics: [topic]) { input, _ in
                let key = try input.key.map { try keySerde.deserialize($0) }
                let change = try input.value.map { try ChangeSerde.deserialize($0, valueSerde) }
                return AnyRecord(key: key, value: change, timestamp: input.timestamp, headers: input.headers)
            }
            namedRepartition.value = sourceName
        }
        builder.graph.addStore(materialized.aggregateSpec(name: storeName))
        let oldValues = SharedValue(false)
        builder.graph.addProcessor(name: name, parents: [source], stores: [storeName]) {
            AggregateProcessor.table(storeName: storeName, keySerde: keySerde, aggregateSerde: aggregateSerde,
                                     oldValues: oldValues, add: add, subtract: subtract)
        }
        return KTable(builder: builder, name: name, keySerde: keySerde, valueSerde: aggregateSerde,
                      storeName: materialized.storeName ?? storeName, materialize: { storeName },
                      enableOldValues: { oldValues.value = true })
    }
}
