/// Kafka's `HasHeaderKey` predicate: true when the record has at least one header named `name`.
public final class HasHeaderKey: TransformPredicate {
    static let definition = ConfigDef([
        .smt("name", .string, nil, .medium, "The header name.", validator: TransformConfig.nonEmptyString("name")),
    ])

    private var name = ""

    public init() {}

    public var configDef: ConfigDef { Self.definition }

    public func configure(_ configs: [String: String]) throws {
        name = try TransformConfig(Self.definition, configs).string("name") ?? ""
    }

    public func test(_ record: ConnectRecord) -> Bool { record.headers.contains { $0.key == name } }
}
