/// A table every instance holds in full (Kafka's `GlobalKTable`), kept up to date by the global task from
/// all partitions of its topic; stream-globalTable joins look keys up in `storeName`.
public struct GlobalKTable<K, V> {
    package let builder: StreamsBuilder
    public let storeName: String
    package let keySerde: Serde<K>
    package let valueSerde: Serde<V>
}
