/// A grouped stream windowed by time or sliding windows (Kafka's `TimeWindowedKStream`): count, reduce and
/// aggregate per key and window into a `KTable<Windowed<K>, V>` backed by a window store.
public struct TimeWindowedKStream<K, V> {
    enum Definition: Sendable {
        case time(TimeWindows)
        case sliding(SlidingWindows)
    }

    let grouped: KGroupedStream<K, V>
    let definition: Definition

    /// Counts records per key and window (Long values).
    public func count(_ materialized: Materialized<K, Int64>? = nil, named: Named? = nil) -> KTable<Windowed<K>, Int64> {
        var m = materialized ?? Materialized()
        m.valueSerde = m.valueSerde ?? Serdes.long
        return build(prefix: "KSTREAM-AGGREGATE-", named: named, materialized: m, initializer: { 0 }) { _, _, count in (count ?? 0) + 1 }
    }

    /// Combines the values of a key's window with `reducer`; the first value starts the aggregate.
    public func reduce(_ materialized: Materialized<K, V>? = nil, named: Named? = nil,
                       _ reducer: @escaping @Sendable (V, V) -> V) -> KTable<Windowed<K>, V> {
        var m = materialized ?? Materialized()
        m.valueSerde = m.valueSerde ?? grouped.valueSerde
        return build(prefix: "KSTREAM-REDUCE-", named: named, materialized: m, initializer: { nil }) { _, value, current in
            current.map { reducer($0, value) } ?? value
        }
    }

    /// Folds the values of a key's window into an aggregate that starts at `initializer()`.
    public func aggregate<VA>(_ materialized: Materialized<K, VA>? = nil, named: Named? = nil,
                              initializer: @escaping @Sendable () -> VA,
                              aggregator: @escaping @Sendable (K, V, VA) -> VA) -> KTable<Windowed<K>, VA> {
        build(prefix: "KSTREAM-AGGREGATE-", named: named, materialized: materialized ?? Materialized(),
              initializer: { initializer() }) { key, value, current in aggregator(key, value, current ?? initializer()) }
    }

    private var builder: StreamsBuilder { grouped.builder }

    /// The window store's size, grace and the smallest retention Kafka accepts.
    private var shape: (sizeMs: Int64, graceMs: Int64, minRetentionMs: Int64) {
        switch definition {
        case .time(let w): return (w.sizeMs, w.gracePeriodMs, w.sizeMs + w.gracePeriodMs)
        case .sliding(let w): return (w.timeDifferenceMs, w.gracePeriodMs, 2 * w.timeDifferenceMs + w.gracePeriodMs)
        }
    }

    private func build<VA>(prefix: String, named: Named?, materialized: Materialized<K, VA>,
                           initializer: @escaping @Sendable () -> VA?,
                           fold: @escaping @Sendable (K, V, VA?) -> VA) -> KTable<Windowed<K>, VA> {
        let storeName = materialized.storeName ?? builder.newStoreName(prefix: prefix)
        let name = named.orGenerate(builder, prefix: prefix)
        let input = grouped.aggregationInput(storeName: storeName)
        let (sizeMs, graceMs, minRetention) = shape
        let retention = materialized.retentionMs ?? minRetention
        guard let keySerde = materialized.keySerde ?? grouped.keySerde, let aggSerde = materialized.valueSerde else {
            builder.fail("The windowed aggregation \(name) needs a key and a value serde for its store \(storeName): pass them in Materialized.")
            return failedTable(name: name, storeName: storeName)
        }
        if retention < minRetention {
            switch definition {
            case .time:
                builder.fail("The retention period of the window store \(storeName) must be no smaller than its window size plus the grace period. Got size=[\(sizeMs)], grace=[\(graceMs)], retention=[\(retention)]")
            case .sliding:
                builder.fail("The retention period of the window store \(storeName) must be no smaller than 2 * time difference plus the grace period. Got time difference=[\(sizeMs)], grace=[\(graceMs)], retention=[\(retention)]")
            }
        }
        builder.graph.addStore(StoreSpec(name: storeName, kind: .window(sizeMs: sizeMs, retentionMs: retention, retainDuplicates: false),
                                         loggingEnabled: materialized.loggingEnabled, persistent: materialized.persistent,
                                         changelogConfigs: materialized.changelogConfigs, timestamped: true))
        if case .time = definition, materialized.cachingEnabled { builder.graph.enableCaching(storeName) }
        let definition = self.definition
        builder.graph.addProcessor(name: name, parents: [input.name], stores: [storeName]) {
            let aggregation = WindowedAggregation<K, V, VA>(storeName: storeName, keySerde: keySerde, aggSerde: aggSerde,
                                                            initializer: initializer, aggregator: fold)
            switch definition {
            case .time(let windows): return WindowAggregateProcessor(aggregation, windows: windows)
            case .sliding(let windows): return SlidingWindowAggregateProcessor(aggregation, windows: windows)
            }
        }
        builder.graph.windowGraces[name] = graceMs
        return KTable(builder: builder, name: name, keySerde: WindowedSerdes.timeWindowed(keySerde, windowSizeMs: sizeMs),
                      valueSerde: aggSerde, storeName: storeName, materialize: { storeName }, enableOldValues: {})
    }

    private func failedTable<VA>(name: String, storeName: String) -> KTable<Windowed<K>, VA> {
        KTable(builder: builder, name: name, keySerde: nil, valueSerde: nil, storeName: storeName,
               materialize: { storeName }, enableOldValues: {})
    }
}

extension KGroupedStream {
    /// Aggregates per tumbling or hopping time window.
    public func windowedBy(_ windows: TimeWindows) -> TimeWindowedKStream<K, V> {
        TimeWindowedKStream(grouped: self, definition: .time(windows))
    }

    /// Aggregates per sliding window.
    public func windowedBy(_ windows: SlidingWindows) -> TimeWindowedKStream<K, V> {
        TimeWindowedKStream(grouped: self, definition: .sliding(windows))
    }

    /// Aggregates per session of activity.
    public func windowedBy(_ windows: SessionWindows) -> SessionWindowedKStream<K, V> {
        SessionWindowedKStream(grouped: self, windows: windows)
    }
}
