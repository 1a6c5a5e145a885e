/// Kafka's `KStreamWindowAggregate`: adds each record to every time window containing its timestamp, unless the
/// window has closed (its end is at or before stream time minus grace), in which case the record is dropped and
/// counted once per closed window. Forwards each updated window with its largest record timestamp; the store
/// keeps Kafka's timestamped layout (8-byte timestamp, then the aggregate).
final class WindowAggregateProcessor<K, V, A>: ProcessorNode {
    private let aggregation: WindowedAggregation<K, V, A>
    private let windows: TimeWindows
    private var context: ProcessorContext!
    private var store: WindowStore!
    /// The store behind the record cache: updated windows are forwarded when the cache flushes them.
    private var caching: CachingWindowStore?
    /// Kafka keeps the observed stream time per processor: the largest timestamp that reached it.
    private var observedStreamTime = Int64.min

    init(_ aggregation: WindowedAggregation<K, V, A>, windows: TimeWindows) {
        self.aggregation = aggregation
        self.windows = windows
    }

    func initialize(_ context: ProcessorContext) throws {
        self.context = context
        store = try context.windowStore(aggregation.storeName)
        caching = store as? CachingWindowStore
        let (aggregation, sizeMs) = (aggregation, windows.sizeMs)
        // Kafka's TimestampedCacheFlushListener: the window's aggregate with its own timestamp and headers.
        caching?.setFlushListener { [unowned self] entry, start in
            let new = try entry.newValue.map(ValueAndTimestamp.decode)
            let old = try entry.oldValue.map(ValueAndTimestamp.decode)
            try aggregation.forward(self.context, try aggregation.keySerde.deserialize(entry.key), Window(start: start, end: start + sizeMs),
                                    new: try new.map { try aggregation.aggSerde.deserialize($0.value) },
                                    old: try old.map { try aggregation.aggSerde.deserialize($0.value) },
                                    timestamp: new?.timestamp ?? entry.timestamp,
                                    AnyRecord(key: nil, value: nil, timestamp: entry.timestamp, headers: entry.headers))
        }
    }

    func process(_ record: AnyRecord) throws {
        guard let (key, value) = try aggregation.typed(record, context) else { return }
        observedStreamTime = max(observedStreamTime, record.timestamp)
        let closeTime = observedStreamTime - windows.gracePeriodMs
        let keyBytes = try aggregation.keySerde.serialize(key)
        for window in windows.windowsFor(record.timestamp) {
            guard window.end > closeTime else {
                context.recordDropped(reason: .lateRecord)
                continue
            }
            let stored = try store.fetch(keyBytes, windowStart: window.start).map(ValueAndTimestamp.decode)
            let oldAgg = try stored.map { try aggregation.aggSerde.deserialize($0.value) }
            let newTimestamp = stored.map { max($0.timestamp, record.timestamp) } ?? record.timestamp
            let newAgg = try aggregation.aggregator(key, value, oldAgg ?? aggregation.initializer())
            let encoded = ValueAndTimestamp.encode(try aggregation.aggSerde.serialize(newAgg), timestamp: newTimestamp)
            if let caching {
                try caching.put(keyBytes, encoded, windowStart: window.start, timestamp: record.timestamp, headers: record.headers)
                continue
            }
            try store.put(keyBytes, encoded, windowStart: window.start)
            try aggregation.forward(context, key, window, new: newAgg, old: oldAgg, timestamp: newTimestamp, record)
        }
    }
}
