/// Kafka's `KStreamWindowAggregate`: adds each record to every time window containing its timestamp, unless the
/// window has closed (its end is at or before stream time minus grace), in which case the record is dropped and
/// counted; records with a null key or value are skipped (as Kafka's docs say). Forwards `Windowed<K>` → `Change(new, old)` with the window's largest record timestamp.
final class WindowAggregateProcessor<K, V, A>: ProcessorNode {
    private let storeName: String
    private let windows: TimeWindows
    private let keySerde: Serde<K>
    private let aggSerde: Serde<A>
    private let initializer: () -> A?
    private let aggregator: (K, V, A?) throws -> A
    private var context: ProcessorContext!
    private var store: WindowStore!
    /// Kafka keeps the observed stream time per processor: the largest timestamp that reached it.
    private var observedStreamTime = Int64.min

    init(storeName: String, windows: TimeWindows, keySerde: Serde<K>, aggSerde: Serde<A>,
         initializer: @escaping () -> A?, aggregator: @escaping (K, V, A?) throws -> A) {
        self.storeName = storeName
        self.windows = windows
        self.keySerde = keySerde
        self.aggSerde = aggSerde
        self.initializer = initializer
        self.aggregator = aggregator
    }

    func initialize(_ context: ProcessorContext) throws {
        self.context = context
        store = try context.windowStore(storeName)
    }

    func process(_ record: AnyRecord) throws {
        guard let rawKey = record.key else { return context.recordDropped(reason: .nullKey) }
        let key: K = try cast(rawKey, "key")
        guard let rawValue = record.value else { return context.recordDropped(reason: .nullValue) }
        let value: V = try cast(rawValue, "value")
        observedStreamTime = max(observedStreamTime, record.timestamp)
        let closeTime = observedStreamTime - windows.gracePeriodMs
        let keyBytes = try keySerde.serialize(key)
        for window in windows.windowsFor(record.timestamp) {
            guard window.end > closeTime else {
                context.recordDropped(reason: .lateRecord)
                continue
            }
            let stored = try store.fetch(keyBytes, windowStart: window.start).map(TimestampedBytes.decode)
            let oldAgg = try stored.map { try aggSerde.deserialize($0.value) }
            let newTimestamp = stored.map { max($0.timestamp, record.timestamp) } ?? record.timestamp
            let newAgg = try aggregator(key, value, oldAgg ?? initializer())
            try store.put(keyBytes, TimestampedBytes.encode(try aggSerde.serialize(newAgg), timestamp: newTimestamp),
                          windowStart: window.start)
            try context.forward(AnyRecord(key: Windowed(key: key, window: window),
                                          value: Change(new: newAgg, old: oldAgg),
                                          timestamp: newTimestamp, headers: record.headers))
        }
    }
}
