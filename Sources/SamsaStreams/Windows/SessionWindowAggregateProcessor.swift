/// Kafka's `KStreamSessionWindowAggregate`: a record starts the session `[t, t]` and merges with every session of
/// its key within the inactivity gap (`merger` combines their aggregates). Merged-away sessions are removed and
/// forwarded as tombstones; a session that ends before stream time minus grace minus gap has closed, and a
/// record that would land there is dropped and counted.
final class SessionWindowAggregateProcessor<K, V, A>: ProcessorNode {
    private let storeName: String
    private let windows: SessionWindows
    private let keySerde: Serde<K>
    private let aggSerde: Serde<A>
    private let initializer: () -> A?
    private let aggregator: (K, V, A?) throws -> A
    private let merger: (K, A?, A) throws -> A
    private var context: ProcessorContext!
    private var store: SessionStore!
    private var observedStreamTime = Int64.min

    init(storeName: String, windows: SessionWindows, keySerde: Serde<K>, aggSerde: Serde<A>,
         initializer: @escaping () -> A?, aggregator: @escaping (K, V, A?) throws -> A,
         merger: @escaping (K, A?, A) throws -> A) {
        self.storeName = storeName
        self.windows = windows
        self.keySerde = keySerde
        self.aggSerde = aggSerde
        self.initializer = initializer
        self.aggregator = aggregator
        self.merger = merger
    }

    func initialize(_ context: ProcessorContext) throws {
        self.context = context
        store = try context.sessionStore(storeName)
    }

    func process(_ record: AnyRecord) throws {
        guard let rawKey = record.key else { return context.recordDropped(reason: .nullKey) }
        guard let rawValue = record.value else { return context.recordDropped(reason: .nullValue) }
        let key: K = try cast(rawKey, "key")
        let value: V = try cast(rawValue, "value")
        let timestamp = record.timestamp
        observedStreamTime = max(observedStreamTime, timestamp)
        let closeTime = observedStreamTime - windows.gracePeriodMs - windows.inactivityGapMs
        let keyBytes = try keySerde.serialize(key)

        let overlapping = try store.findSessions(keyBytes, earliestSessionEnd: timestamp - windows.inactivityGapMs,
                                                 latestSessionStart: timestamp + windows.inactivityGapMs)
        var agg = initializer()
        var merged = Window(start: timestamp, end: timestamp)
        var mergedAggs: [(Window, A)] = []
        for session in overlapping {
            let sessionAgg = try aggSerde.deserialize(session.value)
            mergedAggs.append((Window(start: session.start, end: session.end), sessionAgg))
            agg = try merger(key, agg, sessionAgg)
            merged = Window(start: min(merged.start, session.start), end: max(merged.end, session.end))
        }
        guard merged.end >= closeTime else { return context.recordDropped(reason: .lateRecord) }

        if merged != Window(start: timestamp, end: timestamp) {
            for (window, oldAgg) in mergedAggs {
                try store.put(keyBytes, start: window.start, end: window.end, nil)
                try forward(key, window, new: nil, old: oldAgg, record)
            }
        }
        let newAgg = try aggregator(key, value, agg)
        try store.put(keyBytes, start: merged.start, end: merged.end, try aggSerde.serialize(newAgg))
        try forward(key, merged, new: newAgg, old: nil, record)
    }

    /// Session results carry the session's end as their timestamp, as Kafka's do.
    private func forward(_ key: K, _ window: Window, new: A?, old: A?, _ record: AnyRecord) throws {
        try context.forward(AnyRecord(key: Windowed(key: key, window: window), value: Change(new: new, old: old),
                                      timestamp: window.end, headers: record.headers))
    }
}
