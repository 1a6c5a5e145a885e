/// How a sink writes (Kafka's `Produced`): serdes (default: the stream's) and the sink's name. Records go to
/// the partition Kafka's default partitioner picks (murmur2 of the key bytes).
public struct Produced<K, V>: Sendable {
    public var keySerde: Serde<K>?
    public var valueSerde: Serde<V>?
    public var name: Named?

    public init(key: Serde<K>? = nil, value: Serde<V>? = nil, name: Named? = nil) {
        self.keySerde = key
        self.valueSerde = value
        self.name = name
    }

    public static func with(_ key: Serde<K>, _ value: Serde<V>) -> Produced { Produced(key: key, value: value) }
}
