/// How a grouping repartitions (Kafka's `Grouped`): the repartition topic's name (`<name>-repartition`) and
/// serdes for the records written to it (default: the stream's).
public struct Grouped<K, V>: Sendable {
    public var name: String?
    public var keySerde: Serde<K>?
    public var valueSerde: Serde<V>?

    public init(name: String? = nil, key: Serde<K>? = nil, value: Serde<V>? = nil) {
        self.name = name
        self.keySerde = key
        self.valueSerde = value
    }

    public static func `as`(_ name: String) -> Grouped { Grouped(name: name) }
    public static func with(_ key: Serde<K>, _ value: Serde<V>) -> Grouped { Grouped(key: key, value: value) }
}
