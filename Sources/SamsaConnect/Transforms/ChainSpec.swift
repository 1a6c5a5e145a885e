/// The `transforms=`/`predicates=` part of a connector config read as Kafka's `ConnectorConfig.enrich` reads
/// it: one `transforms.<alias>.type` (plus implicit `predicate` and `negate`) and the transform's own keys,
/// prefixed, per transform alias; one `predicates.<alias>.type` and its keys per predicate alias.
struct ChainSpec {
    enum Resolution<Plugin> { case found(Plugin), problem(String) }

    let config: [String: String]
    let plugins: PluginRegistry
    let transformAliases: [String]
    let predicateAliases: [String]

    init(config: [String: String], plugins: PluginRegistry) {
        self.config = config
        self.plugins = plugins
        transformAliases = Self.unique(ConfigDef.list(config["transforms"]))
        predicateAliases = Self.unique(ConfigDef.list(config["predicates"]))
    }

    static func unique(_ aliases: [String]) -> [String] {
        var seen = Set<String>()
        return aliases.filter { seen.insert($0).inserted }
    }

    /// The settings under `prefix`, with the prefix removed (Kafka's `originalsWithPrefix`).
    static func strip(_ config: [String: String], prefix: String) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in config where k.hasPrefix(prefix) { out[String(k.dropFirst(prefix.count))] = v }
        return out
    }

    func resolveTransform(_ alias: String) -> Resolution<PluginRegistry.TransformPlugin> {
        let key = "transforms.\(alias).type"
        guard let name = config[key]?.trimmingCharacters(in: .whitespaces) else { return .problem(missing(key)) }
        if let plugin = plugins.transform(name) { return .found(plugin) }
        return .problem(wrongClass(key, name, kind: "Transformation", variants: plugins.transforms.map(\.className)))
    }

    func resolvePredicate(_ alias: String) -> Resolution<PluginRegistry.PredicatePlugin> {
        let key = "predicates.\(alias).type"
        guard let name = config[key]?.trimmingCharacters(in: .whitespaces) else { return .problem(missing(key)) }
        if let plugin = plugins.predicate(name) { return .found(plugin) }
        return .problem(wrongClass(key, name, kind: "Predicate", variants: plugins.predicates.map(\.className)))
    }

    private func missing(_ key: String) -> String { "Missing required configuration \"\(key)\" which has no default value." }

    /// Kafka's sentences for a class that is abstract (`InsertField` without `$Key`/`$Value`), is another kind
    /// of plugin, or does not exist.
    private func wrongClass(_ key: String, _ name: String, kind: String, variants: [String]) -> String {
        // `…InsertField` names the abstract outer class of `…InsertField$Key` and `…InsertField$Value`.
        let concrete = variants.filter { variant in
            guard let dollar = variant.firstIndex(of: "$") else { return false }
            return PluginRegistry.matches(String(variant[..<dollar]), name, suffix: nil)
        }
        if !concrete.isEmpty {
            return "This class is abstract and cannot be created. Did you mean \(concrete.joined(separator: ", "))?"
        }
        let others = plugins.transforms.map(\.className) + plugins.predicates.map(\.className)
            + plugins.converters.map(\.className) + plugins.headerConverters.map(\.className) + plugins.connectors.map(\.className)
        if let other = others.first(where: { PluginRegistry.matches($0, name, suffix: nil) }) {
            return "Class class \(other) does not implement the \(kind) interface"
        }
        return TransformConfig.invalid(key, name, "Class \(name) could not be found.")
    }

    /// Kafka's enriched ConfigDef for the transform and predicate keys, in Kafka's order; a key's group is
    /// `Transforms: <alias>` or `Predicates: <alias>`.
    func enrichedDef() -> ConfigDef {
        var def = ConfigDef([
            ConfigDef.Key(name: "transforms", type: .list, defaultValue: "", importance: .low,
                          documentation: "Aliases for the transformations to be applied to records.", group: "Transforms",
                          orderInGroup: 1, width: .long, displayName: "Transforms", validator: Self.aliasValidator("transforms")),
            ConfigDef.Key(name: "predicates", type: .list, defaultValue: "", importance: .low,
                          documentation: "Aliases for the predicates used by transformations.", group: "Predicates",
                          orderInGroup: 1, width: .long, displayName: "Predicates", validator: Self.aliasValidator("predicates")),
        ])
        for alias in transformAliases {
            let prefix = "transforms.\(alias).", group = "Transforms: \(alias)"
            def = def.define(ConfigDef.Key(name: prefix + "type", type: .class, defaultValue: nil, importance: .high,
                                           documentation: "Class for the '\(alias)' transformation.", group: group, orderInGroup: 0,
                                           width: .long, displayName: "Transformation type for \(alias)"))
            var own = [
                ConfigDef.Key.smt("predicate", .string, TransformConfig.nullDefault, .medium,
                                  "The alias of a predicate used to determine whether to apply this transformation."),
                ConfigDef.Key.smt("negate", .boolean, "false", .medium, "Whether the configured predicate should be negated."),
            ]
            if case .found(let plugin) = resolveTransform(alias) {
                // The implicit predicate/negate keys mask any of the transform's own with those names.
                own += plugin.make().configDef.keys.filter { $0.name != "predicate" && $0.name != "negate" }
            }
            for (i, key) in own.enumerated() { def = def.define(Self.embedded(key, prefix: prefix, group: group, order: i + 1)) }
        }
        for alias in predicateAliases {
            let prefix = "predicates.\(alias).", group = "Predicates: \(alias)"
            def = def.define(ConfigDef.Key(name: prefix + "type", type: .class, defaultValue: nil, importance: .high,
                                           documentation: "Class for the '\(alias)' predicate.", group: group, orderInGroup: 0,
                                           width: .long, displayName: "Predicate type for \(alias)"))
            if case .found(let plugin) = resolvePredicate(alias) {
                for (i, key) in plugin.make().configDef.keys.enumerated() {
                    def = def.define(Self.embedded(key, prefix: prefix, group: group, order: i + 1))
                }
            }
        }
        return def
    }

    /// Kafka's `ConfigDef.embed`: the key under its prefix; validators still name the unprefixed key.
    private static func embedded(_ key: ConfigDef.Key, prefix: String, group: String, order: Int) -> ConfigDef.Key {
        var k = key
        k.name = prefix + key.name
        k.group = group
        k.orderInGroup = order
        if k.displayName == key.name { k.displayName = k.name }
        return k
    }

    /// Kafka's alias validator on `transforms` and `predicates`.
    private static func aliasValidator(_ name: String) -> @Sendable (String) -> String? {
        { value in
            let aliases = ConfigDef.list(value)
            return Set(aliases).count < aliases.count ? TransformConfig.invalid(name, TransformConfig.javaList(aliases), "Duplicate alias provided.") : nil
        }
    }

    /// Every key's errors, as Kafka's validate reports them (class problems on `…type`).
    func errors() -> (def: ConfigDef, errors: [String: [String]]) {
        let def = enrichedDef()
        var errors = def.validate(config)
        for alias in transformAliases {
            let prefix = "transforms.\(alias)."
            if case .problem(let p) = resolveTransform(alias), config[prefix + "type"] != nil { errors[prefix + "type"] = [p] }
            if config[prefix + "negate"] != nil, config[prefix + "predicate"] == nil {
                errors[prefix + "type", default: []].append("Config '\(prefix)negate' was provided but there is no config '\(prefix)predicate' defining a predicate to be negated.")
            }
            if let p = config[prefix + "predicate"]?.trimmingCharacters(in: .whitespaces), !p.isEmpty, !predicateAliases.contains(p) {
                errors[prefix + "predicate", default: []].append("Unknown configuration 'predicates.\(p).type'")
            }
        }
        for alias in predicateAliases {
            let key = "predicates.\(alias).type"
            if case .problem(let p) = resolvePredicate(alias), config[key] != nil { errors[key] = [p] }
        }
        return (def, errors)
    }

    /// The first problem in Kafka's key order, or nil when the chain can be built.
    func firstProblem() -> String? {
        let (def, errors) = errors()
        for key in def.keys { if let first = errors[key.name]?.first { return first } }
        return nil
    }
}
