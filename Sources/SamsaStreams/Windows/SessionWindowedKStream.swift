/// A grouped stream windowed by sessions (Kafka's `SessionWindowedKStream`): count, reduce and aggregate per key
/// and session into a `KTable<Windowed<K>, V>` backed by a session store; merged sessions are retracted.
public struct SessionWindowedKStream<K, V> {
    let grouped: KGroupedStream<K, V>
    let windows: SessionWindows

    public func count(_ materialized: Materialized<K, Int64>? = nil, named: Named? = nil) -> KTable<Windowed<K>, Int64> {
        var m = materialized ?? Materialized()
        m.valueSerde = m.valueSerde ?? Serdes.long
        return build(prefix: "KSTREAM-AGGREGATE-", named: named, materialized: m, initializer: { 0 },
                     aggregator: { _, _, count in (count ?? 0) + 1 }, merger: { _, a, b in (a ?? 0) + b })
    }

    public func reduce(_ materialized: Materialized<K, V>? = nil, named: Named? = nil,
                       _ reducer: @escaping @Sendable (V, V) -> V) -> KTable<Windowed<K>, V> {
        var m = materialized ?? Materialized()
        m.valueSerde = m.valueSerde ?? grouped.valueSerde
        return build(prefix: "KSTREAM-REDUCE-", named: named, materialized: m, initializer: { nil },
                     aggregator: { _, value, current in current.map { reducer($0, value) } ?? value },
                     merger: { _, a, b in a.map { reducer($0, b) } ?? b })
    }

    /// Folds a session's values; `merger` combines two sessions' aggregates when a record bridges them.
    public func aggregate<VA>(_ materialized: Materialized<K, VA>? = nil, named: Named? = nil,
                              initializer: @escaping @Sendable () -> VA,
                              aggregator: @escaping @Sendable (K, V, VA) -> VA,
                              merger: @escaping @Sendable (K, VA, VA) -> VA) -> KTable<Windowed<K>, VA> {
        build(prefix: "KSTREAM-AGGREGATE-", named: named, materialized: materialized ?? Materialized(), initializer: { initializer() },
              aggregator: { key, value, current in aggregator(key, value, current ?? initializer()) },
              merger: { key, a, b in merger(key, a ?? initializer(), b) })
    }

    private var builder: StreamsBuilder { grouped.builder }

    private func build<VA>(prefix: String, named: Named?, materialized: Materialized<K, VA>,
                           initializer: @escaping @Sendable () -> VA?,
                           aggregator: @escaping @Sendable (K, V, VA?) -> VA,
                           merger: @escaping @Sendable (K, VA?, VA) -> VA) -> KTable<Windowed<K>, VA> {
        let storeName = materialized.storeName ?? builder.newStoreName(prefix: prefix)
        let name = named.orGenerate(builder, prefix: prefix)
        let input = grouped.aggregationInput(storeName: storeName)
        let minRetention = windows.inactivityGapMs + windows.gracePeriodMs
        let retention = materialized.retentionMs ?? minRetention
        guard let keySerde = materialized.keySerde ?? grouped.keySerde, let aggSerde = materialized.valueSerde else {
            builder.fail("The session aggregation \(name) needs a key and a value serde for its store \(storeName): pass them in Materialized.")
            return KTable(builder: builder, name: name, keySerde: nil, valueSerde: nil, storeName: storeName,
                          materialize: { storeName }, enableOldValues: {})
        }
        if retention < minRetention {
            builder.fail("The retention period of the session store \(storeName) must be no smaller than the session inactivity gap plus the grace period. Got gap=[\(windows.inactivityGapMs)], grace=[\(windows.gracePeriodMs)], retention=[\(retention)]")
        }
        builder.graph.addStore(StoreSpec(name: storeName, kind: .session(retentionMs: retention),
                                         loggingEnabled: materialized.loggingEnabled, persistent: materialized.persistent,
                                         changelogConfigs: materialized.changelogConfigs))
        let windows = self.windows
        builder.graph.addProcessor(name: name, parents: [input.name], stores: [storeName]) {
            SessionWindowAggregateProcessor(WindowedAggregation(storeName: storeName, keySerde: keySerde, aggSerde: aggSerde,
                                                                initializer: initializer, aggregator: aggregator),
                                            windows: windows, merger: merger)
        }
        // A session can still grow until stream time passes its end plus the gap plus grace (Kafka's search adds the gap).
        builder.graph.windowGraces[name] = windows.gracePeriodMs + windows.inactivityGapMs
        return KTable(builder: builder, name: name, keySerde: WindowedSerdes.sessionWindowed(keySerde), valueSerde: aggSerde,
                      storeName: storeName, materialize: { storeName }, enableOldValues: {})
    }
}
