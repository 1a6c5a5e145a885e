/// Kafka's `RegexRouter`: when `regex` matches the whole topic, the topic becomes `replacement` (Java's
/// `Matcher.replaceFirst`, so `$1` refers to a group); other records pass unchanged.
public final class RegexRouter: Transformation {
    static let definition = ConfigDef([
        .smt("regex", .string, nil, .high, "Regular expression to use for matching.",
             validator: { JavaRegex.validationProblem("regex", $0) }),
        .smt("replacement", .string, nil, .high, "Replacement string."),
    ])

    private var regex: JavaRegex?
    private var replacement = ""

    public init() {}

    public var configDef: ConfigDef { Self.definition }

    public func configure(_ configs: [String: String]) throws {
        let config = try TransformConfig(Self.definition, configs)
        regex = try JavaRegex(config.string("regex") ?? "")
        replacement = config.string("replacement") ?? ""
    }

    public func apply(_ record: ConnectRecord) throws -> ConnectRecord? {
        guard let regex, let topic = try regex.replaceWhole(record.topic, with: replacement) else { return record }
        return record.newRecord(topic: topic)
    }
}
