/// An explicit repartition (Kafka's `Repartitioned`): topic name (`<name>-repartition`), partition count
/// (nil: as the upstream sources), serdes.
public struct Repartitioned<K, V>: Sendable {
    public var name: String?
    public var partitions: Int32?
    public var keySerde: Serde<K>?
    public var valueSerde: Serde<V>?

    public init(name: String? = nil, partitions: Int32? = nil, key: Serde<K>? = nil, value: Serde<V>? = nil) {
        self.name = name
        self.partitions = partitions
        self.keySerde = key
        self.valueSerde = value
    }

    public static func `as`(_ name: String) -> Repartitioned { Repartitioned(name: name) }
}
