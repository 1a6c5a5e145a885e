/// Names and serdes of a stream-stream join (Kafka's `StreamJoined`): `name` names the processors
/// (`<name>-this-windowed`, `<name>-this-join`, …) and repartition topics, `storeName` the window stores
/// (`<storeName>-this-join-store`, `<storeName>-other-join-store`, `<storeName>-left-shared-join-store`).
public struct StreamJoined<K, V, VO>: Sendable {
    public var name: String?
    public var storeName: String?
    public var keySerde: Serde<K>?
    public var valueSerde: Serde<V>?
    public var otherValueSerde: Serde<VO>?
    public var loggingEnabled = true
    public var changelogConfigs: [String: String] = [:]
    /// RocksDB (true) or in-memory window stores.
    public var persistent = true

    public init(name: String? = nil, storeName: String? = nil, key: Serde<K>? = nil, value: Serde<V>? = nil,
                otherValue: Serde<VO>? = nil) {
        self.name = name
        self.storeName = storeName
        self.keySerde = key
        self.valueSerde = value
        self.otherValueSerde = otherValue
    }

    public static func with(_ key: Serde<K>?, _ value: Serde<V>?, _ otherValue: Serde<VO>?) -> StreamJoined {
        StreamJoined(key: key, value: value, otherValue: otherValue)
    }

    public func withName(_ name: String) -> StreamJoined { with { $0.name = name } }
    public func withStoreName(_ storeName: String) -> StreamJoined { with { $0.storeName = storeName } }
    public func withLoggingDisabled() -> StreamJoined { with { $0.loggingEnabled = false } }
    public func withLoggingEnabled(_ configs: [String: String]) -> StreamJoined {
        with { $0.loggingEnabled = true; $0.changelogConfigs = configs }
    }
    public func inMemory() -> StreamJoined { with { $0.persistent = false } }

    private func with(_ change: (inout StreamJoined) -> Void) -> StreamJoined {
        var copy = self
        change(&copy)
        return copy
    }
}

/// Names and serdes of a stream-table join (Kafka's `Joined`): `name` names the join processor and the
/// repartition topic `<name>-repartition` when the stream's key changed.
public struct Joined<K, V, VO>: Sendable {
    public var name: String?
    public var keySerde: Serde<K>?
    public var valueSerde: Serde<V>?
    public var otherValueSerde: Serde<VO>?

    public init(name: String? = nil, key: Serde<K>? = nil, value: Serde<V>? = nil, otherValue: Serde<VO>? = nil) {
        self.name = name
        self.keySerde = key
        self.valueSerde = value
        self.otherValueSerde = otherValue
    }

    public static func with(_ key: Serde<K>?, _ value: Serde<V>?, _ otherValue: Serde<VO>?) -> Joined {
        Joined(key: key, value: value, otherValue: otherValue)
    }

    public static func `as`(_ name: String) -> Joined { Joined(name: name) }
}
