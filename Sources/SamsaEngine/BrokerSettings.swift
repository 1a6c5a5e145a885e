import SamsaStorage

/// Where a configuration value came from, numbered as DescribeConfigs reports it.
public enum ConfigSource: Int8, Sendable {
    case topic = 1                  // DYNAMIC_TOPIC_CONFIG: set on the topic
    case dynamicBroker = 2          // DYNAMIC_BROKER_CONFIG: set on this broker at run time
    case dynamicDefaultBroker = 3   // DYNAMIC_DEFAULT_BROKER_CONFIG: set for every broker at run time
    case staticBroker = 4           // STATIC_BROKER_CONFIG: server.properties or a command-line flag
    case defaultValue = 5           // DEFAULT_CONFIG
}

/// A resolved configuration value, with the chain of places that could have set it.
public struct ConfigEntry: Sendable, Equatable {
    public struct Synonym: Sendable, Equatable {
        public var name: String
        public var value: String
        public var source: ConfigSource
    }

    public var name: String
    public var value: String
    public var source: ConfigSource
    public var kind: ConfigDefinition.Kind
    public var documentation: String
    public var synonyms: [Synonym]
    public var readOnly: Bool
}

/// Broker settings in Kafka's layers, highest first: dynamic per-broker, dynamic cluster default (both set
/// at run time and kept in the cluster metadata), static (server.properties or flags), Kafka's defaults.
/// Topic configs fall back to these through each topic key's broker synonyms.
public struct BrokerSettings: Sendable, Equatable {
    /// Static: server.properties and flags.
    public var explicit: [String: String]
    /// DYNAMIC_DEFAULT_BROKER_CONFIG: `--entity-default` values.
    public var dynamicDefault: [String: String] = [:]
    /// DYNAMIC_BROKER_CONFIG: values set on one broker.
    public var dynamicBroker: [String: String] = [:]

    public init(_ explicit: [String: String] = [:]) {
        self.explicit = explicit
    }

    /// These settings under the given dynamic layers.
    public func layered(dynamicDefault: [String: String], dynamicBroker: [String: String] = [:]) -> BrokerSettings {
        var settings = self
        settings.dynamicDefault = dynamicDefault
        settings.dynamicBroker = dynamicBroker
        return settings
    }

    /// The layers above Kafka's defaults, highest first.
    var layers: [(values: [String: String], source: ConfigSource)] {
        [(dynamicBroker, .dynamicBroker), (dynamicDefault, .dynamicDefaultBroker), (explicit, .staticBroker)]
    }

    public func value(_ key: String) -> String {
        dynamicBroker[key] ?? dynamicDefault[key] ?? explicit[key] ?? BrokerConfigs.definition(key)?.defaultValue ?? ""
    }

    public func int64(_ key: String) -> Int64 { Int64(value(key)) ?? 0 }
    public func bool(_ key: String) -> Bool { value(key) == "true" }

    /// Whether the broker compacts logs at all (`log.cleaner.enable`), and how long its cleaner rests when
    /// none needs it (`log.cleaner.backoff.ms`).
    public var logCleanerEnabled: Bool { bool("log.cleaner.enable") }
    public var logCleanerBackoffMs: Int64 { int64("log.cleaner.backoff.ms") }

    /// The value of a topic-level key for a topic with `overrides`, and where it came from. Synonyms follow
    /// Kafka's order: the topic's own value, then each layer's broker synonyms, then the default.
    public func topicEntry(_ definition: ConfigDefinition, overrides: [String: String]) -> ConfigEntry {
        var synonyms: [ConfigEntry.Synonym] = []
        var resolved: (String, ConfigSource)?
        if let own = overrides[definition.name] {
            synonyms.append(.init(name: definition.name, value: own, source: .topic))
            resolved = (own, .topic)
        }
        resolve(definition.brokerSynonyms, into: &synonyms, &resolved)
        synonyms.append(.init(name: definition.brokerSynonyms.first?.name ?? definition.name,
                              value: definition.defaultValue, source: .defaultValue))
        let (value, source) = resolved ?? (definition.defaultValue, .defaultValue)
        return ConfigEntry(name: definition.name, value: value, source: source, kind: definition.kind,
                           documentation: definition.documentation, synonyms: synonyms, readOnly: false)
    }

    /// Appends every layer's values of `keys` (layer by layer, as Kafka lists them) and takes the first as
    /// the value unless one is resolved already, converted to the unit of the key asked for.
    func resolve(_ keys: [(name: String, factor: Int64)], skipping skipped: Set<ConfigSource> = [],
                 into synonyms: inout [ConfigEntry.Synonym], _ resolved: inout (String, ConfigSource)?) {
        for layer in layers where !skipped.contains(layer.source) {
            for key in keys {
                guard let raw = layer.values[key.name] else { continue }
                let converted = key.factor == 1 ? raw : Int64(raw).map { String($0 < 0 ? $0 : $0 * key.factor) } ?? raw
                synonyms.append(.init(name: key.name, value: raw, source: layer.source))
                if resolved == nil { resolved = (converted, layer.source) }
            }
        }
    }

    public func topicValue(_ key: String, overrides: [String: String]) -> String {
        guard let definition = TopicConfigs.definition(key) else { return overrides[key] ?? "" }
        return topicEntry(definition, overrides: overrides).value
    }

    /// Every topic-level key resolved for a topic.
    public func topicEntries(overrides: [String: String]) -> [ConfigEntry] {
        TopicConfigs.definitions.map { topicEntry($0, overrides: overrides) }
    }

    /// The storage settings for a topic with `overrides`.
    public func logConfig(overrides: [String: String]) -> LogConfig {
        func long(_ key: String) -> Int64 { Int64(topicValue(key, overrides: overrides)) ?? 0 }
        var config = LogConfig()
        config.segmentBytes = Int(long("segment.bytes"))
        config.segmentMs = long("segment.ms")
        config.retentionMs = long("retention.ms")
        config.retentionBytes = long("retention.bytes")
        config.indexIntervalBytes = Int(long("index.interval.bytes"))
        config.maxMessageBytes = Int(long("max.message.bytes"))
        config.flushPolicy = long("flush.messages") == 1 ? .everyAppend : .pageCache
        config.cleanupPolicy = CleanupPolicy(configValue: topicValue("cleanup.policy", overrides: overrides)) ?? .delete
        config.deleteRetentionMs = long("delete.retention.ms")
        config.minCleanableDirtyRatio = Double(topicValue("min.cleanable.dirty.ratio", overrides: overrides)) ?? 0.5
        config.minCompactionLagMs = long("min.compaction.lag.ms")
        config.maxCompactionLagMs = long("max.compaction.lag.ms")
        return config
    }
}
