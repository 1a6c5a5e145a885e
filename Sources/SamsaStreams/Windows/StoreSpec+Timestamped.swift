extension StoreSpec {
    /// Whether the store's values are Kafka's `ValueAndTimestamp` layout (8-byte timestamp, then the value), as
    /// the window stores of time and sliding windowed aggregations are (Kafka's `TimestampedWindowStore`).
    /// Join window stores (which keep duplicates), session stores, key-value stores and window stores a user
    /// adds with `addStateStore` hold plain values. Interactive queries strip the timestamp
    /// (`ValueAndTimestamp.decode`), as Kafka's window-store facade does; the changelog of such a store carries
    /// the plain value with the timestamp as the record's (`ChangeLoggingWindowStore(timestamped:)`).
    public var holdsTimestampedValues: Bool {
        guard timestamped, case .window(_, _, let retainDuplicates) = kind else { return false }
        return !retainDuplicates
    }
}
