/// How a join reads the current value of a table it does not process (Kafka's `KTableValueGetter`): given the
/// node's context at initialization, a function from key to the table's value and timestamp (nil: absent).
public typealias TableLookupFactory = (ProcessorContext) throws -> (Any) throws -> (value: Any, timestamp: Int64)?

public enum TableLookup {
    /// Reads a materialized table's key-value store, whose values are Kafka's timestamped layout
    /// (8-byte timestamp, then the value's bytes).
    public static func timestampedStore<K, V>(_ storeName: String, keySerde: Serde<K>, valueSerde: Serde<V>) -> TableLookupFactory {
        { context in
            let store = try context.keyValueStore(storeName)
            return { key in
                guard let bytes = try store.get(try keySerde.serialize(try cast(key, "table key"))) else { return nil }
                let decoded = try TimestampedBytes.decode(bytes)
                return (try valueSerde.deserialize(decoded.value), decoded.timestamp)
            }
        }
    }
}
