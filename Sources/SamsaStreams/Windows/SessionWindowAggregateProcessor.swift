/// Kafka's `KStreamSessionWindowAggregate`: a record starts the session `[t, t]` and merges with every session of
/// its key within the inactivity gap (`merger` combines their aggregates). Merged-away sessions are removed and
/// forwarded as tombstones; a session that ends before stream time minus grace minus gap has closed, and a
/// record that would land there is dropped and counted.
final class SessionWindowAggregateProcessor<K, V, A>: ProcessorNode {
    private let aggregation: WindowedAggregation<K, V, A>
    private let windows: SessionWindows
    private let merger: (K, A?, A) throws -> A
    private var context: ProcessorContext!
    private var store: SessionStore!
    private var observedStreamTime = Int64.min

    init(_ aggregation: WindowedAggregation<K, V, A>, windows: SessionWindows, merger: @escaping (K, A?, A) throws -> A) {
        self.aggregation = aggregation
        self.windows = windows
        self.merger = merger
    }

    func initialize(_ context: ProcessorContext) throws {
        self.context = context
        store = try context.sessionStore(aggregation.storeName)
    }

    func process(_ record: AnyRecord) throws {
        guard let (key, value) = try aggregation.typed(record, context) else { return }
        let timestamp = record.timestamp
        observedStreamTime = max(observedStreamTime, timestamp)
        let closeTime = observedStreamTime - windows.gracePeriodMs - windows.inactivityGapMs
        let keyBytes = try aggregation.keySerde.serialize(key)

        let overlapping = try store.findSessions(keyBytes, earliestSessionEnd: timestamp - windows.inactivityGapMs,
                                                 latestSessionStart: timestamp + windows.inactivityGapMs)
        var agg = aggregation.initializer()
        var merged = Window(start: timestamp, end: timestamp)
        var mergedAggs: [(Window, A)] = []
        for session in overlapping {
            let sessionAgg = try aggregation.aggSerde.deserialize(session.value)
            mergedAggs.append((Window(start: session.start, end: session.end), sessionAgg))
            agg = try merger(key, agg, sessionAgg)
            merged = Window(start: min(merged.start, session.start), end: max(merged.end, session.end))
        }
        guard merged.end >= closeTime else { return context.recordDropped(reason: .lateRecord) }

        if merged != Window(start: timestamp, end: timestamp) {
            for (window, oldAgg) in mergedAggs {
                try store.put(keyBytes, start: window.start, end: window.end, nil)
                try aggregation.forward(context, key, window, new: nil, old: oldAgg, timestamp: window.end, record)
            }
        }
        let newAgg = try aggregation.aggregator(key, value, agg)
        try store.put(keyBytes, start: merged.start, end: merged.end, try aggregation.aggSerde.serialize(newAgg))
        // Session results carry the session's end as their timestamp, as Kafka's do.
        try aggregation.forward(context, key, merged, new: newAgg, old: nil, timestamp: merged.end, record)
    }
}
