/// Picks a record's partition (Kafka's `StreamPartitioner`): topic, key, value (nil when null), partition
/// count; nil leaves it to the default partitioner (murmur2 of the key bytes).
public typealias StreamPartitioner<K, V> = @Sendable (_ topic: String, _ key: K?, _ value: V?, _ numPartitions: Int32) -> Int32?

/// How a sink writes (Kafka's `Produced`): serdes (default: the stream's), an optional partitioner, the
/// sink's name.
public struct Produced<K, V>: Sendable {
    public var keySerde: Serde<K>?
    public var valueSerde: Serde<V>?
    public var partitioner: StreamPartitioner<K, V>?
    public var name: Named?

    public init(key: Serde<K>? = nil, value: Serde<V>? = nil, partitioner: StreamPartitioner<K, V>? = nil, name: Named? = nil) {
        self.keySerde = key
        self.valueSerde = value
        self.partitioner = partitioner
        self.name = name
    }

    public static func with(_ key: Serde<K>, _ value: Serde<V>) -> Produced { Produced(key: key, value: value) }
}

/// A `TaskContext` that knows topics' partition counts (by cluster name), for sinks with a custom partitioner.
/// The runtime's context adopts it; the test driver's answers 1.
public protocol PartitionCountProviding: TaskContext {
    func partitionCount(topic: String) throws -> Int32
}
