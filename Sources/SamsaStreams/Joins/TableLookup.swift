/// How a join reads the current value of a table it does not process (Kafka's `KTableValueGetter`): given the
/// node's context at initialization, a function from key to the table's value (nil: absent) and, when the
/// store keeps it, the value's timestamp.
typealias TableLookupFactory = @Sendable (ProcessorContext) throws -> (Any) throws -> (value: Any, timestamp: Int64?)?

enum TableLookup {
    /// Reads a materialized table's key-value store, whose values are the value serde's bytes.
    static func store<K, V>(_ storeName: String, keySerde: Serde<K>, valueSerde: Serde<V>) -> TableLookupFactory {
        { context in
            let store = try context.keyValueStore(storeName)
            return { key in
                guard let bytes = try store.get(try keySerde.serialize(try cast(key, "table key"))) else { return nil }
                return (try valueSerde.deserialize(bytes), nil)
            }
        }
    }
}
