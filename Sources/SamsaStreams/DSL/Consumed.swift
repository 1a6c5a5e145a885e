/// Where to start when a source has no committed offset (`auto.offset.reset`).
public enum OffsetReset: String, Sendable, Equatable {
    case earliest, latest
}

/// Gives a record's event time; the default takes the record's own timestamp (Kafka's
/// `FailOnInvalidTimestamp` behaviour for valid timestamps). Arguments: the typed key and value (nil when
/// null), the record's timestamp, and the partition time (largest timestamp seen so far).
public typealias TimestampExtractor<K, V> = @Sendable (_ key: K?, _ value: V?, _ recordTimestamp: Int64,
                                                        _ partitionTime: Int64) -> Int64

/// How a source reads its topic (Kafka's `Consumed`): serdes, timestamp extractor, offset reset, name.
public struct Consumed<K, V>: Sendable {
    public var keySerde: Serde<K>
    public var valueSerde: Serde<V>
    public var timestampExtractor: TimestampExtractor<K, V>?
    public var offsetReset: OffsetReset?
    public var name: Named?

    public init(key: Serde<K>, value: Serde<V>, timestampExtractor: TimestampExtractor<K, V>? = nil,
                offsetReset: OffsetReset? = nil, name: Named? = nil) {
        self.keySerde = key
        self.valueSerde = value
        self.timestampExtractor = timestampExtractor
        self.offsetReset = offsetReset
        self.name = name
    }

    public static func with(_ key: Serde<K>, _ value: Serde<V>) -> Consumed { Consumed(key: key, value: value) }
}
