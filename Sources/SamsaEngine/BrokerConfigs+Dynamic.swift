extension BrokerConfigs {
    /// Broker keys that can change at run time (IncrementalAlterConfigs on a broker or the cluster default):
    /// the broker defaults of topic configs, as Kafka's DynamicLogConfig allows. Every other key is read-only.
    public static let dynamicNames: Set<String> = Set(TopicConfigs.definitions.compactMap { $0.brokerSynonyms.first?.name })

    public static func isDynamic(_ name: String) -> Bool { dynamicNames.contains(name) }

    /// The keys that set broker key `name`, most specific first with their unit factor
    /// (log.retention.ms ← log.retention.minutes × 60,000 ← log.retention.hours × 3,600,000).
    static func synonyms(of name: String) -> [(name: String, factor: Int64)] {
        TopicConfigs.definitions.first { $0.brokerSynonyms.first?.name == name }?.brokerSynonyms ?? [(name: name, factor: Int64(1))]
    }
}

extension BrokerSettings {
    /// Every broker key with its value, source and synonyms. For a broker (`perBroker`) every key; for the
    /// cluster-default entity only the keys set there, as Kafka describes `--entity-default`.
    public func brokerEntries(perBroker: Bool = true) -> [ConfigEntry] {
        BrokerConfigs.definitions.compactMap { definition in
            if !perBroker && dynamicDefault[definition.name] == nil { return nil }
            var synonyms: [ConfigEntry.Synonym] = []
            var resolved: (String, ConfigSource)?
            resolve(BrokerConfigs.synonyms(of: definition.name), skipping: perBroker ? [] : [.dynamicBroker],
                    into: &synonyms, &resolved)
            synonyms.append(.init(name: definition.name, value: definition.defaultValue, source: .defaultValue))
            let (value, source) = resolved ?? (definition.defaultValue, .defaultValue)
            return ConfigEntry(name: definition.name, value: value, source: source, kind: definition.kind,
                               documentation: definition.documentation, synonyms: synonyms,
                               readOnly: !BrokerConfigs.isDynamic(definition.name))
        }
    }
}
