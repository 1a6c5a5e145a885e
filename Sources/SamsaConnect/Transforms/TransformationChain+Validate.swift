extension TransformationChain {
    /// The transform and predicate part of `PUT /connector-plugins/{plugin}/config/validate`: every key Kafka's
    /// enriched connector config defines for `transforms`/`predicates` (in Kafka's order, with their groups),
    /// each with its value and its errors.
    public struct Validation {
        public var groups: [String]
        public var configs: [(definition: ConfigDef.Key, value: ConfigInfos.Value)]
        public var errorCount: Int { configs.reduce(0) { $0 + $1.value.errors.count } }
        /// Errors by key, only for keys that have some.
        public var errorsByKey: [String: [String]] {
            Dictionary(uniqueKeysWithValues: configs.filter { !$0.value.errors.isEmpty }.map { ($0.definition.name, $0.value.errors) })
        }
    }

    /// Validates the transform and predicate settings without configuring anything (as Kafka's validate).
    public static func validate(config: [String: String], plugins: PluginRegistry = .builtin) -> Validation {
        let spec = ChainSpec(config: config, plugins: plugins)
        let (def, errors) = spec.errors()
        var groups: [String] = []
        var configs: [(definition: ConfigDef.Key, value: ConfigInfos.Value)] = []
        for key in def.keys {
            if let g = key.group, !groups.contains(g) { groups.append(g) }
            var recommended: [String] = []
            if key.name.hasPrefix("transforms."), key.name.hasSuffix(".type") { recommended = plugins.transforms.map(\.className) }
            if key.name.hasPrefix("predicates."), key.name.hasSuffix(".type") { recommended = plugins.predicates.map(\.className) }
            let value = config[key.name] ?? (key.defaultValue == TransformConfig.nullDefault && key.type != .list ? nil : key.defaultValue)
            configs.append((key, ConfigInfos.Value(name: key.name, value: value, recommendedValues: recommended, errors: errors[key.name] ?? [])))
        }
        return Validation(groups: groups, configs: configs)
    }
}
