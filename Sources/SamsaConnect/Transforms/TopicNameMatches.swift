/// Kafka's `TopicNameMatches` predicate: true when `pattern` (a Java regex) matches the whole topic name.
public final class TopicNameMatches: TransformPredicate {
    static let definition = ConfigDef([
        .smt("pattern", .string, nil, .medium, "A Java regular expression for matching against the name of a record's topic.",
             validator: { value in TransformConfig.nonEmptyString("pattern")(value) ?? JavaRegex.validationProblem("pattern", value) }),
    ])

    private var pattern: JavaRegex?

    public init() {}

    public var configDef: ConfigDef { Self.definition }

    public func configure(_ configs: [String: String]) throws {
        let config = try TransformConfig(Self.definition, configs)
        let value = config.string("pattern") ?? ""
        do { pattern = try JavaRegex(value) } catch {
            throw ConnectError.config(TransformConfig.invalid("pattern", value, "entry must be a Java-compatible regular expression: \((error as? ConnectError)?.message ?? "")"))
        }
    }

    public func test(_ record: ConnectRecord) -> Bool { pattern?.matches(record.topic) ?? false }
}
