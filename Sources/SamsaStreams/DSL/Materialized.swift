/// How a table's state store is made (Kafka's `Materialized`): its name (queryable, and the changelog
/// `<application.id>-<name>-changelog`), serdes, changelog on/off with topic configs, RocksDB or memory, and
/// for window stores the retention, and whether an aggregation's store sits behind the record cache (on by
/// default, as in Kafka; `cache.max.bytes.buffering=0` turns every cache off).
public struct Materialized<K, V>: Sendable {
    public var storeName: String?
    public var keySerde: Serde<K>?
    public var valueSerde: Serde<V>?
    public var loggingEnabled: Bool
    public var changelogConfigs: [String: String]
    /// RocksDB (true) or in memory.
    public var persistent: Bool
    /// Window and session stores keep this long (nil: the windows' size plus grace, or one day).
    public var retentionMs: Int64?
    /// Kafka's `withCachingEnabled` / `withCachingDisabled`: aggregations forward and log on cache flush.
    public var cachingEnabled = true

    public init(storeName: String? = nil, key: Serde<K>? = nil, value: Serde<V>? = nil, loggingEnabled: Bool = true,
                changelogConfigs: [String: String] = [:], persistent: Bool = true, retentionMs: Int64? = nil) {
        self.storeName = storeName
        self.keySerde = key
        self.valueSerde = value
        self.loggingEnabled = loggingEnabled
        self.changelogConfigs = changelogConfigs
        self.persistent = persistent
        self.retentionMs = retentionMs
    }

    public static func `as`(_ storeName: String, key: Serde<K>? = nil, value: Serde<V>? = nil) -> Materialized {
        Materialized(storeName: storeName, key: key, value: value)
    }

    public static func with(_ key: Serde<K>?, _ value: Serde<V>?) -> Materialized { Materialized(key: key, value: value) }

    public func withLoggingDisabled() -> Materialized {
        var copy = self
        copy.loggingEnabled = false
        return copy
    }

    public func withLoggingEnabled(_ configs: [String: String]) -> Materialized {
        var copy = self
        copy.loggingEnabled = true
        copy.changelogConfigs = configs
        return copy
    }

    public func inMemory() -> Materialized {
        var copy = self
        copy.persistent = false
        return copy
    }

    public func withCachingEnabled() -> Materialized {
        var copy = self
        copy.cachingEnabled = true
        return copy
    }

    public func withCachingDisabled() -> Materialized {
        var copy = self
        copy.cachingEnabled = false
        return copy
    }

    public func withRetention(ms: Int64) -> Materialized {
        var copy = self
        copy.retentionMs = ms
        return copy
    }

    /// The store spec for a key-value store of this name.
    package func keyValueSpec(name: String) -> StoreSpec {
        StoreSpec(name: name, kind: .keyValue, loggingEnabled: loggingEnabled, persistent: persistent,
                  changelogConfigs: changelogConfigs)
    }

    /// The store spec for an aggregation's key-value store: cached unless `withCachingDisabled`.
    package func aggregateSpec(name: String) -> StoreSpec {
        var spec = keyValueSpec(name: name)
        spec.cachingEnabled = cachingEnabled
        return spec
    }
}
