extension PluginRegistry {
    private static let smt = "org.apache.kafka.connect.transforms."

    /// A `$Key` and a `$Value` plugin for a transform that works on either half of a record.
    private static func keyAndValue(_ name: String, _ make: @escaping @Sendable (RecordPart) -> any Transformation) -> [TransformPlugin] {
        [TransformPlugin(className: smt + name + "$Key") { make(.key) },
         TransformPlugin(className: smt + name + "$Value") { make(.value) }]
    }

    /// Kafka's SMTs, `$Key`/`$Value` variants listed separately.
    static let builtinTransforms: [TransformPlugin] =
        keyAndValue("Cast") { Cast(part: $0) }
        + keyAndValue("ExtractField") { ExtractField(part: $0) }
        + keyAndValue("Flatten") { Flatten(part: $0) }
        + keyAndValue("HeaderFrom") { HeaderFrom(part: $0) }
        + keyAndValue("HoistField") { HoistField(part: $0) }
        + keyAndValue("InsertField") { InsertField(part: $0) }
        + keyAndValue("MaskField") { MaskField(part: $0) }
        + keyAndValue("ReplaceField") { ReplaceField(part: $0) }
        + keyAndValue("SetSchemaMetadata") { SetSchemaMetadata(part: $0) }
        + keyAndValue("TimestampConverter") { TimestampConverter(part: $0) }
        + [
            TransformPlugin(className: smt + "DropHeaders") { DropHeaders() },
            TransformPlugin(className: smt + "Filter") { Filter() },
            TransformPlugin(className: smt + "InsertHeader") { InsertHeader() },
            TransformPlugin(className: smt + "RegexRouter") { RegexRouter() },
            TransformPlugin(className: smt + "TimestampRouter") { TimestampRouter() },
            TransformPlugin(className: smt + "ValueToKey") { ValueToKey() },
        ]

    /// TopicNameMatches, HasHeaderKey, RecordIsTombstone.
    static let builtinPredicates: [PredicatePlugin] = [
        PredicatePlugin(className: smt + "predicates.HasHeaderKey") { HasHeaderKey() },
        PredicatePlugin(className: smt + "predicates.RecordIsTombstone") { RecordIsTombstone() },
        PredicatePlugin(className: smt + "predicates.TopicNameMatches") { TopicNameMatches() },
    ]
}
