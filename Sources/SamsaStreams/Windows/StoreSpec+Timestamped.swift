extension StoreSpec {
    /// Whether the store's values are Kafka's `ValueAndTimestamp` layout (8-byte timestamp, then the value), as
    /// the window stores of time and sliding windowed aggregations are (Kafka's `TimestampedWindowStore`).
    /// Join window stores (which keep duplicates), session stores and key-value stores hold plain values.
    /// Interactive queries strip the timestamp (`ValueAndTimestamp.decode`), as Kafka's window-store facade
    /// does; Kafka's changelog of such a store carries the plain value with the timestamp as the record's.
    public var holdsTimestampedValues: Bool {
        if case .window(_, _, let retainDuplicates) = kind { return !retainDuplicates }
        return false
    }
}
