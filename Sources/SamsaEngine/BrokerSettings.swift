import SamsaStorage

/// Where a configuration value came from, numbered as DescribeConfigs reports it.
public enum ConfigSource: Int8, Sendable {
    case topic = 1          // DYNAMIC_TOPIC_CONFIG: set on the topic
    case staticBroker = 4   // STATIC_BROKER_CONFIG: server.properties or a command-line flag
    case defaultValue = 5   // DEFAULT_CONFIG
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

/// Broker-wide settings: the values set in server.properties or by flags, over Kafka's defaults. Topic
/// configs fall back to these through each topic key's broker synonyms.
public struct BrokerSettings: Sendable, Equatable {
    public var explicit: [String: String]

    public init(_ explicit: [String: String] = [:]) {
        self.explicit = explicit
    }

    public func value(_ key: String) -> String {
        explicit[key] ?? BrokerConfigs.definition(key)?.defaultValue ?? ""
    }

    public func int64(_ key: String) -> Int64 { Int64(value(key)) ?? 0 }
    public func bool(_ key: String) -> Bool { value(key) == "true" }

    /// Whether the broker compacts logs at all (`log.cleaner.enable`), and how long its cleaner rests when
    /// none needs it (`log.cleaner.backoff.ms`).
    public var logCleanerEnabled: Bool { bool("log.cleaner.enable") }
    public var logCleanerBackoffMs: Int64 { int64("log.cleaner.backoff.ms") }

    /// The value of a topic-level key for a topic with `overrides`, and where it came from.
    public func topicEntry(_ definition: ConfigDefinition, overrides: [String: String]) -> ConfigEntry {
        var synonyms: [ConfigEntry.Synonym] = []
        var resolved: (String, ConfigSource)?
        if let own = overrides[definition.name] {
            synonyms.append(.init(name: definition.name, value: own, source: .topic))
            resolved = (own, .topic)
        }
        for synonym in definition.brokerSynonyms {
            guard let raw = explicit[synonym.name] else { continue }
            let converted = synonym.factor == 1 ? raw : Int64(raw).map { String($0 < 0 ? $0 : $0 * synonym.factor) } ?? raw
            synonyms.append(.init(name: synonym.name, value: raw, source: .staticBroker))
            if resolved == nil { resolved = (converted, .staticBroker) }
        }
        synonyms.append(.init(name: definition.brokerSynonyms.first?.name ?? definition.name,
                              value: definition.defaultValue, source: .defaultValue))
        let (value, source) = resolved ?? (definition.defaultValue, .defaultValue)
        return ConfigEntry(name: definition.name, value: value, source: source, kind: definition.kind,
                           documentation: definition.documentation, synonyms: synonyms, readOnly: false)
    }

    public func topicValue(_ key: String, overrides: [String: String]) -> String {
        guard let definition = TopicConfigs.definition(key) else { return overrides[key] ?? "" }
        return topicEntry(definition, overrides: overrides).value
    }

    /// Every topic-level key resolved for a topic.
    public func topicEntries(overrides: [String: String]) -> [ConfigEntry] {
        TopicConfigs.definitions.map { topicEntry($0, overrides: overrides) }
    }

    /// Every broker-level key with its value and source.
    public func brokerEntries() -> [ConfigEntry] {
        BrokerConfigs.definitions.map { definition in
            let own = explicit[definition.name]
            var synonyms: [ConfigEntry.Synonym] = []
            if let own { synonyms.append(.init(name: definition.name, value: own, source: .staticBroker)) }
            synonyms.append(.init(name: definition.name, value: definition.defaultValue, source: .defaultValue))
            return ConfigEntry(name: definition.name, value: own ?? definition.defaultValue,
                               source: own == nil ? .defaultValue : .staticBroker, kind: definition.kind,
                               documentation: definition.documentation, synonyms: synonyms, readOnly: true)
        }
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
