/// What every windowed aggregate processor is given: its store, the key and aggregate serdes, and the fold.
/// The initializer gives nil only for a reduce, whose first value becomes the aggregate.
struct WindowedAggregation<K, V, A> {
    let storeName: String
    let keySerde: Serde<K>
    let aggSerde: Serde<A>
    let initializer: () -> A?
    let aggregator: (K, V, A?) throws -> A

    /// The record's typed key and value, or nil after counting a null key or value as dropped (Kafka's docs:
    /// windowed aggregations ignore records with a null key or value).
    func typed(_ record: AnyRecord, _ context: ProcessorContext) throws -> (key: K, value: V)? {
        guard let key = record.key else {
            context.recordDropped(reason: .nullKey)
            return nil
        }
        guard let value = record.value else {
            context.recordDropped(reason: .nullValue)
            return nil
        }
        return (try cast(key, "key"), try cast(value, "value"))
    }

    /// Forwards a windowed table update: `Windowed<K>` → `Change(new, old)`.
    func forward(_ context: ProcessorContext, _ key: K, _ window: Window, new: A?, old: A?, timestamp: Int64,
                 _ record: AnyRecord) throws {
        try context.forward(AnyRecord(key: Windowed(key: key, window: window), value: Change(new: new, old: old),
                                      timestamp: timestamp, headers: record.headers))
    }
}
